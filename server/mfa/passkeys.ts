/**
 * Passkeys and security keys (WebAuthn, with `@simplewebauthn/server`).
 *
 * The relying party is the portal's own origin (see {@link relyingParty}).
 * A ceremony (`webauthn_ceremonies`) is started by the client for a sign-in
 * flow, an activation flow or a signed-in session; its one-time token goes to
 * the portal's passkey page (`passkey-page.ts`), which runs the browser side
 * and posts the authenticator's answer back here. Finishing is single use:
 * the ceremony is claimed (`pending` → `verifying`) in one statement before
 * anything is verified, so of any number of simultaneous answers exactly one
 * is checked. User verification is required; origin, RP ID, challenge and
 * (for sign-in) the credential's owner and signature counter are checked.
 */
import { randomUUID } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { AppContext } from '../app-context';
import type { Db, Queryable } from '../db';
import { newToken, tokenDigest } from '../auth/tokens';
import type { UserRecord } from '../auth/users';
import { findUserById } from '../auth/users';
import { portalError } from '../errors';
import { recordAudit } from './audit';
import type { DeviceView } from './devices';
import { listDevices } from './devices';
import { lockoutFor } from './factor-check';

/** Signal topic: key = id of a ceremony that was just settled. */
export const PASSKEY_TOPIC = 'passkey';

/** How long a ceremony's page may take (the user finds the key, touches it, types a PIN). */
export const CEREMONY_TTL_SECONDS = 300;

/** What a ceremony is for. */
export type CeremonyKind = 'register' | 'authenticate';

/** The relying party: the portal's origin and its host name as the RP ID. */
export interface RelyingParty {
  origin: string;
  rpId: string;
  name: string;
}

/**
 * The portal's origin as WebAuthn sees it. An IP address cannot be an RP ID,
 * so a portal addressed by a loopback IP (a developer's or a test's portal)
 * runs its ceremonies at `localhost` on the same port, which browsers treat
 * as a secure context. Any other address is used as it is.
 */
export function relyingParty(publicUrl: string, name: string): RelyingParty {
  const url = new URL(publicUrl);
  if (url.hostname === '127.0.0.1' || url.hostname === '[::1]') url.hostname = 'localhost';
  return { origin: url.origin, rpId: url.hostname, name };
}

/** The relying party of this portal. */
export function portalRelyingParty(ctx: Pick<AppContext, 'publicUrl' | 'config'>): RelyingParty {
  return relyingParty(ctx.publicUrl(), ctx.config.branding.name);
}

interface CeremonyRow {
  id: string;
  user_id: string;
  kind: CeremonyKind;
  flow_id: string | null;
  session_hash: string | null;
  options: unknown;
  challenge: string;
  state: 'pending' | 'verifying' | 'done' | 'failed';
  message: string | null;
  device_id: string | null;
  expires_at: Date;
}

const CEREMONY_COLUMNS = 'id, user_id, kind, flow_id, session_hash, options, challenge, state, message, device_id, expires_at';

/** A ceremony as its waiter sees it. */
export interface CeremonyView {
  id: string;
  userId: string;
  kind: CeremonyKind;
  flowId: string | null;
  sessionHash: string | null;
  state: 'pending' | 'done' | 'failed' | 'expired';
  message: string | null;
  deviceId: string | null;
  expiresAt: Date;
}

function toView(row: CeremonyRow, now: Date): CeremonyView {
  const expired = row.state === 'pending' && new Date(row.expires_at) <= now;
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    flowId: row.flow_id,
    sessionHash: row.session_hash,
    // `verifying` is still pending to its waiter: the answer is being checked.
    state: expired ? 'expired' : row.state === 'verifying' ? 'pending' : row.state,
    message: row.message,
    deviceId: row.device_id,
    expiresAt: new Date(row.expires_at),
  };
}

interface CredentialRow {
  device_id: string;
  user_id: string;
  credential_id: string;
  public_key: string;
  counter: string | number;
  transports: string;
}

function transportsOf(row: Pick<CredentialRow, 'transports'>): AuthenticatorTransportFuture[] {
  return row.transports === '' ? [] : (row.transports.split(',') as AuthenticatorTransportFuture[]);
}

async function credentialsOf(db: Queryable, userId: string): Promise<CredentialRow[]> {
  const found = await db.query<CredentialRow>(
    `SELECT c.device_id, c.user_id, c.credential_id, c.public_key, c.counter, c.transports
     FROM webauthn_credentials c JOIN mfa_devices d ON d.id = c.device_id
     WHERE c.user_id = $1 AND d.status = 'active' ORDER BY c.created_at, c.device_id`,
    [userId],
  );
  return found.rows;
}

/** How many passkeys the user has. */
export async function countPasskeys(db: Queryable, userId: string): Promise<number> {
  return (await credentialsOf(db, userId)).length;
}

/** Who a ceremony is bound to: a sign-in flow, or a signed-in session. */
export type CeremonyOwner = { flowId: string; sessionHash?: undefined } | { sessionHash: string; flowId?: undefined };

/** A started ceremony: its id and the page address carrying its one-time token. */
export interface StartedCeremony {
  id: string;
  url: string;
  expiresAt: Date;
}

/** Starts a ceremony for `user`; the page at `url` runs it. */
export async function startCeremony(
  ctx: Pick<AppContext, 'db' | 'clock' | 'publicUrl' | 'config'>,
  user: UserRecord,
  kind: CeremonyKind,
  owner: CeremonyOwner,
): Promise<StartedCeremony> {
  const rp = portalRelyingParty(ctx);
  const existing = await credentialsOf(ctx.db, user.id);
  if (kind === 'authenticate' && existing.length === 0) {
    throw portalError('conflict', 'No passkey is set up for this account.', { reason: 'no_passkey' });
  }
  const options =
    kind === 'register'
      ? await generateRegistrationOptions({
          rpName: rp.name,
          rpID: rp.rpId,
          userName: user.username,
          userDisplayName: user.displayName,
          userID: new TextEncoder().encode(user.id),
          attestationType: 'none',
          // A key already on this account is not added twice.
          excludeCredentials: existing.map((c) => ({ id: c.credential_id, transports: transportsOf(c) })),
          authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
          timeout: CEREMONY_TTL_SECONDS * 1000,
        })
      : await generateAuthenticationOptions({
          rpID: rp.rpId,
          allowCredentials: existing.map((c) => ({ id: c.credential_id, transports: transportsOf(c) })),
          userVerification: 'required',
          timeout: CEREMONY_TTL_SECONDS * 1000,
        });
  const id = randomUUID();
  const token = newToken();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + CEREMONY_TTL_SECONDS * 1000);
  await ctx.db.query(
    `INSERT INTO webauthn_ceremonies (id, token_hash, user_id, kind, flow_id, session_hash, options, challenge, state, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, 'pending', $9, $10)`,
    [id, tokenDigest(token), user.id, kind, owner.flowId ?? null, owner.sessionHash ?? null, JSON.stringify(options), options.challenge, now, expiresAt],
  );
  // The token rides in the fragment, so it never reaches a server log or a Referer.
  return { id, url: `${rp.origin}/passkey/#ceremony=${token}`, expiresAt };
}

/** A ceremony by id (for its waiter). */
export async function findCeremony(db: Queryable, id: string, now: Date): Promise<CeremonyView | null> {
  const found = await db.query<CeremonyRow>(`SELECT ${CEREMONY_COLUMNS} FROM webauthn_ceremonies WHERE id = $1`, [id]);
  const row = found.rows[0];
  return row ? toView(row, now) : null;
}

const notFound = () => portalError('not_found', 'This passkey request has expired or was already used. Start again from Portico.');

/** What the page needs to run the ceremony (still pending, not expired). */
export async function ceremonyOptions(db: Queryable, token: string, now: Date): Promise<{ kind: CeremonyKind; options: unknown }> {
  const found = await db.query<CeremonyRow>(
    `SELECT ${CEREMONY_COLUMNS} FROM webauthn_ceremonies WHERE token_hash = $1 AND state = 'pending' AND expires_at > $2`,
    [tokenDigest(token), now],
  );
  const row = found.rows[0];
  if (!row) throw notFound();
  return { kind: row.kind, options: row.options };
}

/** The outcome of finishing a ceremony, as the page shows it. */
export type FinishOutcome = { ok: true; kind: CeremonyKind } | { ok: false; message: string };

/**
 * Verifies the authenticator's answer to the ceremony of `token`. Claims the
 * ceremony first (single use), then settles it `done` or `failed` and tells
 * its waiter. Throws `not_found` when the ceremony is not (or no longer) pending.
 */
export async function finishCeremony(ctx: AppContext, token: string, response: unknown): Promise<FinishOutcome> {
  const now = ctx.clock.now();
  const claimed = await ctx.db.query<CeremonyRow>(
    `UPDATE webauthn_ceremonies SET state = 'verifying'
     WHERE token_hash = $1 AND state = 'pending' AND expires_at > $2 RETURNING ${CEREMONY_COLUMNS}`,
    [tokenDigest(token), now],
  );
  const row = claimed.rows[0];
  if (!row) throw notFound();
  const user = await findUserById(ctx.db, row.user_id);
  let outcome: { ok: true; deviceId: string } | { ok: false; message: string };
  try {
    if (!user) throw new Error('The account no longer exists.');
    outcome = row.kind === 'register' ? await register(ctx, ctx.db, row, user, response, now) : await authenticate(ctx, row, user, response, now);
  } catch (error) {
    outcome = { ok: false, message: refusal(error) };
  }
  if (outcome.ok) {
    await ctx.db.query(`UPDATE webauthn_ceremonies SET state = 'done', device_id = $2, settled_at = $3 WHERE id = $1`, [row.id, outcome.deviceId, now]);
  } else {
    await ctx.db.query(`UPDATE webauthn_ceremonies SET state = 'failed', message = $2, settled_at = $3 WHERE id = $1`, [row.id, outcome.message, now]);
    if (user) {
      await recordAudit(ctx.db, { at: now, actor: user.username, userId: user.id, type: 'mfa.passkey_failed', detail: { kind: row.kind } });
      // A refused sign-in answer is a failed second factor: it counts toward lockout.
      if (row.kind === 'authenticate') await lockoutFor(ctx).recordFailure(user.username, 'mfa-code', portalError('invalid_code'));
    }
  }
  await ctx.signals.publish(PASSKEY_TOPIC, row.id).catch(() => undefined);
  return outcome.ok ? { ok: true, kind: row.kind } : { ok: false, message: outcome.message };
}

/** The user-facing reason an answer was refused (never the library's internals). */
function refusal(error: unknown): string {
  if (error instanceof PasskeyRefused) return error.message;
  return 'This passkey or security key was not accepted.';
}

class PasskeyRefused extends Error {}

function expectations(ctx: Pick<AppContext, 'publicUrl' | 'config'>, row: CeremonyRow) {
  const rp = portalRelyingParty(ctx);
  return { expectedChallenge: row.challenge, expectedOrigin: rp.origin, expectedRPID: rp.rpId, requireUserVerification: true };
}

async function register(
  ctx: AppContext,
  db: Db,
  row: CeremonyRow,
  user: UserRecord,
  response: unknown,
  now: Date,
): Promise<{ ok: true; deviceId: string }> {
  const verified = await verifyRegistrationResponse({ response: response as RegistrationResponseJSON, ...expectations(ctx, row) });
  if (!verified.verified) throw new PasskeyRefused('This passkey or security key was not accepted.');
  const info = verified.registrationInfo;
  const attachment = (response as RegistrationResponseJSON).authenticatorAttachment;
  const name = attachment === 'cross-platform' ? 'Security key' : 'Passkey';
  const deviceId = randomUUID();
  await db.transaction(async (tx) => {
    const taken = await tx.query('SELECT 1 FROM webauthn_credentials WHERE credential_id = $1', [info.credential.id]);
    if (taken.rows.length > 0) throw new PasskeyRefused('This passkey or security key is already set up.');
    await tx.query(
      `INSERT INTO mfa_devices (id, user_id, kind, name, status, totp_secret, flow_id, created_at, confirmed_at)
       VALUES ($1, $2, 'passkey', $3, 'active', NULL, $4, $5, $5)`,
      [deviceId, user.id, name, row.flow_id, now],
    );
    await tx.query(
      `INSERT INTO webauthn_credentials (device_id, user_id, credential_id, public_key, counter, transports, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [deviceId, user.id, info.credential.id, Buffer.from(info.credential.publicKey).toString('base64url'), info.credential.counter, (info.credential.transports ?? []).join(','), now],
    );
    await tx.query('UPDATE users SET mfa_required = true WHERE id = $1', [user.id]);
  });
  await recordAudit(ctx.db, { at: now, actor: user.username, userId: user.id, type: 'mfa.enrolled', detail: { kind: 'passkey', via: row.flow_id ? 'activation' : 'devices-page', canPush: false } });
  return { ok: true, deviceId };
}

async function authenticate(ctx: AppContext, row: CeremonyRow, user: UserRecord, response: unknown, now: Date): Promise<{ ok: true; deviceId: string }> {
  const answer = response as AuthenticationResponseJSON;
  const credentialId = typeof answer?.id === 'string' ? answer.id : '';
  // Only this user's own, active credentials count: another account's passkey is refused.
  const credential = (await credentialsOf(ctx.db, user.id)).find((c) => c.credential_id === credentialId);
  if (!credential) throw new PasskeyRefused('This passkey or security key is not set up for this account.');
  const counter = Number(credential.counter);
  const verified = await verifyAuthenticationResponse({
    response: answer,
    ...expectations(ctx, row),
    credential: { id: credential.credential_id, publicKey: Buffer.from(credential.public_key, 'base64url'), counter, transports: transportsOf(credential) },
  });
  if (!verified.verified) throw new PasskeyRefused('This passkey or security key was not accepted.');
  const next = verified.authenticationInfo.newCounter;
  // Compare-and-set: a counter that did not move forward (a cloned key, or a
  // replay racing this one) is refused; authenticators without a counter send 0 always.
  const moved = await ctx.db.query(
    `UPDATE webauthn_credentials SET counter = $2, last_used_at = $3
     WHERE device_id = $1 AND ((counter < $2) OR (counter = 0 AND $2 = 0))`,
    [credential.device_id, next, now],
  );
  if ((moved.rowCount ?? 0) === 0) throw new PasskeyRefused('This security key looks copied: its signature counter went back. Use another method and tell your administrator.');
  await recordAudit(ctx.db, { at: now, actor: user.username, userId: user.id, type: 'mfa.passkey_used', detail: { device: credential.device_id } });
  return { ok: true, deviceId: credential.device_id };
}

/**
 * Waits (wall-clock, up to `ms`) for ceremony `id` to leave `pending`, woken
 * by the passkey signal and re-reading the database each time (with a slow
 * safety re-read for a lost signal). Answers the ceremony as last read.
 */
export async function waitForCeremony(ctx: AppContext, id: string, ms: number, gone: AbortSignal): Promise<CeremonyView | null> {
  const read = () => findCeremony(ctx.db, id, ctx.clock.now());
  let view = await read();
  if (!view || view.state !== 'pending' || gone.aborted) return view;
  return new Promise<CeremonyView | null>((resolve) => {
    let done = false;
    let reading = false;
    const finish = (value: CeremonyView | null) => {
      if (done) return;
      done = true;
      unsubscribe();
      clearTimeout(timer);
      clearInterval(safety);
      gone.removeEventListener('abort', onGone);
      resolve(value);
    };
    const look = () => {
      if (reading || done) return;
      reading = true;
      read().then(
        (fresh) => {
          reading = false;
          view = fresh;
          if (!fresh || fresh.state !== 'pending') finish(fresh);
        },
        () => {
          reading = false;
        },
      );
    };
    const onGone = () => finish(view);
    const unsubscribe = ctx.signals.subscribe(PASSKEY_TOPIC, (key) => {
      if (key === id) look();
    });
    const timer = setTimeout(() => finish(view), ms);
    const safety = setInterval(look, 2000);
    gone.addEventListener('abort', onGone);
    // A settle between the first read and the subscription is caught here.
    look();
  });
}

/** The device a finished registration made, as clients see it. */
export async function ceremonyDevice(db: Queryable, ceremony: CeremonyView): Promise<DeviceView | undefined> {
  if (!ceremony.deviceId) return undefined;
  return (await listDevices(db, ceremony.userId)).find((d) => d.id === ceremony.deviceId);
}
