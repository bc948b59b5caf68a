/**
 * Decoys can't be told apart: before a verified second factor, a reset for a
 * name without an account answers exactly like one for a real account (of
 * every kind: with or without a phone, questions, a second factor; disabled;
 * not yet activated), in status, shape and content (random ids aside), runs
 * the same database statements (the same work), and no question text reaches
 * the client.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateSync } from 'otplib';
import type { Queryable } from '../../../server/db';
import { createBackupCode } from '../../../server/mfa/backup-codes';
import { replaceBackupCodes } from '../../../server/mfa/backup-store';
import { SECURITY_QUESTIONS } from '../../../server/policy/security-questions';
import { seedAccounts } from '../../e2e/seed-accounts';
import { MIN_ARGON2, SECURITY_ANSWERS } from '../helpers';
import { startPasswordHarness, type Answer, type PasswordHarness } from './password-harness';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const BIND_TOKEN = 'decoy-test-bind-token-0123456789abcdefghijk';
const PASSWORD = 'Start-Pass-Decoy-1';
const UNKNOWN_COUNT = 200;

/** Real accounts of every kind a reset can meet. */
const REAL = ['rita', 'sam', 'noqs', 'nofactor', 'bea', 'dora', 'tina'];
const FIRST = ['j', 'anna', 'm', 'olga', 'p', 'k', 'lee', 'sam'];
const LAST = ['doe', 'smith', 'rossi', 'ng', 'meyer', 'sato', 'silva', 'kowalski'];
/** 200 plausible user names that have no account. */
const UNKNOWN = Array.from(
  { length: UNKNOWN_COUNT },
  (_, i) => `${FIRST[i % FIRST.length]}${i % 3 === 0 ? '.' : ''}${LAST[(i * 5) % LAST.length]}${i}`,
);

/** An answer with its random parts replaced (tokens, push ids and verified-push codes differ on every call, for everyone). */
function normalised(answer: Answer): unknown {
  const body = structuredClone(answer.body) as Record<string, unknown>;
  if (typeof body.resetToken === 'string') body.resetToken = `token of ${body.resetToken.length} characters`;
  const push = body.push as { id?: unknown; code?: unknown } | undefined;
  if (push && typeof push.id === 'string') push.id = /^[0-9a-f-]{36}$/.test(push.id) ? 'uuid' : push.id;
  if (push && typeof push.code === 'string') push.code = /^\d{3}$/.test(push.code) ? 'ddd' : push.code;
  return { status: answer.status, body };
}

describe('reset decoys cannot be told apart from real accounts before the second factor', () => {
  let h: PasswordHarness;
  /** Every answer a client got before any second factor passed. */
  const seen: Answer[] = [];

  beforeAll(async () => {
    h = await startPasswordHarness({ mfa: { longPollSeconds: 1 } });
    const ids = await seedAccounts(h.ctx, MIN_ARGON2, h.clock.now(), [
      {
        username: 'rita',
        password: PASSWORD,
        totpSecret: SECRET,
        approverBindToken: BIND_TOKEN,
        securityAnswers: SECURITY_ANSWERS,
      },
      { username: 'sam', password: PASSWORD, totpSecret: SECRET, securityAnswers: SECURITY_ANSWERS },
      { username: 'noqs', password: PASSWORD, totpSecret: SECRET },
      { username: 'nofactor', password: PASSWORD, securityAnswers: SECURITY_ANSWERS },
      { username: 'bea', password: PASSWORD, securityAnswers: SECURITY_ANSWERS },
      { username: 'dora', password: PASSWORD, totpSecret: SECRET, securityAnswers: SECURITY_ANSWERS },
      { username: 'tina', password: PASSWORD, totpSecret: SECRET, mustChangePassword: true },
    ]);
    await replaceBackupCodes(h.db, ids.bea!, h.clock.now());
    await h.db.query(`UPDATE users SET status = 'disabled' WHERE id = $1`, [ids.dora!]);
    // rita's phone is bound: her pushes really reach a device.
    const bound = await h.app.inject({
      method: 'POST',
      url: '/approver/api/bind',
      payload: { bindToken: BIND_TOKEN },
    });
    expect(bound.statusCode).toBe(200);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await h?.close();
  });

  const post = async (path: string, body: unknown): Promise<Answer> => {
    const answer = await h.post(path, body);
    seen.push(answer);
    return answer;
  };
  /** A 6-digit code that the seeded authenticator does not accept now. */
  const wrongTotp = () => {
    const now = Math.floor(h.clock.now().getTime() / 1000);
    const near = new Set([-30, 0, 30].map((d) => generateSync({ secret: SECRET, epoch: now + d })));
    return ['000000', '111111', '222222'].find((c) => !near.has(c))!;
  };
  /** Every answer of one step, for the real names and the unknown ones. */
  const step = async (send: (name: string) => Promise<Answer>) => {
    const real = [];
    for (const name of REAL) real.push(normalised(await send(name)));
    const unknown = [];
    for (const name of UNKNOWN) unknown.push(normalised(await send(name)));
    return { real, unknown };
  };
  const expectAllEqual = ({ real, unknown }: { real: unknown[]; unknown: unknown[] }) => {
    const reference = real[0];
    expect(real).toEqual(real.map(() => reference));
    expect(unknown).toEqual(unknown.map(() => reference));
  };

  // One test per step, in order: each step's answers for all names, compared.
  const tokens = new Map<string, string>();
  const pushIds = new Map<string, string>();

  it('answers the username identically for 200 unknown names and every kind of account', async () => {
    const started = await step(async (name) => {
      const answer = await post('/auth/reset/start', { username: name });
      tokens.set(name, answer.body.resetToken as string);
      return answer;
    });
    expectAllEqual(started);
    expect(started.real[0]).toEqual({
      status: 200,
      body: { resetToken: expect.any(String), step: 'second_factor', methods: ['push', 'passcode'] },
    });
  });

  it('answers a wrong authenticator code identically', async () => {
    const code = wrongTotp();
    const wrongCodes = await step((name) =>
      post('/auth/reset/second-factor', { resetToken: tokens.get(name), code }),
    );
    expectAllEqual(wrongCodes);
    expect(wrongCodes.real[0]).toMatchObject({
      status: 401,
      body: { error: { code: 'invalid_credentials' } },
    });
  });

  it('answers a wrong backup code identically', async () => {
    const wrongBackups = await step((name) =>
      post('/auth/reset/second-factor', { resetToken: tokens.get(name), code: createBackupCode() }),
    );
    expectAllEqual(wrongBackups);
    expect(wrongBackups.real[0]).toMatchObject({ status: 401 });
  });

  it('sends a push for every name, answered identically', async () => {
    const pushes = await step(async (name) => {
      const answer = await post('/auth/reset/push', { resetToken: tokens.get(name) });
      pushIds.set(name, (answer.body.push as { id: string }).id);
      return answer;
    });
    expectAllEqual(pushes);
    expect(pushes.real[0]).toMatchObject({ status: 200, body: { push: { id: 'uuid' } } });
  });

  it('ends every unanswered push the same way once its time is up', async () => {
    h.clock.advance(h.ctx.config.mfa.push.expirySeconds * 1000);
    const ended = await step((name) =>
      post('/auth/reset/push/wait', { resetToken: tokens.get(name), pushId: pushIds.get(name) }),
    );
    expectAllEqual(ended);
    expect(ended.real[0]).toMatchObject({ status: 200, body: { state: 'expired' } });
  });

  it('warns and locks a real account and an unknown name in the same words', async () => {
    const runOf = async (username: string) => {
      const resetToken = (await post('/auth/reset/start', { username })).body.resetToken;
      const answers = [];
      for (let i = 0; i < 6; i += 1) {
        answers.push(normalised(await post('/auth/reset/second-factor', { resetToken, code: wrongTotp() })));
      }
      answers.push(normalised(await post('/auth/reset/start', { username })));
      return answers;
    };
    const real = await runOf('sam');
    // sam already failed twice in the tests above, like every unknown name there.
    expect(await runOf(UNKNOWN[7]!)).toEqual(real);
    expect(real.map((a) => (a as Answer).status)).toEqual([401, 401, 423, 423, 423, 423, 423]);
    expect(real[0]).toMatchObject({ body: { error: { details: { attemptsLeft: 2 } } } });
    expect(real[1]).toMatchObject({ body: { error: { details: { attemptsLeft: 1 } } } });
  });

  it('runs the same database statements for a real account as for an unknown name', async () => {
    /** The statements one request runs, inside transactions too, with whitespace collapsed. */
    const trace = async (send: () => Promise<unknown>): Promise<string[]> => {
      const statements: string[] = [];
      const traced = (target: Queryable): Queryable => ({
        query: (sql, params) => {
          statements.push(sql.replace(/\s+/g, ' ').trim());
          return target.query(sql, params);
        },
      });
      const query = h.db.query.bind(h.db);
      const transaction = h.db.transaction.bind(h.db);
      const spies = [
        vi
          .spyOn(h.db, 'query')
          .mockImplementation((sql, params) => traced({ query }).query(sql, params) as never),
        vi.spyOn(h.db, 'transaction').mockImplementation((fn) => transaction((tx) => fn(traced(tx)))),
      ];
      try {
        await send();
      } finally {
        for (const spy of spies) spy.mockRestore();
      }
      return statements;
    };
    const run = async (username: string) => {
      let resetToken = '';
      const start = await trace(async () => {
        resetToken = (await h.post('/auth/reset/start', { username })).body.resetToken as string;
      });
      const totp = await trace(() => h.post('/auth/reset/second-factor', { resetToken, code: wrongTotp() }));
      const backup = await trace(() =>
        h.post('/auth/reset/second-factor', { resetToken, code: createBackupCode() }),
      );
      const push = await trace(() => h.post('/auth/reset/push', { resetToken }));
      // The push is serialised per user (its row) or per name (an advisory lock): one statement each.
      return { start, totp, backup, pushCount: push.length };
    };
    const unknown = await run('nobody-traced');
    expect(unknown.start.length).toBeGreaterThan(0);
    expect(unknown.totp.length).toBeGreaterThan(unknown.start.length);
    for (const name of ['rita', 'nofactor', 'dora']) {
      await h.ctx.passwords.lockout.unlock(name, 'test');
      expect(await run(name)).toEqual(unknown);
    }
  });

  it('shows no question text, real or made up, before a verified second factor', () => {
    const texts = [...SECURITY_QUESTIONS.map((q) => q.text), SECURITY_ANSWERS.custom.question];
    expect(seen.length).toBeGreaterThan(5 * UNKNOWN_COUNT);
    for (const answer of seen) {
      const raw = JSON.stringify(answer.body);
      expect(raw).not.toMatch(/question/i);
      for (const text of texts) expect(raw).not.toContain(text);
    }
  });
});
