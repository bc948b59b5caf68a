import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ChoiceForm } from '../../../renderer/src/ui/ChoiceForm';

const noop = () => undefined;

describe('ChoiceForm', () => {
  it('renders one radio group under its legend, the chosen option checked, hints where given, then Continue', () => {
    const html = renderToStaticMarkup(
      <ChoiceForm
        legend="What type of device?"
        choices={[
          { value: 'mobile', label: 'Mobile phone', hint: 'Recommended' },
          { value: 'tablet', label: 'Tablet' },
        ]}
        value="tablet"
        onChange={noop}
        onContinue={noop}
      />,
    );
    expect(html).toContain('<fieldset class="choice-list"><legend>What type of device?</legend>');
    const radios = html.match(/<input type="radio"[^>]*\/>/g) ?? [];
    expect(radios).toHaveLength(2);
    const names = radios.map((r) => /name="([^"]+)"/.exec(r)?.[1]);
    expect(names[0]).toBeTruthy();
    expect(names[1]).toBe(names[0]);
    expect(radios[0]).not.toContain('checked');
    expect(radios[1]).toContain('checked');
    expect(html).toContain('<span>Mobile phone</span><span class="muted small">Recommended</span></label>');
    expect(html).toContain('<span>Tablet</span></label>');
    expect(html).toMatch(/<\/fieldset><div class="dialog-actions"><button type="submit" class="button primary">Continue<\/button><\/div><\/form>$/);
  });
});
