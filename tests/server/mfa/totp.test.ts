import { createHmac } from 'node:crypto';
import { ScureBase32Plugin } from 'otplib';
import { describe, expect, it } from 'vitest';
import { createTotpSecret, encodeTotpSecret, otpauthUri, verifyTotp } from '../../../server/mfa/totp';
import type { TotpAlgorithm } from '../../../server/mfa/totp';

/** Independent RFC 4226 reference (node:crypto), so the tests do not trust the library under test. */
function hotp(key: Buffer, counter: number, algorithm: TotpAlgorithm = 'sha1', digits = 6): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(bin % 10 ** digits).padStart(digits, '0');
}

const SEEDS: Record<TotpAlgorithm, Buffer> = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};

describe('reference HOTP', () => {
  it('matches RFC 4226 Appendix D', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, i) => hotp(SEEDS.sha1, i))).toEqual(expected);
  });
});

describe('verifyTotp: RFC 6238 Appendix B through the server path', () => {
  // [time in seconds, expected TOTP, mode] — the table of RFC 6238 Appendix B.
  const vectors: Array<[number, string, TotpAlgorithm]> = [
    [59, '94287082', 'sha1'],
    [59, '46119246', 'sha256'],
    [59, '90693936', 'sha512'],
    [1111111109, '07081804', 'sha1'],
    [1111111109, '68084774', 'sha256'],
    [1111111109, '25091201', 'sha512'],
    [1111111111, '14050471', 'sha1'],
    [1111111111, '67062674', 'sha256'],
    [1111111111, '99943326', 'sha512'],
    [1234567890, '89005924', 'sha1'],
    [1234567890, '91819424', 'sha256'],
    [1234567890, '93441116', 'sha512'],
    [2000000000, '69279037', 'sha1'],
    [2000000000, '90698825', 'sha256'],
    [2000000000, '38618901', 'sha512'],
    [20000000000, '65353130', 'sha1'],
    [20000000000, '77737706', 'sha256'],
    [20000000000, '47863826', 'sha512'],
  ];

  it.each(vectors)('T=%i → %s (%s)', (t, code, algorithm) => {
    const secret = encodeTotpSecret(SEEDS[algorithm]);
    const step = Math.floor(t / 30);
    expect(hotp(SEEDS[algorithm], step, algorithm, 8)).toBe(code);
    expect(verifyTotp({ secret, code, now: t * 1000, algorithm, digits: 8 })).toEqual({ ok: true, step });
    expect(verifyTotp({ secret, code, now: t * 1000, algorithm, digits: 8, lastAcceptedStep: step })).toEqual(
      {
        ok: false,
        reason: 'replayed',
      },
    );
  });
});

describe('verifyTotp: window and replay (fake clock)', () => {
  const key = SEEDS.sha1;
  const secret = encodeTotpSecret(key);
  const now = Date.UTC(2030, 2, 3, 10, 15, 12); // 12 s into a step
  const step = Math.floor(now / 30_000);
  const codeAt = (s: number) => hotp(key, s);

  it.each<[string, number, object, boolean]>([
    ['current step', 0, {}, true],
    ['previous step (-1)', -1, {}, true],
    ['next step (+1)', 1, {}, true],
    ['next step (+1) when futureSteps is 0', 1, { futureSteps: 0 }, false],
    ['-2', -2, {}, false],
    ['+2', 2, {}, false],
  ])('%s accepted: %s', (_name, offset, extra, accepted) => {
    const r = verifyTotp({ secret, code: codeAt(step + offset), now, ...extra });
    expect(r).toEqual(accepted ? { ok: true, step: step + offset } : { ok: false, reason: 'invalid' });
  });

  it('accepts the previous code right after the step rolls over, and not one step later', () => {
    const boundary = (step + 1) * 30_000;
    expect(verifyTotp({ secret, code: codeAt(step), now: boundary })).toEqual({ ok: true, step });
    expect(verifyTotp({ secret, code: codeAt(step), now: boundary + 30_000 })).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('never accepts a code twice, nor an older one after a newer one', () => {
    const first = verifyTotp({ secret, code: codeAt(step), now, lastAcceptedStep: step - 5 });
    expect(first).toEqual({ ok: true, step });
    const last = first.ok ? first.step : -1;
    expect(verifyTotp({ secret, code: codeAt(step), now, lastAcceptedStep: last })).toEqual({
      ok: false,
      reason: 'replayed',
    });
    expect(verifyTotp({ secret, code: codeAt(step - 1), now, lastAcceptedStep: last })).toEqual({
      ok: false,
      reason: 'replayed',
    });
    const wrong = ['000000', '111111', '222222'].find((c) => c !== codeAt(step) && c !== codeAt(step - 1))!;
    expect(verifyTotp({ secret, code: wrong, now, lastAcceptedStep: last })).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('accepts the current code when only the previous step was used', () => {
    expect(verifyTotp({ secret, code: codeAt(step), now, lastAcceptedStep: step - 1 })).toEqual({
      ok: true,
      step,
    });
  });

  it('treats a stored step ahead of the clock as "everything replayed", without throwing', () => {
    expect(verifyTotp({ secret, code: codeAt(step), now, lastAcceptedStep: step + 10 })).toEqual({
      ok: false,
      reason: 'replayed',
    });
  });

  it('accepts digits grouped with a space or dash', () => {
    const c = codeAt(step);
    expect(verifyTotp({ secret, code: `${c.slice(0, 3)} ${c.slice(3)}`, now })).toEqual({ ok: true, step });
    expect(verifyTotp({ secret, code: `${c.slice(0, 3)}-${c.slice(3)}`, now })).toEqual({ ok: true, step });
  });

  it.each<[string, unknown]>([
    ['empty', ''],
    ['5 digits', '12345'],
    ['7 digits', '1234567'],
    ['letters', 'abcdef'],
    ['full-width digits', '１２３４５６'],
    ['a megabyte', '1'.repeat(1_000_000)],
    ['a number', 123456],
    ['null', null],
    ['NUL inside', '123\u0000456'],
  ])('rejects %s as malformed without throwing', (_name, code) => {
    expect(verifyTotp({ secret, code: code as string, now })).toEqual({ ok: false, reason: 'malformed' });
  });

  it.each([
    ['an invalid Base32 secret', { secret: 'not base32!' }],
    ['a secret shorter than 128 bits', { secret: encodeTotpSecret(Buffer.alloc(8)) }],
    ['a negative clock', { now: -1 }],
    ['a NaN clock', { now: Number.NaN }],
  ])('answers malformed for %s', (_name, change) => {
    expect(verifyTotp({ secret, code: codeAt(step), now, ...change })).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });
});

describe('secrets and otpauth URIs', () => {
  const base32 = new ScureBase32Plugin();

  it('creates distinct 160-bit Base32 secrets', () => {
    const secrets = Array.from({ length: 50 }, () => createTotpSecret());
    expect(new Set(secrets).size).toBe(50);
    for (const s of secrets) {
      expect(s).toMatch(/^[A-Z2-7]{32}$/);
      expect(base32.decode(s)).toHaveLength(20);
    }
  });

  it('builds an otpauth URI authenticator apps understand', () => {
    const secret = createTotpSecret();
    const url = new URL(otpauthUri({ issuer: 'Acme Portal', account: 'j.smith', secret }));
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/Acme Portal:j.smith');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('issuer')).toBe('Acme Portal');
  });

  it('keeps hostile names inside their URI components', () => {
    const secret = createTotpSecret();
    const url = new URL(otpauthUri({ issuer: 'Evil&secret=AAAA', account: 'a?b#c', secret }));
    expect(url.searchParams.getAll('secret')).toEqual([secret]);
    expect(url.searchParams.get('issuer')).toBe('Evil&secret=AAAA');
    expect(url.hash).toBe('');
  });

  it('round-trips: a code computed from the secret verifies', () => {
    const secret = createTotpSecret();
    const now = Date.UTC(2031, 0, 1);
    const code = hotp(Buffer.from(base32.decode(secret)), Math.floor(now / 30_000));
    expect(verifyTotp({ secret, code, now })).toMatchObject({ ok: true });
  });
});
