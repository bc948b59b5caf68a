/** Sign-in, the session, sign-out, and the step answers every sign-in route shares. */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { INSTALL_ID_PATTERN, isoTime, passwordInput, text } from './primitives';

export const userSchema = z.object({
  username: text(128).min(1),
  displayName: text(256),
  roles: z.array(text(64)).max(32),
});

/** A finished sign-in: the session token and who signed in. */
export const signInCompleteSchema = z.object({
  step: z.literal('complete'),
  session: z.object({
    // base64url, 256 bits; bounded so a hostile portal cannot bloat the vault.
    token: z.string().min(16).max(512).regex(/^[A-Za-z0-9_\-.~+/=]+$/),
    idleTimeoutSeconds: z.number().int().min(1).max(7 * 24 * 3600),
    absoluteExpiresAt: isoTime,
  }),
  user: userSchema,
});

/**
 * Any sign-in step answer (`complete`, `enroll`, `mfa`, …): only its name is
 * checked here; the handler of that step validates the rest.
 */
export const signInStepSchema = z.looseObject({ step: text(64) });

export const sessionInfoSchema = z.object({
  user: userSchema,
  idleExpiresAt: isoTime,
  absoluteExpiresAt: isoTime,
});

export const signInBody = z.object({
  username: z.string().min(1).max(128),
  password: passwordInput,
  // Second factor: the client install (remember-me is bound to it) and its remember-me token.
  installId: z.string().regex(INSTALL_ID_PATTERN).optional(),
  rememberToken: z.string().min(1).max(128).optional(),
});

export const signIn = endpoint({
  method: 'POST',
  path: '/auth/sign-in',
  auth: 'public',
  summary: 'Password step of sign-in; answers the next step',
  body: signInBody,
  response: signInStepSchema,
});

export const getSession = endpoint({
  method: 'GET',
  path: '/auth/session',
  auth: 'session',
  summary: 'The signed-in session (X-Portico-Passive: 1 does not slide it)',
  response: sessionInfoSchema,
});

export const signOut = endpoint({
  method: 'POST',
  path: '/auth/sign-out',
  auth: 'session',
  summary: 'Ends the session (idempotent)',
  response: null,
  status: 204,
});

export const authEndpoints = { signIn, getSession, signOut };

export type PortalUser = z.infer<typeof userSchema>;
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
export type SignInComplete = z.infer<typeof signInCompleteSchema>;
export type SignInBody = z.input<typeof signInBody>;
