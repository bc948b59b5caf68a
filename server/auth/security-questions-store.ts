/**
 * Stored security questions and answers (answers Argon2id-hashed, compared
 * exactly). A reset shows them only after a verified second factor, so no
 * made-up questions are needed for names without an account
 * (`auth/reset-flow.ts`). Rules: `server/policy/security-questions.ts`.
 */
import type { Db, Queryable } from '../db';
import {
  hashAnswer,
  SECURITY_QUESTIONS,
  verifyAnswer,
  type Argon2Params,
  type SecurityAnswersInput,
} from '../policy/security-questions';

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
