/**
 * Second-factor routes of the sign-in flow (all `POST`, all carrying the
 * `flowToken` a sign-in step answered): enrollment during activation, the
 * "When I log in" preference, backup codes, passcodes, pushes, and
 * forgetting a remembered install.
 */
import { z } from 'zod';
import { signInStepSchema } from './auth';
import { postFor } from './endpoint';
import { backupCodesSchema, deviceSchema, enrollEndpoints, newDeviceSchema, preferenceSchema, pushCancelSchema, pushSchema, pushWaitSchema } from './mfa-wire';
import { PHONE_NUMBER_PATTERN } from '../policy/mfa-device';
import { flowTokenInput as flowToken, passcodeInput, preferenceValue } from './primitives';

const enrollmentId = z.string().min(1).max(64);
const pushId = z.string().min(1).max(64);

export const flowBodies = {
  flow: z.object({ flowToken }),
  start: z.object({ flowToken, device: newDeviceSchema }),
  enrollment: z.object({ flowToken, enrollmentId }),
  confirm: z.object({ flowToken, enrollmentId, code: passcodeInput }),
  preference: z.object({ flowToken, preference: preferenceValue }),
  passcode: z.object({ flowToken, code: passcodeInput, remember: z.boolean().optional() }),
  push: z.object({ flowToken, pushId }),
  wait: z.object({ flowToken, pushId, remember: z.boolean().optional() }),
  forget: z.object({ rememberToken: z.string().min(1).max(128) }),
  recoveryPhone: z.object({ flowToken, phoneNumber: z.string().regex(PHONE_NUMBER_PATTERN) }),
};

const post = postFor('flow');
const postPublic = postFor('public');

const flowEnroll = enrollEndpoints('flow', '/auth/enroll', flowBodies, 'Starts enrolling a device (activation)');
export const flowEnrollConfirm = post(
  '/auth/enroll/confirm',
  'Confirms the device with a code; answers the next step',
  flowBodies.confirm,
  z.object({ device: deviceSchema, next: signInStepSchema.optional() }),
);
export const flowPreference = post('/auth/flow/preference', 'Sets "When I log in"', flowBodies.preference, preferenceSchema);
export const flowBackupCodes = post('/auth/backup-codes', 'Issues backup codes (step backup_codes)', flowBodies.flow, backupCodesSchema);
export const flowBackupCodesSaved = post('/auth/backup-codes/saved', 'The user saved the codes; answers the next step', flowBodies.flow, signInStepSchema);
export const flowRecoveryPhone = post(
  '/auth/flow/recovery-phone',
  'Adds the recovery phone Support can call (step backup_codes)',
  flowBodies.recoveryPhone,
  z.object({ recoveryPhone: z.string().max(40) }),
);
export const flowPasscode = post('/auth/mfa/passcode', 'A TOTP or backup code; answers the next step', flowBodies.passcode, signInStepSchema);
export const flowPush = post('/auth/mfa/push', 'Sends a push to the phone', flowBodies.flow, pushSchema);
export const flowPushWait = post('/auth/mfa/push/wait', 'Long poll for the answer to a push', flowBodies.wait, pushWaitSchema, { longPoll: true });
export const flowPushCancel = post('/auth/mfa/push/cancel', 'Cancels a pending push', flowBodies.push, pushCancelSchema);
export const forgetRemembered = postPublic('/auth/remembered/forget', 'Forgets a remembered install ("Forget this device")', flowBodies.forget, null, { status: 204 });

export const mfaFlowEndpoints = {
  flowEnrollStart: flowEnroll.start,
  flowEnrollSecret: flowEnroll.secret,
  flowEnrollStatus: flowEnroll.status,
  flowEnrollConfirm,
  flowPreference,
  flowBackupCodes,
  flowBackupCodesSaved,
  flowRecoveryPhone,
  flowPasscode,
  flowPush,
  flowPushWait,
  flowPushCancel,
  forgetRemembered,
};
