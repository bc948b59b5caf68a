/**
 * The devices page ("My Settings & Devices") for a signed-in user: list,
 * rename, remove (never the last), add another, regenerate backup codes, and
 * the "When I log in" preference. Adding, removing and regenerating need a
 * fresh step-up (password + a current factor, valid a few minutes, bound to
 * this session). Every such change is an MFA change: remembered installs and
 * the user's other sessions are revoked.
 */
import { endpoints } from '../../common/api';
import type { AppContext, PortalPlugin } from '../app-context';
import { revokeRememberedDevices } from '../auth/remember-me';
import type { ActiveSession } from '../auth/sessions';
import { newToken, tokenDigest, TOKEN_PATTERN } from '../auth/tokens';
import { portalError } from '../errors';
import { route } from '../route';
import { listAudit, recordAudit } from './audit';
import { mfaAccountState, setPreference } from './account-state';
import { backupCodesLeft, hasBackupCodes } from './backup-store';
import { listDevices, removeDevice, renameDevice } from './devices';
import { enrollmentStatus, enrollmentView, finishEnrollment, startEnrollmentFor } from './enrollment';
import { checkPasscode, lockoutFor } from './factor-check';
import { issueBackupCodes } from './flow-routes';

const ACTIVITY_TYPES = new Set(['mfa.enrolled', 'mfa.push_approved', 'mfa.push_denied', 'mfa.push_reported', 'mfa.backup_code_used', 'mfa.backup_codes_generated', 'mfa.device_removed']);

function deviceId(params: unknown): string {
  const id = String((params as { id?: unknown }).id ?? '');
  if (!/^[0-9a-f-]{36}$/.test(id)) throw portalError('not_found', 'No such device.');
  return id;
}

/** Throws unless `token` is a live step-up of this session. */
export async function requireStepUp(ctx: AppContext, session: ActiveSession, token: string): Promise<void> {
  const expired = portalError('forbidden', 'Confirm your password and a current code first.', { reason: 'step_up_required' });
  if (!TOKEN_PATTERN.test(token)) throw expired;
  const found = await ctx.db.query('SELECT 1 FROM step_ups WHERE token_hash = $1 AND user_id = $2 AND session_hash = $3 AND expires_at > $4', [
    tokenDigest(token),
    session.user.id,
    session.tokenHash,
    ctx.clock.now(),
  ]);
  if (found.rows.length === 0) throw expired;
}

/** An MFA change: remembered installs and the user's other sessions end. */
export async function afterMfaChange(ctx: AppContext, session: ActiveSession): Promise<void> {
  const now = ctx.clock.now();
  await revokeRememberedDevices(ctx.db, session.user.id, now);
  // Through the session store, so cached sessions end on every instance too.
  await ctx.sessions.revokeOthersForUser(session.user.id, session.tokenHash);
}

/** Account routes of the second factor. */
export const accountMfaRoutes: PortalPlugin = {
  name: 'mfa-account',
  register(app, ctx) {
    app.addHook('preHandler', async (request) => {
      if (request.url.startsWith('/api/v1/account/mfa')) await ctx.requireSession(request);
    });
    const session = async (request: Parameters<AppContext['requireSession']>[0]) => ctx.requireSession(request);

    route(app, endpoints.accountMfa, async (request) => {
      const { user } = await session(request);
      const state = await mfaAccountState(ctx.db, user.id);
      const activity = (await listAudit(ctx.db, user.id, 100)).filter((e) => ACTIVITY_TYPES.has(e.type)).slice(0, 20);
      return {
        devices: await listDevices(ctx.db, user.id),
        preference: state.preference,
        backupCodesLeft: await backupCodesLeft(ctx.db, user.id),
        hasBackupCodes: await hasBackupCodes(ctx.db, user.id),
        activity: activity.map((e) => ({ at: e.at.toISOString(), type: e.type })),
      };
    });

    route(app, endpoints.accountMfaPreference, async (request, _reply, input) => {
      const { user } = await session(request);
      const body = input.body();
      await setPreference(ctx.db, user.id, body.preference);
      return { preference: body.preference };
    });

    route(app, endpoints.accountStepUp, async (request, _reply, input) => {
      const current = await session(request);
      const body = input.body();
      // Reserved before the check, like every guess (see LockoutStore.guard).
      await lockoutFor(ctx).guard(current.user.username, 'password', () => ctx.hasher.verify(current.user.passwordHash, body.password), (ok) =>
        ok ? null : portalError('invalid_credentials', 'The password is incorrect.'),
      );
      await checkPasscode(ctx, current.user, body.code, 'step-up');
      const token = newToken();
      const expiresAt = new Date(ctx.clock.now().getTime() + ctx.config.mfa.stepUpSeconds * 1000);
      await ctx.db.query('INSERT INTO step_ups (token_hash, user_id, session_hash, expires_at) VALUES ($1, $2, $3, $4)', [
        tokenDigest(token),
        current.user.id,
        current.tokenHash,
        expiresAt,
      ]);
      return { stepUpToken: token, expiresAt: expiresAt.toISOString() };
    });

    route(app, endpoints.accountRenameDevice, async (request, _reply, input) => {
      const { user } = await session(request);
      const body = input.body();
      const id = deviceId(request.params);
      await renameDevice(ctx.db, user.id, id, body.name);
      await recordAudit(ctx.db, { at: ctx.clock.now(), actor: user.username, userId: user.id, type: 'mfa.device_renamed', detail: { device: id } });
      return { devices: await listDevices(ctx.db, user.id) };
    });

    route(app, endpoints.accountRemoveDevice, async (request, _reply, input) => {
      const current = await session(request);
      const body = input.body();
      const id = deviceId(request.params);
      await requireStepUp(ctx, current, body.stepUpToken);
      await removeDevice(ctx.db, current.user.id, id);
      await recordAudit(ctx.db, { at: ctx.clock.now(), actor: current.user.username, userId: current.user.id, type: 'mfa.device_removed', detail: { device: id } });
      await afterMfaChange(ctx, current);
      return { devices: await listDevices(ctx.db, current.user.id) };
    });

    route(app, endpoints.accountEnrollStart, async (request, _reply, input) => {
      const current = await session(request);
      const body = input.body();
      await requireStepUp(ctx, current, body.stepUpToken);
      return { enrollment: await startEnrollmentFor(ctx, current.user, body.device, null) };
    });

    route(app, endpoints.accountEnrollSecret, async (request, _reply, input) => {
      const { user } = await session(request);
      const body = input.body();
      return { enrollment: await enrollmentView(ctx, user, body.enrollmentId) };
    });

    route(app, endpoints.accountEnrollStatus, async (request, _reply, input) => {
      const { user } = await session(request);
      const body = input.body();
      return enrollmentStatus(ctx, user.id, body.enrollmentId);
    });

    route(app, endpoints.accountEnrollConfirm, async (request, _reply, input) => {
      const current = await session(request);
      const body = input.body();
      await requireStepUp(ctx, current, body.stepUpToken);
      const device = await finishEnrollment(ctx, current.user, body.enrollmentId, body.code, 'devices-page');
      await afterMfaChange(ctx, current);
      return { device, devices: await listDevices(ctx.db, current.user.id) };
    });

    route(app, endpoints.accountBackupCodes, async (request, _reply, input) => {
      const current = await session(request);
      const body = input.body();
      await requireStepUp(ctx, current, body.stepUpToken);
      const issued = await issueBackupCodes(ctx, current.user.id, current.user.username, 'devices-page');
      await ctx.db.query('UPDATE users SET backup_codes_saved_at = $2 WHERE id = $1', [current.user.id, ctx.clock.now()]);
      return issued;
    });
  },
};
