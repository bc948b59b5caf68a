import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ButtonRow, DialogActions, PASSCODE_INPUT, SubmitButton, TextField } from '../../../renderer/src/ui/form-fields';

const noop = () => undefined;

describe('TextField', () => {
  it('ties its label to the input by a generated id and passes the input attributes on', () => {
    const html = renderToStaticMarkup(
      <TextField label="Username" type="text" autoComplete="username" value="ada" onChange={noop} />,
    );
    const id = /<label for="([^"]+)">Username<\/label>/.exec(html)?.[1];
    expect(id).toBeTruthy();
    expect(html).toContain(`id="${id}"`);
    expect(html).toMatch(/^<div class="field"><label/);
    expect(html).toContain('value="ada"');
    expect(html).toContain('autoComplete="username"');
  });

  it('keeps a given id and renders its children after the input, inside the field', () => {
    const html = renderToStaticMarkup(
      <TextField id="code" label="Passcode" {...PASSCODE_INPUT} value="" onChange={noop}>
        <span className="muted">hint</span>
      </TextField>,
    );
    expect(html).toContain('<label for="code">Passcode</label>');
    expect(html).toMatch(/<input id="code"[^>]*\/><span class="muted">hint<\/span><\/div>$/);
    expect(html).toContain('autoComplete="one-time-code"');
    expect(html).toContain('spellCheck="false"');
  });
});

describe('SubmitButton', () => {
  it('refuses with a spinner while busy and without one when not ready', () => {
    const busy = renderToStaticMarkup(<SubmitButton busy>OK</SubmitButton>);
    expect(busy).toBe(
      '<button type="submit" class="button primary" aria-disabled="true"><span class="spinner" aria-hidden="true"></span>OK</button>',
    );
    const notReady = renderToStaticMarkup(<SubmitButton disabled className="button secondary">Go</SubmitButton>);
    expect(notReady).toBe('<button type="submit" class="button secondary" aria-disabled="true">Go</button>');
    expect(renderToStaticMarkup(<SubmitButton>Go</SubmitButton>)).toBe(
      '<button type="submit" class="button primary">Go</button>',
    );
  });
});

describe('DialogActions and ButtonRow', () => {
  it('a dialog footer puts Cancel first, then the submit button', () => {
    const html = renderToStaticMarkup(<DialogActions submitLabel="OK" busy onCancel={noop} />);
    expect(html).toBe(
      '<div class="dialog-actions"><button type="button" class="button secondary">Cancel</button>' +
        '<button type="submit" class="button primary" aria-disabled="true"><span class="spinner" aria-hidden="true"></span>OK</button></div>',
    );
    expect(renderToStaticMarkup(<DialogActions submitLabel="Go" cancelLabel="Back" submitClassName="button secondary" onCancel={noop} />)).toBe(
      '<div class="dialog-actions"><button type="button" class="button secondary">Back</button>' +
        '<button type="submit" class="button secondary">Go</button></div>',
    );
  });

  it('an inline row puts the submit button first; busy refuses without a spinner unless asked', () => {
    expect(renderToStaticMarkup(<ButtonRow submitLabel="Verify" busy onCancel={noop} />)).toBe(
      '<div class="button-row"><button type="submit" class="button primary" aria-disabled="true">Verify</button>' +
        '<button type="button" class="button secondary">Cancel</button></div>',
    );
    expect(renderToStaticMarkup(<ButtonRow small submitLabel="Save" onCancel={noop} />)).toBe(
      '<span class="button-row"><button type="submit" class="button primary small">Save</button>' +
        '<button type="button" class="button secondary small">Cancel</button></span>',
    );
    expect(renderToStaticMarkup(<ButtonRow spinner busy submitLabel="Log In" cancelLabel="Back" onCancel={noop} />)).toContain(
      '<span class="spinner" aria-hidden="true"></span>Log In</button><button type="button" class="button secondary">Back</button>',
    );
  });
});
