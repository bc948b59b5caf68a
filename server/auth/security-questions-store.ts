/**
 * Stored security questions and answers (answers Argon2id-hashed, compared
 * exactly), and the stable decoy questions shown for usernames that have no
 * answers (unknown names, accounts not yet activated) so a reset page never
 * reveals whether an account exists. Rules: `server/policy/security-questions.ts`.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../db';
import {
  hashAnswer,
  SECURITY_QUESTIONS,
  verifyAnswer,
  type Argon2Params,
  type SecurityAnswersInput,
} from '../policy/security-questions';
import { usernameKey } from './lockout-store';

/** Questions a plausible user might write, for decoys (never stored). */
const DECOY_CUSTOM_QUESTIONS: readonly string[] = [
  'What was the name of my grandmother’s village?',
  'What was the first video game I owned?',
  'What is the name of my first manager?',
  'Which beach did we visit every summer?',
  'What was the name of my favourite stuffed animal?',
  'What did I name my first bicycle?',
  'Which band did I see live first?',
  'What was the nickname of my school bus driver?',
];

/** The three questions of an account, in order (2 listed + 1 custom). */
export async function loadQuestions(db: Queryable, userId: string): Promise<string[] | null> {
  const result = await db.query<{ question_text: string }>(
    'SELECT question_text FROM security_answers WHERE user_id = $1 ORDER BY position',
    [userId],
  );
  return result.rows.length === 3 ? result.rows.map((row) => row.question_text) : null;
}

/** True when the account has its three questions. */
export async function hasSecurityAnswers(db: Queryable, userId: string): Promise<boolean> {
  return (await loadQuestions(db, userId)) !== null;
}

/** Replaces the account's questions and answers (input already validated). */
export async function saveSecurityAnswers(
  db: Db,
  userId: string,
  input: SecurityAnswersInput,
  params: Argon2Params,
  now: Date,
): Promise<void> {
  const byId = new Map(SECURITY_QUESTIONS.map((q) => [q.id, q.text]));
  const rows = [
    ...input.chosen.map((c) => ({
      questionId: c.questionId,
      text: byId.get(c.questionId) ?? '',
      answer: c.answer,
    })),
    { questionId: null, text: input.custom.question.trim(), answer: input.custom.answer },
  ];
  const hashes = await Promise.all(rows.map((row) => hashAnswer(row.answer, params)));
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM security_answers WHERE user_id = $1', [userId]);
    for (const [position, row] of rows.entries()) {
      await tx.query(
        `INSERT INTO security_answers (user_id, position, question_id, question_text, answer_hash, set_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [userId, position, row.questionId, row.text, hashes[position], now],
      );
    }
  });
}

/**
 * Checks all three answers exactly; every hash is verified (no early exit),
 * so the time taken does not tell which answer was wrong.
 */
export async function verifySecurityAnswers(
  db: Queryable,
  userId: string,
  answers: readonly string[],
): Promise<boolean> {
  const result = await db.query<{ answer_hash: string }>(
    'SELECT answer_hash FROM security_answers WHERE user_id = $1 ORDER BY position',
    [userId],
  );
  if (result.rows.length !== 3 || answers.length !== 3) return false;
  const checks = await Promise.all(
    result.rows.map((row, i) => verifyAnswer(row.answer_hash, answers[i] ?? '')),
  );
  return checks.every(Boolean);
}

/** Spends the work of {@link verifySecurityAnswers} for a decoy; always false. */
export async function verifyDecoyAnswers(dummyHash: string, answers: readonly string[]): Promise<false> {
  await Promise.all([0, 1, 2].map((i) => verifyAnswer(dummyHash, answers[i] ?? '')));
  return false;
}

/** The per-portal secret decoys are derived from (created once, shared by every instance). */
export async function decoySecret(db: Queryable): Promise<Buffer> {
  const name = 'security-question-decoys';
  await db.query('INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
    name,
    randomBytes(32).toString('base64url'),
  ]);
  const result = await db.query<{ value: string }>('SELECT value FROM server_secrets WHERE name = $1', [
    name,
  ]);
  return Buffer.from(result.rows[0]!.value, 'base64url');
}

/**
 * Stable decoy questions for `username`: an HMAC of the lower-cased name
 * picks 2 listed questions and a custom one, so the same name always sees the
 * same questions and different names look like different people.
 */
export function decoyQuestions(secret: Buffer, username: string): string[] {
  const digest = createHmac('sha256', secret)
    .update(`questions:${usernameKey(username)}`)
    .digest();
  const list = SECURITY_QUESTIONS;
  const first = digest.readUInt32BE(0) % list.length;
  const second = (first + 1 + (digest.readUInt32BE(4) % (list.length - 1))) % list.length;
  const custom = DECOY_CUSTOM_QUESTIONS[digest.readUInt32BE(8) % DECOY_CUSTOM_QUESTIONS.length]!;
  return [list[first]!.text, list[second]!.text, custom];
}
