/**
 * Client side of the second factor and activation. Handles the
 * sign-in steps `enroll`, `mfa` and `backup_codes` (the flow's table,
 * `../../core/sign-in-flow.ts`, names it for them), keeps the flow token, the remember-me token (vault) and the step-up token
 * (memory) in main, and gives the renderer statuses only. The devices page
 * calls go through the signed-in session.
 */
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type { z } from 'zod';
import { endpoints, type EndpointSpec, type ResponseOf } from '../../../../common/api';
import type {
  AccountMfa, AuthState, BackupCodesInfo, EnrollConfirmed, EnrollmentInfo, LoginPreference, MfaDevice, NewDeviceRequest, PushStarted, PushWaitResult, SignInStepStates,
} from '../../../../common/contract';
import type { Clock, SettingsStore } from '../../../ports';
import { PortalError, isPortalError } from '../../core/errors';
import type { CallInput, PortalApi, PortalTarget } from '../../portal/client';
import type { SessionService } from '../session-service';
import type { PendingSignIn, SignInStepBody } from '../sign-in-steps';
import type { Vault } from '../../storage/vault';
import type * as schemas from './mfa-schemas';
import { clockSkewDetails } from './clock-check';
import { RememberedDevices, type Remembered } from './remembered-device';

/** Settings key of this install's random id (remember-me is bound to it). */
const INSTALL_ID_KEY = 'installId';

export interface MfaServiceDeps {
  portal: PortalApi;
  session: SessionService;
  vault: Vault;
  settings: SettingsStore;
  clock: Clock;
}

/** The second-factor service. */
export class MfaService {
  private enrollmentId: string | null = null;
  private pushId: string | null = null;
  private stepUp: { token: string; expiresAt: number } | null = null;
  private readonly rememberedDevices: RememberedDevices;

  constructor(private readonly deps: MfaServiceDeps) {
    this.rememberedDevices = new RememberedDevices(deps);
  }

  /** This install's id (created once, kept in settings: it is not a secret, only a binding). */
  installId(): string {
    const existing = this.deps.settings.get<unknown>(INSTALL_ID_KEY);
    if (typeof existing === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(existing)) return existing;
    const fresh = randomBytes(18).toString('base64url');
    this.deps.settings.set(INSTALL_ID_KEY, fresh);
    return fresh;
  }

  // ── Sign-in steps ──

  /** Sign-in step `enroll`: a new device setup starts from scratch. */
  enrollStep(pending: PendingSignIn, body: SignInStepBody<'enroll'>): SignInStepStates['enroll'] {
    this.enrollmentId = null;
    return { status: 'enroll', portalUrl: pending.portalUrl, username: pending.username, displayName: body.user?.displayName ?? pending.username, activation: body.activation };
  }

  /** Sign-in step `mfa`: a push of an earlier attempt is forgotten. */
  secondFactorStep(pending: PendingSignIn, body: SignInStepBody<'mfa'>): SignInStepStates['mfa'] {
    this.pushId = null;
    return {
      status: 'second-factor',
      portalUrl: pending.portalUrl,
      username: pending.username,
      methods: [...body.methods],
      preference: body.preference,
      rememberHours: Math.round(body.rememberSeconds / 360) / 10,
      pushExpirySeconds: body.pushExpirySeconds,
      enrolled: body.enrolled,
      activation: body.enrolled ? body.activation : [],
    };
  }

  /** Sign-in step `backup_codes`. */
  backupCodesStep(pending: PendingSignIn, body: SignInStepBody<'backup_codes'>): SignInStepStates['backup_codes'] {
    return {
      status: 'backup-codes',
      portalUrl: pending.portalUrl,
      username: pending.username,
      devices: body.devices.map(toDevice),
      preference: body.preference,
      recoveryPhone: body.recoveryPhone,
      activation: body.activation,
    };
  }

  /** Fields sent with the password: this install's id and its remember-me token, if any. */
  signInExtras(portalUrl: string, username: string): Record<string, string> {
    const remembered = this.rememberedDevices.read(portalUrl, username);
    return { installId: this.installId(), ...(remembered ? { rememberToken: remembered.token } : {}) };
  }

  /** A completed sign-in: keeps the remember-me token it handed out, if it did. */
  signInCompleted(portalUrl: string, username: string, body: Record<string, unknown>): void {
    this.rememberedDevices.keep(portalUrl, username, body);
  }

  async startEnrollment(device: NewDeviceRequest): Promise<EnrollmentInfo> {
    const body = await this.call(endpoints.flowEnrollStart, { device });
    this.enrollmentId = body.enrollment.id;
    const [qrDataUrl, bindQrDataUrl] = await Promise.all([
      QRCode.toDataURL(body.enrollment.otpauthUri, { margin: 1, width: 220 }),
      QRCode.toDataURL(body.enrollment.bindUrl, { margin: 1, width: 180 }),
    ]);
    return { ...body.enrollment, qrDataUrl, bindQrDataUrl };
  }

  async enrollmentStatus(): Promise<{ pushBound: boolean }> {
    const enrollmentId = this.requireEnrollment();
    const body = this.deps.session.pendingSignIn()
      ? await this.call(endpoints.flowEnrollStatus, { enrollmentId })
      : await this.accountCall(endpoints.accountEnrollStatus, { body: { enrollmentId } });
    return { pushBound: body.pushBound };
  }

  async confirmEnrollment(code: string): Promise<EnrollConfirmed> {
    const enrollmentId = this.requireEnrollment();
    if (this.deps.session.pendingSignIn()) {
      const body = await this.call(endpoints.flowEnrollConfirm, { enrollmentId, code });
      this.enrollmentId = null;
      return { device: toDevice(body.device), auth: this.deps.session.applyStepAnswer(body.next) };
    }
    const body = await this.accountCall(endpoints.accountEnrollConfirm, { body: { stepUpToken: this.requireStepUp(), enrollmentId, code } });
    this.enrollmentId = null;
    return { device: toDevice(body.device), auth: this.deps.session.state() };
  }

  async setPreference(preference: LoginPreference): Promise<LoginPreference> {
    if (this.deps.session.pendingSignIn()) return (await this.call(endpoints.flowPreference, { preference })).preference;
    return (await this.accountCall(endpoints.accountMfaPreference, { body: { preference } })).preference;
  }

  async backupCodes(): Promise<BackupCodesInfo> {
    const body = this.deps.session.pendingSignIn()
      ? await this.call(endpoints.flowBackupCodes, {})
      : await this.accountCall(endpoints.accountBackupCodes, { body: { stepUpToken: this.requireStepUp() } });
    return { codes: [...body.codes], fileName: body.fileName, fileText: body.fileText };
  }

  /** *Add recovery phone* during activation. */
  async addRecoveryPhone(phoneNumber: string): Promise<{ recoveryPhone: string }> {
    return this.call(endpoints.flowRecoveryPhone, { phoneNumber });
  }

  async backupCodesSaved(): Promise<AuthState> {
    return this.deps.session.applyStepAnswer(await this.call(endpoints.flowBackupCodesSaved, {}));
  }

  async passcode(code: string, remember: boolean): Promise<AuthState> {
    try {
      return this.deps.session.applyStepAnswer(await this.call(endpoints.flowPasscode, { code, remember }));
    } catch (error) {
      // A failing passcode with a wrong clock: say so and how to fix it.
      if (isPortalError(error, 'invalid_code')) {
        const skew = clockSkewDetails(this.deps.portal.clockOffsetMs());
        if (skew) throw new PortalError('invalid_code', skew.message, { ...(error.details ?? {}), clockSkewSeconds: skew.seconds });
      }
      throw error;
    }
  }

  async startPush(): Promise<PushStarted> {
    const body = await this.call(endpoints.flowPush, {});
    this.pushId = body.push.id;
    return { expiresAt: body.push.expiresAt, ...(body.push.code === undefined ? {} : { code: body.push.code }) };
  }

  async waitPush(remember: boolean): Promise<PushWaitResult> {
    const pushId = this.pushId;
    if (!pushId) throw new PortalError('invalid_request', 'Send a push first.');
    const body = await this.call(endpoints.flowPushWait, { pushId, remember });
    // A wait for an older push (cancelled meanwhile) must not forget a newer one.
    if (body.state !== 'pending' && this.pushId === pushId) this.pushId = null;
    if (body.state === 'approved') return { state: 'approved', auth: this.deps.session.applyStepAnswer(body.next) };
    return {
      state: body.state,
      expiresAt: body.expiresAt,
      ...(body.reason === undefined ? {} : { reason: body.reason }),
      ...(body.attemptsLeft === undefined ? {} : { attemptsLeft: body.attemptsLeft }),
    };
  }

  async cancelPush(): Promise<void> {
    const pushId = this.pushId;
    this.pushId = null;
    if (!pushId || !this.deps.session.pendingSignIn()) return;
    try {
      await this.call(endpoints.flowPushCancel, { pushId });
    } catch {
      // Already answered or expired: nothing left to cancel.
    }
  }

  // ── Devices page ──

  async account(): Promise<AccountMfa> {
    const info = await this.accountCall(endpoints.accountMfa);
    const remembered = this.remembered();
    const devices = info.devices.map(toDevice);
    return {
      devices,
      preference: info.preference,
      backupCodesLeft: info.backupCodesLeft,
      hasBackupCodes: info.hasBackupCodes,
      rememberedUntil: remembered?.expiresAt ?? null,
      recoveryReady: devices.length >= 2 || (devices.length >= 1 && info.backupCodesLeft > 0),
      steppedUp: this.stepUpFresh(),
      activity: info.activity.map((a) => ({ at: a.at, type: a.type })),
    } satisfies AccountMfa;
  }

  async confirmIdentity(password: string, code: string): Promise<{ expiresAt: string }> {
    const body = await this.accountCall(endpoints.accountStepUp, { body: { password, code } });
    this.stepUp = { token: body.stepUpToken, expiresAt: Date.parse(body.expiresAt) - (this.deps.portal.clockOffsetMs() ?? 0) };
    return { expiresAt: body.expiresAt };
  }

  async startAddDevice(device: NewDeviceRequest): Promise<EnrollmentInfo> {
    const body = await this.accountCall(endpoints.accountEnrollStart, { body: { stepUpToken: this.requireStepUp(), device } });
    this.enrollmentId = body.enrollment.id;
    const [qrDataUrl, bindQrDataUrl] = await Promise.all([QRCode.toDataURL(body.enrollment.otpauthUri), QRCode.toDataURL(body.enrollment.bindUrl)]);
    return { ...body.enrollment, qrDataUrl, bindQrDataUrl };
  }

  async renameDevice(id: string, name: string): Promise<MfaDevice[]> {
    return (await this.accountCall(endpoints.accountRenameDevice, { params: { id }, body: { name } })).devices.map(toDevice);
  }

  async removeDevice(id: string): Promise<MfaDevice[]> {
    return (await this.accountCall(endpoints.accountRemoveDevice, { params: { id }, body: { stepUpToken: this.requireStepUp() } })).devices.map(toDevice);
  }

  async forgetThisDevice(): Promise<AccountMfa> {
    const identity = this.deps.session.identity();
    if (identity) {
      const stored = this.rememberedDevices.forget(identity.portalUrl, identity.username);
      if (stored) {
        try {
          await this.deps.portal.call({ portalUrl: identity.portalUrl }, endpoints.forgetRemembered, { body: { rememberToken: stored.token } });
        } catch {
          // The token is gone from this install either way; the portal expires it on its own.
        }
      }
    }
    return this.account();
  }

  // ── internals ──

  private remembered(): Remembered | null {
    const identity = this.deps.session.identity();
    return identity ? this.rememberedDevices.read(identity.portalUrl, identity.username) : null;
  }

  /** Devices-page calls, through the signed-in session. */
  private accountCall<E extends EndpointSpec>(endpoint: E, input: CallInput<E> = {}): Promise<ResponseOf<E>> {
    return this.deps.session.authorized((target) => this.deps.portal.call(target, endpoint, input));
  }

  /** Posts to a flow route with the pending sign-in's token; `flow_expired` ends the flow. */
  private async call<E extends EndpointSpec>(endpoint: E, body: Record<string, unknown>): Promise<ResponseOf<E>> {
    const pending = this.deps.session.pendingSignIn();
    if (!pending) throw new PortalError('not_signed_in', 'Please sign in again.');
    const target: PortalTarget = { portalUrl: pending.portalUrl };
    try {
      return await this.deps.portal.call(target, endpoint, { body: { ...body, flowToken: pending.flowToken } as CallInput<E>['body'] });
    } catch (error) {
      if (isPortalError(error, 'flow_expired')) this.deps.session.abandonFlow();
      throw error;
    }
  }

  private requireEnrollment(): string {
    if (!this.enrollmentId) throw new PortalError('invalid_request', 'Start the device setup first.');
    return this.enrollmentId;
  }

  private stepUpFresh(): boolean {
    return this.stepUp !== null && this.stepUp.expiresAt > this.deps.clock.now();
  }

  private requireStepUp(): string {
    if (!this.stepUp || !this.stepUpFresh()) {
      throw new PortalError('forbidden', 'Confirm your password and a current code first.', { reason: 'step_up_required' });
    }
    return this.stepUp.token;
  }
}


function toDevice(d: z.output<typeof schemas.deviceSchema>): MfaDevice {
  return { id: d.id, kind: d.kind, name: d.name, phoneNumber: d.phoneNumber, phoneType: d.phoneType, canPush: d.canPush, addedAt: d.addedAt };
}
