/**
 * Passkeys and security keys (WebAuthn). The ceremony itself runs on the
 * portal's own page (`/passkey/`, see docs/passkeys.md): these endpoints start
 * one (answering the page's address, with a one-time token in its fragment)
 * and wait for its result, the way a push is waited for.
 */
import { z } from 'zod';
import { signInStepSchema } from './auth';
import { postFor } from './endpoint';
import { deviceSchema } from './mfa-wire';
import { flowTokenInput as flowToken, isoTime, text, uuidLike } from './primitives';

const ceremonyId = z.string().min(1).max(64);
const stepUpToken = z.string().min(1).max(128);

export const passkeyBodies = {
  flow: z.object({ flowToken }),
  flowWait: z.object({ flowToken, ceremonyId, remember: z.boolean().optional() }),
  account: z.object({ stepUpToken }),
  accountWait: z.object({ ceremonyId }),
};

/** A started ceremony: open `url` (the portal's passkey page) in its own window. */
export const ceremonySchema = z.object({ ceremony: z.object({ id: uuidLike, url: z.string().max(2048), expiresAt: isoTime }) });

/** States of a ceremony as waiters see them. */
export const ceremonyStateSchema = z.enum(['pending', 'done', 'failed', 'expired']);

/** A long poll's answer: `done` carries the next step (sign-in, activation) or the new device (devices page). */
export const ceremonyWaitSchema = z.object({
  state: ceremonyStateSchema,
  expiresAt: isoTime,
  /** Why it failed, for the user (from the portal: shown as text only). */
  message: text(200).optional(),
  device: deviceSchema.optional(),
  devices: z.array(deviceSchema).max(50).optional(),
  next: signInStepSchema.optional(),
});

const flowPost = postFor('flow');
const sessionPost = postFor('session');

export const passkeyEndpoints = {
  flowPasskey: flowPost('/auth/mfa/passkey', 'Starts signing in with a passkey or security key (step mfa)', passkeyBodies.flow, ceremonySchema),
  flowPasskeyWait: flowPost('/auth/mfa/passkey/wait', 'Long poll for the passkey sign-in result', passkeyBodies.flowWait, ceremonyWaitSchema, { longPoll: true }),
  flowEnrollPasskey: flowPost('/auth/enroll/passkey', 'Starts adding a passkey or security key (activation, step enroll)', passkeyBodies.flow, ceremonySchema),
  flowEnrollPasskeyWait: flowPost('/auth/enroll/passkey/wait', 'Long poll for the new passkey (activation)', passkeyBodies.flowWait, ceremonyWaitSchema, { longPoll: true }),
  accountPasskey: sessionPost('/account/mfa/passkeys', 'Starts adding a passkey or security key (needs a step-up)', passkeyBodies.account, ceremonySchema),
  accountPasskeyWait: sessionPost('/account/mfa/passkeys/wait', 'Long poll for the new passkey (devices page)', passkeyBodies.accountWait, ceremonyWaitSchema, { longPoll: true }),
};
