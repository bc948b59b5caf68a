import { describe, expect, it } from 'vitest';
import { auditQuery, declineBody, fullNameSchema, newRequestBody, userListQuery } from '../../../server/admin/schemas';

const HOSTILE = ['a\u0000b', 'a\rb', 'a\u007fb', 'a\u0085b', 'a\u2028b', 'a\u202Eb', 'a\u2067b', 'a\uD800b'];

describe('admin input schemas', () => {
  it('full names are one trimmed, safe line', () => {
    expect(fullNameSchema.parse('  Zoë Ærø 😀  ')).toBe('Zoë Ærø 😀');
    for (const name of [...HOSTILE, 'a\nb', 'a\tb']) expect(fullNameSchema.safeParse(name).success, JSON.stringify(name)).toBe(false);
  });

  it('notes and decline reasons keep line feeds but refuse tabs and every other unsafe character', () => {
    const request = { fullName: 'Ann', email: 'ann@example.com' };
    expect(newRequestBody.parse({ ...request, note: 'line one\nline two' }).note).toBe('line one\nline two');
    expect(declineBody.parse({ reason: 'no\nthanks' }).reason).toBe('no\nthanks');
    for (const text of [...HOSTILE, 'a\tb']) {
      expect(newRequestBody.safeParse({ ...request, note: text }).success, JSON.stringify(text)).toBe(false);
      expect(declineBody.safeParse({ reason: text }).success, JSON.stringify(text)).toBe(false);
    }
  });

  it('search texts are safe lines', () => {
    expect(userListQuery.parse({}).query).toBe('');
    expect(auditQuery.safeParse({ q: 'bob 😀', username: 'bob' }).success).toBe(true);
    for (const text of HOSTILE) {
      expect(userListQuery.safeParse({ query: text }).success, JSON.stringify(text)).toBe(false);
      expect(auditQuery.safeParse({ q: text }).success, JSON.stringify(text)).toBe(false);
      expect(auditQuery.safeParse({ username: text }).success, JSON.stringify(text)).toBe(false);
    }
  });
});
