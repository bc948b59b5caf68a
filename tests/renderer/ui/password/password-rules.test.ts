import { describe, expect, it } from 'vitest';
import {
  canSubmit,
  checklist,
  describeRefusal,
} from '../../../../renderer/src/ui/password/password-rules';
import { DEFAULT_PASSWORD_POLICY } from '../../../../server/policy/password-policy';

const policy = { ...DEFAULT_PASSWORD_POLICY };

describe('live checklist (the shared policy module)', () => {
  it('marks length and classes as the user types; server-only rules stay unchecked', () => {
    const short = checklist('Ab1!xyz', policy, 'alice');
    expect(short.rules.find((r) => r.id === 'min-length')).toMatchObject({ met: false, checked: true });
    const ok = checklist('Ab1!xyzw', policy, 'alice');
    expect(ok.rules.find((r) => r.id === 'min-length')).toMatchObject({ met: true });
    expect(ok.rules.find((r) => r.id === 'classes')).toMatchObject({ met: true });
    expect(ok.unchecked).toEqual(expect.arrayContaining(['not-common', 'not-recent']));
  });

  it('follows the portal policy it is given', () => {
    expect(
      checklist('Abcdefgh1', { ...policy, minLength: 12 }).rules.find((r) => r.id === 'min-length')?.met,
    ).toBe(false);
  });

  it('allows sending only when the checkable rules hold and the confirmation matches', () => {
    expect(canSubmit('Ab1!xyzw', 'Ab1!xyzw', policy, 'alice')).toBe(true);
    expect(canSubmit('Ab1!xyzw', 'Ab1!xyzW', policy, 'alice')).toBe(false);
    expect(canSubmit('abcdefgh', 'abcdefgh', policy, 'alice')).toBe(false);
    expect(canSubmit('Alice-2026!', 'Alice-2026!', policy, 'alice')).toBe(false);
  });

  it('explains the portal refusal in words, ignoring unknown rule ids', () => {
    expect(describeRefusal('not-recent')).toContain('one of your recent passwords');
    expect(describeRefusal('not-common,classes')).toContain('common password');
    expect(describeRefusal('<script>')).toBe(
      'The portal did not accept the new password. Choose another one.',
    );
    expect(describeRefusal(undefined)).toContain('did not accept');
  });
});
