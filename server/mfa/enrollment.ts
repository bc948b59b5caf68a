/**
 * Enrollment of a device, shared by activation (flow routes) and the devices
 * page (account routes): start (new secret + approver binding link), show
 * again while pending, binding status, and confirm with a code.
 */
import type { z } from 'zod';
import { newDeviceSchema } from '../../common/api';
import type { AppContext } from '../app-context';
import { revokeRememberedDevices } from '../auth/remember-me';
import { newToken, tokenDigest } from '../auth/tokens';
import type { UserRecord } from '../auth/users';
import { recordAudit } from './audit';
import { confirmEnrollment, pendingEnrollment, startEnrollment, type DeviceView } from './devices';
import { lockoutFor } from './factor-check';
import { otpauthUri } from './totp';
import { PortalError } from '../errors';

/** The device the user picked in the wizard (declared in common/api). */
export { newDeviceSchema };

/** What the client shows while enrolling: the QR content, the key to type, the phone link. */
export interface EnrollmentView {
  id: string;
  /** Base32 key, for typing into the app by hand. */
  secret: string;
  /** The `otpauth://` URI the QR code encodes. */
  otpauthUri: string;
  /** Opening this on the phone binds its browser as the approver for pushes. */
  bindUrl: string;
  expiresAt: string;
}

function view(ctx: AppContext, user: UserRecord, id: string, secret: string, bindToken: string, expiresAt: Date): EnrollmentView {
  return {
    id,
    secret,
    otpauthUri: otpauthUri({ issuer: ctx.config.branding.name, account: user.username, secret }),
    // The token rides in the fragment so it never reaches a server log.
    bindUrl: `${ctx.publicUrl()}/approver#bind=${bindToken}`,
    expiresAt: expiresAt.toISOString(),
  };
}

/** Starts (or restarts) an enrollment for `user`. */
export async function startEnrollmentFor(
  ctx: AppContext,
  user: UserRecord,
  device: z.infer<typeof newDeviceSchema>,
  flowId: string | null,
): Promise<EnrollmentView> {
  const started = await startEnrollment(ctx.db, ctx.seeds, {
    userId: user.id,
    kind: device.kind,
    phoneNumber: device.phoneNumber ?? null,
    phoneType: device.phoneType ?? null,
    flowId,
    now: ctx.clock.now(),
    ttlSeconds: ctx.config.mfa.enrollmentTtlSeconds,
  });
  return view(ctx, user, started.id, started.secret, started.bindToken, started.expiresAt);
}

/**
 * The pending enrollment again (e.g. the window was reloaded). The phone
 * link gets a fresh token (only digests are stored); after the enrollment
 * finished this answers `409 conflict` (`enrollment_finished`).
 */
export async function enrollmentView(ctx: AppContext, user: UserRecord, id: string): Promise<EnrollmentView> {
  const row = await pendingEnrollment(ctx.db, ctx.seeds, user.id, id, ctx.clock.now());
  const bindToken = newToken();
  await ctx.db.query('UPDATE mfa_devices SET bind_token_hash = $2 WHERE id = $1', [row.id, tokenDigest(bindToken)]);
  return view(ctx, user, row.id, row.secret, bindToken, new Date(row.bind_expires_at ?? ctx.clock.now()));
}

/** Whether the enrollment's phone page is bound yet, and whether it is confirmed. */
export async function enrollmentStatus(ctx: AppContext, userId: string, id: string): Promise<{ pushBound: boolean; confirmed: boolean }> {
  const found = await ctx.db.query<{ status: string; push_token_hash: string | null }>(
    'SELECT status, push_token_hash FROM mfa_devices WHERE id = $1 AND user_id = $2',
    [id, userId],
  );
  const row = found.rows[0];
  if (!row) throw new PortalError('not_found', 'This enrollment no longer exists. Start again.');
  return { pushBound: row.push_token_hash !== null, confirmed: row.status === 'active' };
}

/**
 * Confirms with a code from the new device. A wrong code counts toward
 * lockout; success is audited and revokes remembered installs (an MFA change).
 */
export async function finishEnrollment(ctx: AppContext, user: UserRecord, id: string, code: string, via: string): Promise<DeviceView> {
  // The code is reserved as a guess before it is checked; only a wrong code counts.
  const confirmed = await lockoutFor(ctx).guard(
    user.username,
    'mfa-code',
    async (): Promise<DeviceView | PortalError> => {
      try {
        return await confirmEnrollment(ctx.db, ctx.seeds, { userId: user.id, id, code, now: ctx.clock.now() });
      } catch (error) {
        if (error instanceof PortalError && error.code === 'invalid_code') return error;
        throw error;
      }
    },
    (result) => (result instanceof PortalError ? result : null),
  );
  // Unreachable (a wrong code was thrown above); narrows the type.
  if (confirmed instanceof PortalError) throw confirmed;
  const device = confirmed;
  const now = ctx.clock.now();
  await revokeRememberedDevices(ctx.db, user.id, now);
  await recordAudit(ctx.db, { at: now, actor: user.username, userId: user.id, type: 'mfa.enrolled', detail: { kind: device.kind, via, canPush: device.canPush } });
  return device;
}
