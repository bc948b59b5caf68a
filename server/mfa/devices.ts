/**
 * MFA devices (`mfa_devices`): an enrollment starts `pending` with a fresh
 * TOTP secret (and a one-time binding token for the approver page), and
 * becomes `active` once the user proves it with a code. The secret can be
 * read only while pending. Secrets are stored sealed (`seed-cipher.ts`): every
 * write seals, every read opens, bound to the device's row. Codes are checked
 * with `verifyTotp`; the accepted step is stored with a compare-and-set, so a
 * code is accepted once even when two requests carry it at the same moment.
 */
import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db';
import { portalError } from '../errors';
import { newToken, tokenDigest } from '../auth/tokens';
import type { SeedCipher } from './seed-cipher';
import { createTotpSecret, verifyTotp } from './totp';

/** Device kinds the wizard offers. */
export type DeviceKind = 'mobile' | 'tablet' | 'authenticator' | 'passkey';

/** A device as clients see it (no secret). */
export interface DeviceView {
  id: string;
  kind: DeviceKind;
  name: string;
  phoneNumber: string | null;
  phoneType: string | null;
  /** True when an approver page is bound (pushes can be sent to it). */
  canPush: boolean;
  addedAt: string;
}

interface DeviceRow {
  id: string;
  user_id: string;
  kind: DeviceKind;
  name: string;
  phone_number: string | null;
  phone_type: string | null;
  status: 'pending' | 'active';
  /** Sealed (`SeedCipher.seal`); open it with {@link deviceSecret}. */
  totp_secret: string | null;
  last_step: string | number | null;
  push_token_hash: string | null;
  bind_expires_at: Date | null;
  created_at: Date;
  confirmed_at: Date | null;
}

const COLUMNS =
  'id, user_id, kind, name, phone_number, phone_type, status, totp_secret, last_step, push_token_hash, bind_expires_at, created_at, confirmed_at';

/** The Base32 secret of a device row, opened with the key it was sealed with. */
function deviceSecret(seeds: SeedCipher, row: DeviceRow): string {
  if (row.totp_secret === null) throw new Error('A passkey has no seed.');
  return seeds.open(row.totp_secret, { userId: row.user_id, deviceId: row.id });
}

function toView(row: DeviceRow): DeviceView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    phoneNumber: row.phone_number,
    phoneType: row.phone_type,
    canPush: row.push_token_hash !== null,
    addedAt: new Date(row.confirmed_at ?? row.created_at).toISOString(),
  };
}

/** What starting an enrollment needs. */
export interface NewEnrollment {
  userId: string;
  kind: DeviceKind;
  phoneNumber?: string | null;
  phoneType?: string | null;
  /** The sign-in flow (activation) or null (devices page). */
  flowId: string | null;
  now: Date;
  ttlSeconds: number;
}

/** A pending enrollment with its secrets (shown once to the enrolling user). */
export interface StartedEnrollment {
  id: string;
  secret: string;
  bindToken: string;
  expiresAt: Date;
}

const DEFAULT_NAMES: Record<DeviceKind, string> = {
  mobile: 'Mobile phone',
  tablet: 'Tablet',
  authenticator: 'Authenticator app',
  passkey: 'Passkey',
};

/**
 * Starts an enrollment. Starting again replaces this user's previous pending
 * enrollment (its QR codes stop working): one transaction, nothing half-written.
 */
export async function startEnrollment(db: Db, seeds: SeedCipher, input: NewEnrollment): Promise<StartedEnrollment> {
  const id = randomUUID();
  const secret = createTotpSecret();
  const bindToken = newToken();
  const expiresAt = new Date(input.now.getTime() + input.ttlSeconds * 1000);
  const name = input.phoneNumber ? `${DEFAULT_NAMES[input.kind]} ${maskPhone(input.phoneNumber)}` : DEFAULT_NAMES[input.kind];
  await db.transaction(async (tx) => {
    await tx.query(`DELETE FROM mfa_devices WHERE user_id = $1 AND status = 'pending'`, [input.userId]);
    await tx.query(
      `INSERT INTO mfa_devices (id, user_id, kind, name, phone_number, phone_type, status, totp_secret,
                                bind_token_hash, bind_expires_at, flow_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $9, $10, $11)`,
      [id, input.userId, input.kind, name, input.phoneNumber ?? null, input.phoneType ?? null, seeds.seal(secret, { userId: input.userId, deviceId: id }), tokenDigest(bindToken), expiresAt, input.flowId, input.now],
    );
  });
  return { id, secret, bindToken, expiresAt };
}

/** Shows only the last digits of a phone number ("…4567"). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `…${digits.slice(-4)}`;
}

/**
 * The pending enrollment `id` of `userId`, with its opened secret (it may be
 * shown again). A finished one answers `409 conflict` (`enrollment_finished`);
 * an unknown, replaced or expired one `404 not_found`.
 */
export async function pendingEnrollment(
  db: Queryable,
  seeds: SeedCipher,
  userId: string,
  id: string,
  now: Date,
): Promise<DeviceRow & { secret: string }> {
  const found = await db.query<DeviceRow>(`SELECT ${COLUMNS} FROM mfa_devices WHERE id = $1 AND user_id = $2`, [id, userId]);
  const row = found.rows[0];
  if (!row) throw portalError('not_found', 'This enrollment no longer exists. Start again.');
  if (row.status === 'active') throw portalError('conflict', 'This device is already set up.', { reason: 'enrollment_finished' });
  if (row.bind_expires_at && new Date(row.bind_expires_at) <= now) {
    throw portalError('not_found', 'This enrollment has expired. Start again.');
  }
  return { ...row, secret: deviceSecret(seeds, row) };
}

/**
 * Confirms a pending enrollment with a code from the new device. Wrong codes
 * answer `invalid_code`; success makes the device active and the account
 * MFA-required, in one transaction.
 */
export async function confirmEnrollment(
  db: Db,
  seeds: SeedCipher,
  input: { userId: string; id: string; code: string; now: Date },
): Promise<DeviceView> {
  const row = await pendingEnrollment(db, seeds, input.userId, input.id, input.now);
  const result = verifyTotp({ secret: row.secret, code: input.code, now: input.now.getTime() });
  if (!result.ok) throw codeError(result.reason);
  return db.transaction(async (tx) => {
    const updated = await tx.query<DeviceRow>(
      `UPDATE mfa_devices SET status = 'active', confirmed_at = $3, last_step = $4
       WHERE id = $1 AND user_id = $2 AND status = 'pending' RETURNING ${COLUMNS}`,
      [input.id, input.userId, input.now, result.step],
    );
    const device = updated.rows[0];
    if (!device) throw portalError('conflict', 'This device is already set up.', { reason: 'enrollment_finished' });
    await tx.query('UPDATE users SET mfa_required = true WHERE id = $1', [input.userId]);
    return toView(device);
  });
}

/** Active devices of a user, oldest first. */
export async function listDevices(db: Queryable, userId: string): Promise<DeviceView[]> {
  const found = await db.query<DeviceRow>(
    `SELECT ${COLUMNS} FROM mfa_devices WHERE user_id = $1 AND status = 'active' ORDER BY confirmed_at, id`,
    [userId],
  );
  return found.rows.map(toView);
}

/** How many active devices a user has. */
export async function countDevices(db: Queryable, userId: string): Promise<number> {
  const found = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mfa_devices WHERE user_id = $1 AND status = 'active'`, [userId]);
  return Number(found.rows[0]?.n ?? 0);
}

/**
 * Checks a TOTP code against every active device of the user. The first
 * device that accepts it records the step with compare-and-set; losing that
 * race (a simultaneous submission of the same code) counts as `replayed`.
 */
export async function verifyUserTotp(
  db: Queryable,
  seeds: SeedCipher,
  userId: string,
  code: string,
  now: Date,
): Promise<{ ok: true; deviceId: string } | { ok: false; reason: 'invalid' | 'replayed' | 'malformed' }> {
  const found = await db.query<DeviceRow>(
    // Passkeys have no seed: only authenticator apps and phones take codes.
    `SELECT ${COLUMNS} FROM mfa_devices WHERE user_id = $1 AND status = 'active' AND totp_secret IS NOT NULL ORDER BY confirmed_at, id`,
    [userId],
  );
  let reason: 'invalid' | 'replayed' | 'malformed' = 'invalid';
  for (const row of found.rows) {
    const last = row.last_step === null ? null : Number(row.last_step);
    const result = verifyTotp({ secret: deviceSecret(seeds, row), code, now: now.getTime(), lastAcceptedStep: last });
    if (result.ok) {
      const won = await db.query(
        'UPDATE mfa_devices SET last_step = $2 WHERE id = $1 AND (last_step IS NULL OR last_step < $2)',
        [row.id, result.step],
      );
      if (won.rowCount === 1) return { ok: true, deviceId: row.id };
      reason = 'replayed';
    } else if (result.reason === 'replayed') {
      reason = 'replayed';
    } else if (result.reason === 'malformed' && reason === 'invalid' && found.rows.length > 0) {
      reason = 'malformed';
    }
  }
  return { ok: false, reason };
}

/** Renames a device of the user (404 when it is not theirs). */
export async function renameDevice(db: Queryable, userId: string, id: string, name: string): Promise<void> {
  const done = await db.query(`UPDATE mfa_devices SET name = $3 WHERE id = $1 AND user_id = $2 AND status = 'active'`, [id, userId, name]);
  if (done.rowCount !== 1) throw portalError('not_found', 'No such device.');
}

/**
 * Removes a device, never the last way in: with one device left and no unused
 * backup codes the removal is refused (`409 conflict`, `last_method`).
 */
export async function removeDevice(db: Db, userId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    // Lock the user's rows so two removals cannot each leave "one other" behind.
    await tx.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [userId]);
    const devices = await tx.query<{ id: string }>(`SELECT id FROM mfa_devices WHERE user_id = $1 AND status = 'active'`, [userId]);
    if (!devices.rows.some((d) => d.id === id)) throw portalError('not_found', 'No such device.');
    if (devices.rows.length <= 1) {
      throw portalError('conflict', 'This is your only device. Add another one before removing it.', { reason: 'last_method' });
    }
    await tx.query('DELETE FROM mfa_devices WHERE id = $1 AND user_id = $2', [id, userId]);
  });
}

/** Maps a verification failure to the typed error. */
export function codeError(reason: 'invalid' | 'replayed' | 'malformed') {
  if (reason === 'malformed') {
    return portalError('invalid_request', 'Enter the 6-digit code from your app, or a backup code.', { field: 'code', reason });
  }
  if (reason === 'replayed') {
    return portalError('invalid_code', 'That code was already used. Wait for the next code in your app.', { reason });
  }
  return portalError('invalid_code', 'That code is not valid. Check the code in your app and try again.', { reason });
}
