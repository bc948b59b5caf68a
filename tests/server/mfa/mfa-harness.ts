/* eslint-disable @typescript-eslint/no-explicit-any -- tests read JSON answers loosely; the assertions check the shape. */
/**
 * The portal of the second-factor route tests and the security bench: on
 * 127.0.0.1:0 with a ManualClock, its AppContext captured through a tiny
 * plugin (so callers can create users and devices directly), and small HTTP
 * conveniences. Free of Vitest; `mfa-helpers.ts` adds the suite fixture.
 */
import { randomBytes } from 'node:crypto';
import { generateSync } from 'otplib';
import type { AppContext } from '../../../server/app-context';
import { generateReadablePassword } from '../../../server/auth/passwords';
import { createUser, type UserRecord } from '../../../server/auth/users';
import { ManualClock } from '../../../server/clock';
import type { DeepPartial, ServerConfig } from '../../../server/config';
import type { RunningServer } from '../../../server/index';
import { confirmEnrollment, startEnrollment } from '../../../server/mfa/devices';
import { MIN_ARGON2, type Backend, dropTestSchema, startCapturedServer } from '../portal-harness';

/** A running portal for MFA tests. */
export interface MfaPortal {
  server: RunningServer;
  ctx: AppContext;
  clock: ManualClock;
  post(
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; headers: Headers }>;
  get(
    path: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; headers: Headers }>;
  cleanup(): Promise<void>;
}

/** Starts a portal with the given config overrides. */
export async function startMfaPortal(
  backend: Backend,
  config: DeepPartial<ServerConfig> = {},
): Promise<MfaPortal> {
  const schema = backend.name === 'postgres' ? `portico_mfa_${randomBytes(6).toString('hex')}` : undefined;
  const clock = new ManualClock(new Date('2026-01-15T09:00:10.000Z'));
  const started = await startCapturedServer({
    tempPrefix: 'portico-mfa-test-',
    port: 0,
    clock,
    config: { argon2: MIN_ARGON2, ...config },
    databaseUrl: backend.databaseUrl,
    databaseSchema: schema,
  });
  const { server } = started;
  const call = async (method: string, path: string, body: unknown, headers: Record<string, string>) => {
    const response = await fetch(new URL(path, server.url), {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed as any, headers: response.headers };
  };
  return {
    server,
    ctx: started.ctx,
    clock,
    post: (path, body, headers = {}) => call('POST', path, body, headers),
    get: (path, headers = {}) => call('GET', path, undefined, headers),
    async cleanup() {
      await started.cleanup();
      await dropTestSchema(backend.databaseUrl, schema);
    },
  };
}

const usersMade = new WeakMap<MfaPortal, number>();

/** A new user (`<prefix>-1`, `<prefix>-2`, … per portal) with one active authenticator. */
export async function enrolledUser(
  portal: MfaPortal,
  prefix: string,
): Promise<{ user: UserRecord; password: string; device: Awaited<ReturnType<typeof enrollDevice>> }> {
  const n = (usersMade.get(portal) ?? 0) + 1;
  usersMade.set(portal, n);
  const { user, password } = await createTestUser(portal, `${prefix}-${n}`);
  const device = await enrollDevice(portal, user);
  return { user, password, device };
}

/** Creates a user; `temporary` marks the password as an activation password. */
export async function createTestUser(
  portal: MfaPortal,
  username: string,
  options: { temporary?: boolean } = {},
): Promise<{ user: UserRecord; password: string }> {
  const password = generateReadablePassword();
  const user = await createUser(portal.ctx.db, {
    username,
    displayName: `Test ${username}`,
    passwordHash: await portal.ctx.hasher.hash(password),
    mustChangePassword: options.temporary ?? false,
    now: portal.clock.now(),
  });
  return { user, password };
}

/** Gives `user` an active authenticator device; returns its secret. */
export async function enrollDevice(
  portal: MfaPortal,
  user: UserRecord,
): Promise<{ secret: string; id: string; bindToken: string }> {
  const now = portal.clock.now();
  const started = await startEnrollment(portal.ctx.db, portal.ctx.seeds, {
    userId: user.id,
    kind: 'authenticator',
    flowId: null,
    now,
    ttlSeconds: 900,
  });
  await confirmEnrollment(portal.ctx.db, portal.ctx.seeds, {
    userId: user.id,
    id: started.id,
    code: totpAt(started.secret, now.getTime()),
    now,
  });
  return { secret: started.secret, id: started.id, bindToken: started.bindToken };
}

/** The 6-digit code of `secret` at epoch ms `at`. */
export function totpAt(secret: string, at: number): string {
  return generateSync({ secret, epoch: Math.floor(at / 1000) });
}

/** Signs in with the password; returns the parsed answer. */
export async function passwordStep(
  portal: MfaPortal,
  username: string,
  password: string,
  extra: Record<string, string> = {},
) {
  return portal.post('/api/v1/auth/sign-in', { username, password, ...extra });
}

/** Answers activation's security questions (two from the list, one of the user's own). */
export async function answerQuestions(portal: MfaPortal, flowToken: string) {
  return portal.post('/api/v1/auth/security-questions', {
    flowToken,
    chosen: [
      { questionId: 'first-pet', answer: 'Rex the dog' },
      { questionId: 'birth-city', answer: 'Lisbon' },
    ],
    custom: { question: 'What colour was my first kite?', answer: 'Crimson' },
  });
}
