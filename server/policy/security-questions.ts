/**
 * Security questions: the portal's predefined list, the quality rules for a
 * user's 2 chosen + 1 custom question, and Argon2id hashing of the answers.
 * Answers are compared exactly (case-sensitive) at reset time; the quality
 * rules below compare loosely (case/space-insensitive) so near-duplicates are
 * refused up front.
 */
import { hash, verify } from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';

/** A predefined question. */
export interface SecurityQuestion {
  id: string;
  text: string;
}

/** The portal's predefined questions (stable ids: they are stored with the answers). */
export const SECURITY_QUESTIONS: readonly SecurityQuestion[] = Object.freeze([
  { id: 'first-pet', text: 'What was the name of your first pet?' },
  { id: 'birth-city', text: 'In what city were you born?' },
  { id: 'first-school', text: 'What was the name of your first school?' },
  { id: 'childhood-friend', text: 'What is the first name of your childhood best friend?' },
  { id: 'first-car', text: 'What was the make and model of your first car?' },
  { id: 'parents-met', text: 'In what city or town did your parents meet?' },
  { id: 'first-job', text: 'What was the name of the company of your first job?' },
  { id: 'favourite-teacher', text: 'What was the last name of your favourite teacher?' },
  { id: 'childhood-street', text: 'What was the name of the street you grew up on?' },
  { id: 'first-concert', text: 'What was the first concert you attended?' },
]);

/** What the user submits. */
export interface SecurityAnswersInput {
  chosen: ReadonlyArray<{ questionId: string; answer: string }>;
  custom: { question: string; answer: string };
}

/** Field paths errors point at, so the form can show each message beside its input. */
export type SecurityAnswerField =
  | 'chosen'
  | 'chosen.0.questionId'
  | 'chosen.1.questionId'
  | 'chosen.0.answer'
  | 'chosen.1.answer'
  | 'custom.question'
  | 'custom.answer';

/** Typed reasons for a refused set of answers. */
export type SecurityAnswerErrorCode =
  | 'wrong_count'
  | 'unknown_question'
  | 'same_question_twice'
  | 'question_too_short'
  | 'question_too_long'
  | 'not_a_question'
  | 'duplicates_listed_question'
  | 'answer_too_short'
  | 'answer_too_long'
  | 'answer_in_question'
  | 'answers_not_distinct';

/** One refused field. */
export interface SecurityAnswerError {
  field: SecurityAnswerField;
  code: SecurityAnswerErrorCode;
  message: string;
}

/** Limits, configurable with the rest of the policy. */
export interface SecurityAnswerLimits {
  minAnswerLength: number;
  maxAnswerLength: number;
  minQuestionLength: number;
  maxQuestionLength: number;
}

/** Defaults: answers ≥ 3 characters, custom question ≥ 10 characters. */
export const DEFAULT_SECURITY_ANSWER_LIMITS: Readonly<SecurityAnswerLimits> = Object.freeze({
  minAnswerLength: 3,
  maxAnswerLength: 200,
  minQuestionLength: 10,
  maxQuestionLength: 200,
});

/** Case-, width- and whitespace-insensitive form used for the quality comparisons only. */
export function looseForm(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** The exact form an answer is hashed and compared in: NFC, outer whitespace trimmed, case kept. */
export function prepareAnswer(answer: string): string {
  return answer.normalize('NFC').trim();
}

const length = (s: string): number => [...s].length;
const QUESTION_END = /[?？]$/u;

function checkAnswer(
  field: SecurityAnswerField,
  answer: string,
  question: string | undefined,
  limits: SecurityAnswerLimits,
): SecurityAnswerError | undefined {
  const a = prepareAnswer(answer);
  if (length(a) < limits.minAnswerLength) {
    return {
      field,
      code: 'answer_too_short',
      message: `Answers need at least ${limits.minAnswerLength} characters.`,
    };
  }
  if (length(a) > limits.maxAnswerLength) {
    return {
      field,
      code: 'answer_too_long',
      message: `Answers can have at most ${limits.maxAnswerLength} characters.`,
    };
  }
  if (question !== undefined && looseForm(question).includes(looseForm(a))) {
    return { field, code: 'answer_in_question', message: 'The answer must not be part of its question.' };
  }
  return undefined;
}

/**
 * Validates 2 chosen + 1 custom question with answers. Returns every problem
 * found (empty array = acceptable); never throws on odd input.
 */
export function validateSecurityAnswers(
  input: SecurityAnswersInput,
  list: readonly SecurityQuestion[] = SECURITY_QUESTIONS,
  limits: SecurityAnswerLimits = DEFAULT_SECURITY_ANSWER_LIMITS,
): SecurityAnswerError[] {
  const errors: SecurityAnswerError[] = [];
  const chosen = Array.isArray(input.chosen) ? input.chosen : [];
  if (chosen.length !== 2) {
    return [{ field: 'chosen', code: 'wrong_count', message: 'Choose exactly 2 questions from the list.' }];
  }
  const byId = new Map(list.map((q) => [q.id, q.text]));
  const answers: Array<{ field: SecurityAnswerField; value: string; ok: boolean }> = [];

  chosen.forEach((c, i) => {
    const idField = `chosen.${i}.questionId` as SecurityAnswerField;
    const answerField = `chosen.${i}.answer` as SecurityAnswerField;
    const text = byId.get(String(c.questionId));
    if (text === undefined) {
      errors.push({ field: idField, code: 'unknown_question', message: 'Choose a question from the list.' });
    } else if (i === 1 && String(c.questionId) === String(chosen[0]!.questionId)) {
      errors.push({
        field: idField,
        code: 'same_question_twice',
        message: 'Choose two different questions.',
      });
    }
    const err = checkAnswer(answerField, String(c.answer ?? ''), text, limits);
    if (err) errors.push(err);
    answers.push({ field: answerField, value: String(c.answer ?? ''), ok: !err });
  });

  const question = String(input.custom?.question ?? '').trim();
  const qLoose = looseForm(question);
  let questionOk = false;
  if (length(question) < limits.minQuestionLength) {
    errors.push({
      field: 'custom.question',
      code: 'question_too_short',
      message: `Your question needs at least ${limits.minQuestionLength} characters.`,
    });
  } else if (length(question) > limits.maxQuestionLength) {
    errors.push({
      field: 'custom.question',
      code: 'question_too_long',
      message: `Your question can have at most ${limits.maxQuestionLength} characters.`,
    });
  } else if (!QUESTION_END.test(question)) {
    errors.push({
      field: 'custom.question',
      code: 'not_a_question',
      message: 'Write your own question ending with "?".',
    });
  } else if (list.some((q) => looseForm(q.text) === qLoose)) {
    errors.push({
      field: 'custom.question',
      code: 'duplicates_listed_question',
      message: 'Write a question that is not already in the list.',
    });
  } else {
    questionOk = true;
  }
  const customAnswer = String(input.custom?.answer ?? '');
  const customErr = checkAnswer('custom.answer', customAnswer, questionOk ? question : undefined, limits);
  if (customErr) errors.push(customErr);
  answers.push({ field: 'custom.answer', value: customAnswer, ok: !customErr });

  // Only compare answers that are individually fine, so one mistake gives one message.
  const seen = new Set<string>();
  for (const a of answers.filter((x) => x.ok)) {
    const key = looseForm(a.value);
    if (seen.has(key)) {
      errors.push({
        field: a.field,
        code: 'answers_not_distinct',
        message: 'Use a different answer for each question.',
      });
    }
    seen.add(key);
  }
  return errors;
}

/** Argon2id cost parameters (the same ones the server uses for passwords). */
export interface Argon2Params {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
  /** Optional server-side pepper (Argon2 "secret"); must be the same for hash and verify. */
  secret?: Uint8Array;
}

// `Algorithm` is an ambient const enum, which isolatedModules cannot read at
// runtime; 2 is its documented Argon2id value.
const ARGON2ID = 2 as Algorithm;

/** Hashes an answer (exact form, see {@link prepareAnswer}) with Argon2id. */
export function hashAnswer(answer: string, params: Argon2Params): Promise<string> {
  return hash(prepareAnswer(answer), { ...params, algorithm: ARGON2ID });
}

/** Verifies an answer exactly (case-sensitive) against its stored hash; false on any malformed hash. */
export async function verifyAnswer(
  storedHash: string,
  answer: string,
  params?: Argon2Params,
): Promise<boolean> {
  try {
    // Costs come from the PHC string itself; only the pepper has to be passed back in.
    return await verify(
      storedHash,
      prepareAnswer(answer),
      params?.secret ? { secret: params.secret } : undefined,
    );
  } catch {
    return false;
  }
}
