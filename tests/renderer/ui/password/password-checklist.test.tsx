import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PasswordChecklist } from '../../../../renderer/src/ui/password/PasswordChecklist';
import { DEFAULT_PASSWORD_POLICY } from '../../../../server/policy/password-policy';

const policy = { ...DEFAULT_PASSWORD_POLICY };
const states = (html: string) =>
  [...html.matchAll(/data-rule="([^"]+)" data-state="([^"]+)"/g)].map((m) => [m[1], m[2]]);

describe('the password checklist', () => {
  it('marks nothing red (nor green) for an empty field', () => {
    const html = renderToStaticMarkup(<PasswordChecklist password="" policy={policy} username="alice" />);
    const shown = states(html);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter(([, state]) => state === 'unmet' || state === 'met')).toEqual([]);
    expect(html).not.toContain('✗');
    expect(html).not.toContain('(not met yet)');
    // Rules only the portal checks still say so.
    expect(shown).toContainEqual(['not-recent', 'pending']);
  });

  it('once the user types, marks each rule met or not', () => {
    const shown = Object.fromEntries(
      states(renderToStaticMarkup(<PasswordChecklist password="short" policy={policy} />)),
    );
    expect(shown['min-length']).toBe('unmet');
    expect(shown['max-length']).toBe('met');
    expect(shown['not-recent']).toBe('pending');
  });
});
