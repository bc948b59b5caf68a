/**
 * The devices page ("My Settings & Devices") of a signed-in user. Adding,
 * removing and regenerating need a fresh step-up token.
 */
import { z } from 'zod';
import { endpoint, postFor } from './endpoint';
import { accountMfaSchema, backupCodesSchema, deviceSchema, devicesSchema, enrollEndpoints, newDeviceSchema, preferenceSchema, stepUpSchema } from './mfa-wire';
import { textCheck } from '../text/guard';
import { passcodeInput, passwordInput, preferenceValue } from './primitives';

const stepUpToken = z.string().min(1).max(128);
const enrollmentId = z.string().min(1).max(64);

export const accountMfaBodies = {
  preference: z.object({ preference: preferenceValue }),
  stepUp: z.object({ password: passwordInput, code: passcodeInput }),
  // Shown in lists and logs: no control or format characters.
  rename: z.object({ name: z.string().trim().min(1).max(60).check(textCheck({ invisible: true })) }),
  withStepUp: z.object({ stepUpToken }),
  start: z.object({ stepUpToken, device: newDeviceSchema }),
  enrollment: z.object({ enrollmentId }),
  confirm: z.object({ stepUpToken, enrollmentId, code: passcodeInput }),
};

/** Device ids in paths; anything else is `404 not_found` (checked by the route). */
const deviceParams = z.object({ id: z.string().max(64) });

const post = postFor('session');

export const accountMfa = endpoint({
  method: 'GET',
  path: '/account/mfa',
  auth: 'session',
  summary: 'Devices, preference, backup codes left and recent activity',
  response: accountMfaSchema,
});
export const accountMfaPreference = post('/account/mfa/preference', 'Sets "When I log in"', accountMfaBodies.preference, preferenceSchema);
export const accountStepUp = post('/account/mfa/step-up', 'Password + a current code: a short-lived step-up token', accountMfaBodies.stepUp, stepUpSchema);
export const accountRenameDevice = post('/account/mfa/devices/:id/rename', 'Renames a device', accountMfaBodies.rename, devicesSchema, { params: deviceParams });
export const accountRemoveDevice = post(
  '/account/mfa/devices/:id/remove',
  'Removes a device (never the last; needs a step-up)',
  accountMfaBodies.withStepUp,
  devicesSchema,
  { params: deviceParams },
);
const accountEnroll = enrollEndpoints('session', '/account/mfa/enroll', accountMfaBodies, 'Starts adding a device (needs a step-up)');
export const accountEnrollConfirm = post(
  '/account/mfa/enroll/confirm',
  'Confirms the new device (needs a step-up)',
  accountMfaBodies.confirm,
  z.object({ device: deviceSchema, devices: devicesSchema.shape.devices }),
);
export const accountBackupCodes = post('/account/mfa/backup-codes', 'A new set of backup codes (needs a step-up)', accountMfaBodies.withStepUp, backupCodesSchema);

export const accountMfaEndpoints = {
  accountMfa,
  accountMfaPreference,
  accountStepUp,
  accountRenameDevice,
  accountRemoveDevice,
  accountEnrollStart: accountEnroll.start,
  accountEnrollSecret: accountEnroll.secret,
  accountEnrollStatus: accountEnroll.status,
  accountEnrollConfirm,
  accountBackupCodes,
};
