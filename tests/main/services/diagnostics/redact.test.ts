import { describe, expect, it } from 'vitest';
import { REDACTED, printable, redact } from '../../../../main/services/diagnostics/redact';
import { RingLog } from '../../../../main/services/diagnostics/log';

const token = 'q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c';
const secrets: Array<[string, string]> = [
  ['bearer header', `Authorization: Bearer ${token}`],
  ['bearer lower-case', `authorization: bearer ${token}`],
  ['token query', `GET /api/v1/apps?token=${'abc123'}&x=1`],
  ['password form', 'username=demo&password=Hunter2!xyz'],
  ['password json', '{"username":"demo","password":"Hunter2! xyz"}'],
  ['passcode', 'passcode: 123456'],
  ['logon ticket (ICA)', 'LogonTicket=0123456789ABCDEF0123456789ABCDEF'],
  ['light ticket url', 'http://127.0.0.1:8443/light/ecapture-qc?ticket=Zx9_Ab-3'],
  ['base64url 32+', `sealed blob ${Buffer.from('a'.repeat(40)).toString('base64url')}1 end`],
  ['jwt', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcDEF123_-x'],
  ['cookie', 'Cookie: portico_session=s3cr3t; other=1'],
  ['url credentials', 'ftps://demo:s3cr3tpw@files.example.com:21/'],
  ['one-time code', 'entered 482913 for the second factor'],
  ['pem', '-----BEGIN PRIVATE KEY-----\nMIIEv\n-----END PRIVATE KEY-----'],
  ['session id', 'sessionId: 9f8e7d6c'],
];

describe('redact', () => {
  it.each(secrets)('hides %s', (_name, line) => {
    const out = redact(line);
    expect(out).toContain(REDACTED);
    for (const secret of [token, 'abc123', 'Hunter2', 'Zx9_Ab-3', '482913', 's3cr3t', 'MIIEv', '9f8e7d6c', '0123456789ABCDEF']) {
      expect(out).not.toContain(secret);
    }
  });

  it('keeps what support needs', () => {
    const line = 'OK   Portal (HTTP health): http://127.0.0.1:8443/api/v1/health — HTTP 200 (12 ms) on linux 6.1.0 v0.1.0 2026-11-22T23:22:43.000Z';
    expect(redact(line)).toBe(line);
    expect(redact('Address: https://portal.example.com')).toBe('Address: https://portal.example.com');
  });

  it('is idempotent', () => {
    for (const [, line] of secrets) expect(redact(redact(line))).toBe(redact(line));
  });

  it('printable removes control characters but keeps newlines and tabs', () => {
    expect(printable('a\u0000b\u001b[31mc\td\ne\u2028f')).toBe('a b [31mc\td\ne f');
  });

  it('printable also blanks out C1 controls, bidi controls and lone surrogates', () => {
    expect(printable('a\u009bb\u202ec\u2067d\uDC00e 😀')).toBe('a b c d e 😀');
  });
});

describe('RingLog', () => {
  it('keeps the most recent lines, redacted and timestamped', () => {
    let now = Date.UTC(2026, 0, 1);
    const log = new RingLog(3, () => (now += 1000));
    for (let i = 0; i < 5; i += 1) log.write(`line ${i} token=secret${i}`);
    const lines = log.recent();
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^2026-01-01T00:00:03\.000Z line 2 token=\[redacted\]$/);
    expect(lines.join('\n')).not.toMatch(/secret\d/);
  });

  it('tee forwards to the next sink and cuts very long lines', () => {
    const seen: string[] = [];
    const log = new RingLog(10);
    log.tee((line) => seen.push(line))('x'.repeat(5000));
    expect(seen).toHaveLength(1);
    expect(log.recent()[0]!.length).toBeLessThan(1100);
  });
});
