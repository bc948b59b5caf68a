/**
 * "1,000 pushes waiting at once": 1,000 users each sign in, start a push and
 * long-poll for its answer at the same time; then every push is approved
 * through the approver API (through a second instance when asked: the
 * answer then reaches the waiting instance as a PostgreSQL notification). Reports the instance's memory growth while they
 * wait and, per push, the time from its approval to the waiting client's
 * answer.
 *
 * Setup cost is not what is measured, so these users' passwords are hashed at
 * the Argon2id floor (the hash carries its own cost; the sign-in bench above
 * uses the configured cost).
 */
import { generateSync } from 'otplib';
import { PasswordHasher } from '../../server/auth/passwords';
import { createUser } from '../../server/auth/users';
import { systemClock } from '../../server/clock';
import { mergeDeep, type DeepPartial, type ServerConfig } from '../../server/config';
import { openDb } from '../../server/db';
import { confirmEnrollment, startEnrollment } from '../../server/mfa/devices';
import { SeedCipher } from '../../server/mfa/seed-cipher';
import { parseSeedKeyList } from '../../server/mfa/seed-keys';
import { median, percentile } from '../support';
import { startInstance } from './instances';
import { runLoad } from './load';

const PUSHES = 1000;
const PASSWORD = 'Bench-Push-Password-2026!';
const FLOOR = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Where to run the push bench. */
export interface PushBenchTarget {
  dataDir: string;
  databaseUrl?: string;
  databaseSchema?: string;
  config: DeepPartial<ServerConfig>;
  /** The TOTP seed key every instance shares (`PORTICO_SEED_KEY` form). */
  seedKey: string;
  /** 2: clients wait on the first instance and the phones approve through the second (PostgreSQL only). Default 1. */
  instances?: number;
}

/** Measured numbers of the push bench. */
export interface PushBenchResult {
  rssBeforeMb: number;
  rssWaitingMb: number;
  /** ms from each approval being recorded (the approver's 200) to the waiting client's answer (0 when the answer came first). */
  answerLatencies: number[];
  /** ms from each approval request being sent to the waiting client's answer (includes the approval's own processing). */
  sentLatencies: number[];
  errors: number;
  errorSamples: string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bench reads arbitrary JSON answers
type JsonBody = any;

async function post(url: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : null) as JsonBody,
  };
}

/** Creates the users with an active, push-bindable device; returns their binding tokens. */
async function prepareUsers(target: PushBenchTarget): Promise<string[]> {
  const db = await openDb({
    dataDir: target.dataDir,
    databaseUrl: target.databaseUrl,
    schema: target.databaseSchema,
  });
  const seeds = new SeedCipher(parseSeedKeyList(target.seedKey));
  try {
    const passwordHash = await new PasswordHasher(FLOOR).hash(PASSWORD);
    // Enrolled two TOTP steps ago, like a device set up earlier.
    const now = new Date(systemClock.now().getTime() - 60_000);
    const bindTokens: string[] = [];
    for (let index = 0; index < PUSHES; index += 1) {
      const user = await createUser(db, {
        username: `pushbench${index}`,
        displayName: `Push Bench ${index}`,
        passwordHash,
        mustChangePassword: false,
        now,
      });
      const started = await startEnrollment(db, seeds, {
        userId: user.id,
        kind: 'authenticator',
        flowId: null,
        now,
        ttlSeconds: 3600,
      });
      const code = generateSync({ secret: started.secret, epoch: Math.floor(now.getTime() / 1000) });
      await confirmEnrollment(db, seeds, { userId: user.id, id: started.id, code, now });
      bindTokens.push(started.bindToken);
    }
    return bindTokens;
  } finally {
    await db.close();
  }
}

/** Runs the bench on one fresh instance. */
export async function runPushBench(target: PushBenchTarget): Promise<PushBenchResult> {
  const bindTokens = await prepareUsers(target);
  // Setting up 1,000 pushes takes longer than their 60 s default life on a
  // slow machine; the bench measures waiting, not expiry, so give them 10 min.
  const config = mergeDeep(target.config, { mfa: { push: { expirySeconds: 600, maxPending: 3 } } });
  const instances = [await startInstance({ ...target, config })];
  for (let index = 1; index < (target.instances ?? 1); index += 1) {
    instances.push(await startInstance({ ...target, dataDir: `${target.dataDir}-${index}`, config }));
  }
  // Memory is measured where the 1,000 clients wait.
  const instance = instances[0]!;
  const approveUrl = instances[instances.length - 1]!.url;
  const errors: string[] = [];
  try {
    const url = instance.url;
    const phones: Array<{ cookie: string; flowToken: string; pushId: string }> = [];
    const setup = await runLoad(PUSHES, 50, async (index) => {
      const bound = await post(url, '/approver/api/bind', { bindToken: bindTokens[index] });
      if (bound.status !== 200) return `bind HTTP ${bound.status}`;
      const cookie = (bound.headers.get('set-cookie') ?? '').split(';')[0]!;
      const step = await post(url, '/api/v1/auth/sign-in', {
        username: `pushbench${index}`,
        password: PASSWORD,
      });
      if (step.body?.step !== 'mfa') return `sign-in step ${step.body?.step ?? step.status}`;
      const push = await post(url, '/api/v1/auth/mfa/push', { flowToken: step.body.flowToken });
      if (push.status !== 200) return `push HTTP ${push.status}`;
      phones[index] = { cookie, flowToken: step.body.flowToken, pushId: push.body.push.id };
      return true;
    });
    errors.push(...setup.errorSamples.map((sample) => `setup: ${sample}`));
    const rssBeforeMb = (await instance.rss(true)) / 2 ** 20;

    const approvedAt = new Map<string, number>();
    const recordedAt = new Map<string, number>();
    const answeredAt = new Map<string, number>();
    let peakMb = rssBeforeMb;
    const wait = async (phone: (typeof phones)[number]): Promise<void> => {
      // A client re-polls when the long poll ends without an answer.
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const answer = await post(url, '/api/v1/auth/mfa/push/wait', {
          flowToken: phone.flowToken,
          pushId: phone.pushId,
        }).catch((error: unknown) => ({ status: 0, body: { state: `error ${(error as Error).message}` } }));
        if (answer.body?.state === 'approved') {
          answeredAt.set(phone.pushId, performance.now());
          return;
        }
        if (answer.body?.state !== 'pending') {
          errors.push(`wait: ${answer.body?.state ?? `HTTP ${answer.status}`}`);
          return;
        }
      }
      errors.push('wait: never answered');
    };
    // Open the long polls in quick batches rather than 1,000 connects in one tick.
    const waits: Array<Promise<void>> = [];
    const open = phones.filter(Boolean);
    for (let start = 0; start < open.length; start += 100) {
      waits.push(...open.slice(start, start + 100).map(wait));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Let every long poll reach the server before measuring and approving.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    peakMb = Math.max(peakMb, (await instance.rss()) / 2 ** 20);
    await runLoad(phones.length, 50, async (index) => {
      const phone = phones[index];
      if (!phone) return 'no push';
      // Measured from the moment the approval is sent (an upper bound on the delay after it is recorded).
      approvedAt.set(phone.pushId, performance.now());
      const approved = await post(
        approveUrl,
        `/approver/api/pushes/${phone.pushId}`,
        { answer: 'approve' },
        { cookie: phone.cookie },
      );
      recordedAt.set(phone.pushId, performance.now());
      return approved.status === 200 ? true : `approve HTTP ${approved.status}`;
    }).then((result) => errors.push(...Array(result.errors).fill('approve failed')));
    peakMb = Math.max(peakMb, (await instance.rss()) / 2 ** 20);
    await Promise.all(waits);
    const missing = PUSHES - phones.filter(Boolean).length - setup.errorSamples.length;
    for (let i = 0; i < missing; i += 1) errors.push('setup failed');
    const answerLatencies: number[] = [];
    const sentLatencies: number[] = [];
    for (const [pushId, at] of answeredAt) {
      const sent = approvedAt.get(pushId);
      const recorded = recordedAt.get(pushId);
      if (sent !== undefined) sentLatencies.push(at - sent);
      if (recorded !== undefined) answerLatencies.push(Math.max(0, at - recorded));
    }
    return {
      rssBeforeMb,
      rssWaitingMb: peakMb,
      answerLatencies,
      sentLatencies,
      errors: errors.length,
      errorSamples: [...new Set(errors)].slice(0, 3),
    };
  } finally {
    await Promise.all(instances.map((running) => running.stop()));
  }
}

/** Table rows for one push bench result. */
export function pushRows(label: string, result: PushBenchResult): Array<[string, string, string]> {
  const lat = result.answerLatencies;
  const sent = result.sentLatencies;
  return [
    [`${label}: pushes waiting / errors`, `${PUSHES} / ${result.errors}`, '0 errors'],
    [
      `${label}: RSS before → while waiting (MB)`,
      `${result.rssBeforeMb.toFixed(0)} → ${result.rssWaitingMb.toFixed(0)} (+${(result.rssWaitingMb - result.rssBeforeMb).toFixed(0)})`,
      'growth ≤ 100 MB',
    ],
    [
      `${label}: approval recorded → answer p50 / p99 / max (ms)`,
      `${Math.round(median(lat))} / ${Math.round(percentile(lat, 99))} / ${Math.round(Math.max(...lat))}`,
      'each ≤ 1000 ms',
    ],
    [
      `${label}: approval sent → answer p50 / p99 / max (ms)`,
      `${Math.round(median(sent))} / ${Math.round(percentile(sent, 99))} / ${Math.round(Math.max(...sent))}`,
      '-',
    ],
    ...(result.errorSamples.length > 0
      ? [
          [`${label}: first errors`, result.errorSamples.join('; ').slice(0, 120), '-'] as [
            string,
            string,
            string,
          ],
        ]
      : []),
  ];
}
