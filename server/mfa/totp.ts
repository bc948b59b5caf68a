/**
 * TOTP (RFC 6238) on otplib 13: secrets, otpauth URIs and verification with
 * replay protection. The server's clock decides (`now` is injected); the
 * caller stores the returned `step` per device and passes it back as
 * `lastAcceptedStep`, atomically (compare-and-set), so two simultaneous
 * submissions of one code cannot both win.
 */
import { randomBytes } from 'node:crypto';
import { ScureBase32Plugin, generateURI, verifySync } from 'otplib';
import type { HashAlgorithm } from 'otplib';

/** Hash algorithms RFC 6238 allows. */
export type TotpAlgorithm = HashAlgorithm;

/** RFC 6238 defaults (what every authenticator app uses). */
export const TOTP_DEFAULTS = Object.freeze({ algorithm: 'sha1' as TotpAlgorithm, digits: 6, period: 30 });

/** Longest input we even look at; anything longer is malformed without further work. */
const MAX_CODE_INPUT = 32;

const base32 = new ScureBase32Plugin();

/** Secret size: 20 bytes = 160 bits (RFC 4226 §4 recommends ≥ 160). */
export const TOTP_SECRET_BYTES = 20;

/** A new random secret (160 bits from the OS CSPRNG), Base32 without padding. */
export function createTotpSecret(): string {
  return base32.encode(randomBytes(TOTP_SECRET_BYTES), { padding: false });
}

/** Base32-encodes raw key bytes (used for imported keys and the RFC test seeds). */
export function encodeTotpSecret(key: Uint8Array): string {
  return base32.encode(key, { padding: false });
}

/** What the QR code and the "type this key" text need. */
export interface OtpauthUriInput {
  issuer: string;
  account: string;
  secret: string;
  algorithm?: TotpAlgorithm;
  digits?: number;
  period?: number;
}

/** The `otpauth://totp/Issuer:account?secret=…&issuer=…` URI authenticator apps scan. */
export function otpauthUri(input: OtpauthUriInput): string {
  return generateURI({
    issuer: input.issuer,
    label: input.account,
    secret: input.secret,
    algorithm: input.algorithm ?? TOTP_DEFAULTS.algorithm,
    digits: input.digits ?? TOTP_DEFAULTS.digits,
    period: input.period ?? TOTP_DEFAULTS.period,
  });
}

/** Input to {@link verifyTotp}. */
export interface VerifyTotpInput {
  /** Base32 secret of the device. */
  secret: string;
  /** What the user typed (spaces allowed, e.g. "123 456"). */
  code: string;
  /** Server time, epoch milliseconds. */
  now: number;
  /** Highest step accepted so far for this device; codes at or before it are replays. */
  lastAcceptedStep?: number | null;
  algorithm?: TotpAlgorithm;
  digits?: number;
  period?: number;
  /** Past steps accepted (default 1: the previous code still works right after it rolls over). */
  pastSteps?: number;
  /**
   * Future steps accepted (default 1: a phone whose clock runs a little ahead
   * still works). With the past step this is the required ±1 window;
   * SECURITY.md's previous + current are both inside it, ±2 stays rejected.
   */
  futureSteps?: number;
}

/** Outcome of {@link verifyTotp}; `step` is what to store as the new `lastAcceptedStep`. */
export type VerifyTotpResult =
  { ok: true; step: number } | { ok: false; reason: 'invalid' | 'replayed' | 'malformed' };

/** Strips the spaces/dashes people type between digit groups; returns null unless only digits remain. */
export function normaliseTotpCode(code: unknown, digits: number): string | null {
  if (typeof code !== 'string' || code.length > MAX_CODE_INPUT) return null;
  const cleaned = code.replace(/[\s-]/g, '');
  return cleaned.length === digits && /^[0-9]+$/.test(cleaned) ? cleaned : null;
}

/**
 * Verifies a TOTP code. Accepts the current step, `pastSteps` before it and
 * `futureSteps` after it (default ±1; ±2 rejected), rejects any step ≤
 * `lastAcceptedStep` as `replayed`, and answers `malformed` (never throws) for
 * codes that are not exactly `digits` digits or for an unusable secret.
 */
export function verifyTotp(input: VerifyTotpInput): VerifyTotpResult {
  const algorithm = input.algorithm ?? TOTP_DEFAULTS.algorithm;
  const digits = input.digits ?? TOTP_DEFAULTS.digits;
  const period = input.period ?? TOTP_DEFAULTS.period;
  const token = normaliseTotpCode(input.code, digits);
  if (token === null || !Number.isFinite(input.now) || input.now < 0)
    return { ok: false, reason: 'malformed' };

  const epoch = Math.floor(input.now / 1000);
  const currentStep = Math.floor(epoch / period);
  const past = input.pastSteps ?? 1;
  const future = input.futureSteps ?? 1;
  const last = input.lastAcceptedStep;
  const hasLast = typeof last === 'number' && Number.isSafeInteger(last) && last >= 0;

  const attempt = (afterTimeStep: number | undefined): number | null => {
    const result = verifySync({
      secret: input.secret,
      token,
      algorithm,
      digits,
      period,
      epoch,
      // otplib's tolerance is in seconds; whole periods make it exactly N steps
      // (the window is computed from floor((epoch ∓ tolerance) / period)).
      epochTolerance: [past * period, future * period],
      ...(afterTimeStep === undefined ? {} : { afterTimeStep }),
    });
    return result.valid ? currentStep + result.delta : null;
  };

  try {
    // otplib throws when afterTimeStep lies beyond the window; then every
    // acceptable step is already used and only "replayed or invalid" remains.
    if (!hasLast || last < currentStep + future) {
      const step = attempt(hasLast ? last : undefined);
      if (step !== null) return { ok: true, step };
    }
    if (hasLast && attempt(undefined) !== null) return { ok: false, reason: 'replayed' };
    return { ok: false, reason: 'invalid' };
  } catch {
    // Bad Base32 secret, unsupported algorithm or digits: nothing to verify against.
    return { ok: false, reason: 'malformed' };
  }
}
