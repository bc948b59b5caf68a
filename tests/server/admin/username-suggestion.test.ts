import { describe, expect, it } from 'vitest';
import { baseUsername, firstFreeUsername } from '../../../server/admin/username-suggestion';
import { USERNAME_PATTERN } from '../../../server/auth/users';

describe('username suggestion', () => {
  it.each([
    ['Jane Doe', 'jdoe'],
    ['Zoë van der Berg', 'zberg'],
    ['Madonna', 'madonna'],
    ['  José   María  Núñez ', 'jnunez'],
    ["O'Brien, Pat", 'opat'],
    ['李小龙', 'user'],
    ['!!!', 'user'],
  ])('%j → %j', (name, expected) => {
    expect(baseUsername(name)).toBe(expected);
    expect(USERNAME_PATTERN.test(baseUsername(name))).toBe(true);
  });

  it('appends the first free number', () => {
    expect(firstFreeUsername('jdoe', new Set())).toBe('jdoe');
    expect(firstFreeUsername('jdoe', new Set(['jdoe']))).toBe('jdoe2');
    expect(firstFreeUsername('jdoe', new Set(['jdoe', 'jdoe2', 'jdoe3']))).toBe('jdoe4');
  });

  it('keeps long names short', () => {
    expect(baseUsername(`A ${'b'.repeat(80)}`).length).toBeLessThanOrEqual(30);
  });
});
