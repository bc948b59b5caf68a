/**
 * The second factor and lockout across two instances on one database: a push
 * started on one is approved through the other, a TOTP code is accepted once
 * in the whole cluster, and failures on either instance lock the account.
 */
import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRecord } from '../../../server/auth/users';
import { confirmEnrollment, startEnrollment } from '../../../server/mfa/devices';
import { backends } from '../helpers';
import { postJson, startCluster, type Cluster } from './cluster';

const PASSWORD = 'Cluster-Mfa-Password-42!';

interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test reads arbitrary JSON answers
  headers: Headers;
}

async function call(
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await postJson(base, path, body, headers);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

describe.each(backends)(
  'second factor and lockout across instances ($name)',
  (backend) => {
    let cluster: Cluster;
    let a: string;
    let b: string;
    let users = 0;

    beforeAll(async () => {
      cluster = await startCluster(backend, 2);
      [a, b] = cluster.urls as [string, string];
    }, 240_000);
    afterAll(async () => {
      await cluster?.close();
    }, 60_000);

    /** A user with an active authenticator (enrolled directly in the shared database). */
    async function userWithDevice(): Promise<{ user: UserRecord; secret: string; bindToken: string }> {
      users += 1;
      const user = await cluster.createUser(`mfa-user-${users}`, PASSWORD);
      // Enrolled with a code from two steps ago, so the current code is still unused.
      const now = new Date(Date.now() - 60_000);
      const started = await startEnrollment(cluster.db, cluster.seeds, {
        userId: user.id,
        kind: 'authenticator',
        flowId: null,
        now,
        ttlSeconds: 900,
      });
      const code = generateSync({ secret: started.secret, epoch: Math.floor(now.getTime() / 1000) });
      await confirmEnrollment(cluster.db, cluster.seeds, { userId: user.id, id: started.id, code, now });
      return { user, secret: started.secret, bindToken: started.bindToken };
    }

    async function mfaFlow(base: string, username: string): Promise<string> {
      const step = await call(base, '/api/v1/auth/sign-in', { username, password: PASSWORD });
      expect(step.status).toBe(200);
      expect(step.body.step).toBe('mfa');
      return step.body.flowToken as string;
    }

    it('approves through one instance a push started and awaited on the other', async () => {
      const { user, bindToken } = await userWithDevice();
      const bound = await call(a, '/approver/api/bind', { bindToken });
      expect(bound.status).toBe(200);
      const cookie = bound.headers.get('set-cookie')!.split(';')[0]!;

      const flowToken = await mfaFlow(a, user.username);
      const issued = await call(a, '/api/v1/auth/mfa/push', { flowToken });
      expect(issued.status).toBe(200);
      const pushId = issued.body.push.id as string;

      // The phone talks to instance B and sees the push A issued.
      const pending = await fetch(new URL('/approver/api/pushes', b), { headers: { cookie } });
      expect(pending.status).toBe(200);
      const listed = (await pending.json()) as { pushes: Array<{ id: string }> };
      expect(listed.pushes.map((push) => push.id)).toContain(pushId);

      // The desktop is already waiting on A when B records the approval.
      const waiting = call(a, '/api/v1/auth/mfa/push/wait', { flowToken, pushId });
      const approve = await call(
        b,
        `/approver/api/pushes/${pushId}`,
        { answer: 'approve', code: issued.body.push.code },
        { cookie },
      );
      expect(approve.status).toBe(200);
      const done = await waiting;
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ state: 'approved', next: { step: 'complete' } });
      const token = done.body.next.session.token as string;
      const session = await fetch(new URL('/api/v1/auth/session', b), {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(session.status).toBe(200);
    });

    it('accepts a TOTP code once in the cluster when it reaches both instances at once', async () => {
      const { user, secret } = await userWithDevice();
      const [flowA, flowB] = await Promise.all([mfaFlow(a, user.username), mfaFlow(b, user.username)]);
      const code = generateSync({ secret, epoch: Math.floor(Date.now() / 1000) });
      const answers = await Promise.all([
        call(a, '/api/v1/auth/mfa/passcode', { flowToken: flowA, code }),
        call(b, '/api/v1/auth/mfa/passcode', { flowToken: flowB, code }),
      ]);
      const accepted = answers.filter((answer) => answer.status === 200);
      expect(accepted).toHaveLength(1);
      expect(accepted[0]!.body.step).toBe('complete');
      const refused = answers.find((answer) => answer.status !== 200)!;
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);

      // And the used code stays used on either instance.
      const loserFlow = answers[0]!.status === 200 ? flowB : flowA;
      const again = await Promise.all([
        call(a, '/api/v1/auth/mfa/passcode', { flowToken: loserFlow, code }),
        call(b, '/api/v1/auth/mfa/passcode', { flowToken: loserFlow, code }),
      ]);
      expect(again.map((answer) => answer.status).filter((status) => status === 200)).toHaveLength(0);
    });

    it('counts failures from every instance toward one lockout', async () => {
      users += 1;
      const username = `lock-user-${users}`;
      await cluster.createUser(username, PASSWORD);
      const wrong = (base: string) =>
        call(base, '/api/v1/auth/sign-in', { username, password: 'not-the-password' });
      const answers: Answer[] = [];
      // Alternate instances: each sees only half of the failures.
      for (let i = 0; i < 5; i += 1) answers.push(await wrong(i % 2 === 0 ? a : b));
      expect(answers.slice(0, 4).map((answer) => answer.status)).toEqual([401, 401, 401, 401]);
      expect(answers[4]!.status).toBe(423);
      for (const base of [a, b]) {
        const right = await call(base, '/api/v1/auth/sign-in', { username, password: PASSWORD });
        expect(right.status).toBe(423);
        expect(right.body.error.code).toBe('locked');
      }
    });
  },
  90_000,
);
