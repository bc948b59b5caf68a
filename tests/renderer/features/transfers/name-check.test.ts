import { describe, expect, it } from 'vitest';
import { checkNewName } from '../../../../renderer/src/features/transfers/name-check';

describe('checkNewName (New folder and Rename)', () => {
  const taken = ['a.txt', 'b.txt', 'docs'];
  it('refuses empty, reserved, path-like and control-character names', () => {
    expect(checkNewName('  ', taken)).toBe('Enter a name.');
    expect(checkNewName('..', taken)).toMatch(/reserved/);
    expect(checkNewName('.', taken)).toMatch(/reserved/);
    expect(checkNewName('x/y', taken)).toMatch(/cannot contain/);
    expect(checkNewName('x\\y', taken)).toMatch(/cannot contain/);
    expect(checkNewName('bell\u0007', taken)).toMatch(/control characters/);
    expect(checkNewName('n'.repeat(256), taken)).toMatch(/255/);
  });
  it('refuses a name the folder holds, except the entry keeping its own name', () => {
    expect(checkNewName('b.txt', taken, 'a.txt')).toBe(
      'A file or folder named “b.txt” already exists here. Choose another name.',
    );
    expect(checkNewName('docs', taken)).toMatch(/already exists/);
    expect(checkNewName('a.txt', taken, 'a.txt')).toBeNull();
    expect(checkNewName(' c.txt ', taken, 'a.txt')).toBeNull();
  });
});
