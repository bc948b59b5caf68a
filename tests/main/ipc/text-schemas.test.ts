import { describe, expect, it } from 'vitest';
import { adminChannelSchemas } from '../../../main/ipc/admin-schemas';
import { usernameSchema } from '../../../main/ipc/field-schemas';
import { mfaChannelSchemas } from '../../../main/ipc/mfa-schemas';
import { relativePathSchema, remoteNameSchema, remotePathSchema } from '../../../main/ipc/transfer-schemas';

/** One of each class the text guard refuses: C0, CR, DEL, C1, line separator, bidi override and isolate, lone surrogate. */
const HOSTILE = ['\u0000', '\r', '\u007f', '\u0085', '\u2028', '\u202E', '\u2066', '\uD800'];

describe('IPC text fields', () => {
  it('usernames are one safe line', () => {
    expect(usernameSchema.safeParse('zoë😀').success).toBe(true);
    for (const c of [...HOSTILE, '\n', '\t']) expect(usernameSchema.safeParse(`a${c}b`).success, JSON.stringify(c)).toBe(false);
  });

  it('remote paths, names and dropped relative paths are safe lines', () => {
    expect(remotePathSchema.safeParse('/Fotos/😀.jpg').success).toBe(true);
    expect(remoteNameSchema.safeParse('Grüße 😀').success).toBe(true);
    expect(relativePathSchema.safeParse('a/😀.txt').success).toBe(true);
    for (const c of [...HOSTILE, '\n']) {
      expect(remotePathSchema.safeParse(`/a${c}b`).success, JSON.stringify(c)).toBe(false);
      expect(remoteNameSchema.safeParse(`a${c}b`).success, JSON.stringify(c)).toBe(false);
      expect(relativePathSchema.safeParse(`a/${c}b`).success, JSON.stringify(c)).toBe(false);
    }
  });

  it('access requests: names are lines, notes keep line feeds but refuse tabs', () => {
    const create = adminChannelSchemas['requests:create'];
    const base = { fullName: 'Ann', email: 'ann@example.com' };
    expect(create.safeParse([{ ...base, note: 'one\ntwo 😀' }]).success).toBe(true);
    expect(create.safeParse([{ ...base, note: 'one\ttwo' }]).success).toBe(false);
    for (const c of HOSTILE) {
      expect(create.safeParse([{ ...base, fullName: `A${c}n` }]).success, JSON.stringify(c)).toBe(false);
      expect(create.safeParse([{ ...base, note: `one${c}two` }]).success, JSON.stringify(c)).toBe(false);
      expect(adminChannelSchemas['admin:decline-request'].safeParse([{ id: '0'.repeat(36), reason: `no${c}` }]).success).toBe(false);
      expect(adminChannelSchemas['admin:list-users'].safeParse([{ query: `q${c}` }]).success).toBe(false);
    }
  });

  it('device names are one safe line without invisible characters, as the portal checks', () => {
    const rename = mfaChannelSchemas['mfa:rename-device'];
    const id = '0b7e7f5e-8d0c-4c4b-9a8e-3f0f6f7a1b2c';
    expect(rename.safeParse([{ id, name: 'Work phone 😀' }]).success).toBe(true);
    for (const c of [...HOSTILE, '\n', '\u200b', '\uFEFF']) {
      expect(rename.safeParse([{ id, name: `Work${c}phone` }]).success, JSON.stringify(c)).toBe(false);
    }
  });
});
