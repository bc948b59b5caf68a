import type { ApiError } from '../../../../common/contract';

/** Client-side words for the portal's answer-quality refusals (`details.reason`). */
const REASONS: Record<string, string> = {
  wrong_count: 'Choose exactly 2 questions from the list.',
  unknown_question: 'Choose a question from the list.',
  same_question_twice: 'Choose two different questions.',
  question_too_short: 'Your own question needs at least 10 characters.',
  question_too_long: 'Your own question is too long.',
  not_a_question: 'Write your own question ending with "?".',
  duplicates_listed_question: 'Write a question that is not already in the list.',
  answer_too_short: 'Answers need at least 3 characters.',
  answer_too_long: 'That answer is too long.',
  answer_in_question: 'The answer must not be part of its question.',
  answers_not_distinct: 'Use a different answer for each question.',
};

const FIELDS: Record<string, string> = {
  'chosen.0.questionId': 'Question 1',
  'chosen.1.questionId': 'Question 2',
  'chosen.0.answer': 'Answer 1',
  'chosen.1.answer': 'Answer 2',
  'custom.question': 'Your own question',
  'custom.answer': 'Answer 3',
};

/** "Answer 1: Answers need at least 3 characters." or null when the error is not about the answers. */
export function describeQuestionError(error: ApiError): string | null {
  const reason = error.details?.reason;
  if (error.code !== 'invalid_request' || typeof reason !== 'string' || !(reason in REASONS)) return null;
  const field = typeof error.details?.field === 'string' ? FIELDS[error.details.field] : undefined;
  return field ? `${field}: ${REASONS[reason]}` : REASONS[reason]!;
}

/** A field of the questions form, named as the portal names it (`details.field`). */
export type QuestionField = keyof typeof FIELDS;

/** A problem and the field it sits next to. */
export interface QuestionProblem {
  field: QuestionField;
  message: string;
}

/** The field a portal refusal is about (to show it there), or null when it names none of the form's. */
export function questionErrorField(error: ApiError): QuestionProblem | null {
  const reason = error.details?.reason;
  const field = error.details?.field;
  if (error.code !== 'invalid_request' || typeof reason !== 'string' || !(reason in REASONS)) return null;
  if (typeof field !== 'string' || !(field in FIELDS)) return null;
  return { field: field as QuestionField, message: REASONS[reason]! };
}

/** The same quality rules checked before sending, so most mistakes show at once, next to their field. */
export function localQuestionFieldProblem(input: {
  chosen: Array<{ questionId: string; answer: string }>;
  custom: { question: string; answer: string };
}): QuestionProblem | null {
  const [a, b] = input.chosen;
  if (!a?.questionId) return { field: 'chosen.0.questionId', message: REASONS.wrong_count! };
  if (!b?.questionId) return { field: 'chosen.1.questionId', message: REASONS.wrong_count! };
  if (a.questionId === b.questionId) return { field: 'chosen.1.questionId', message: REASONS.same_question_twice! };
  const answerFields = ['chosen.0.answer', 'chosen.1.answer', 'custom.answer'] as const;
  const answers = [a.answer, b.answer, input.custom.answer].map((x) => x.trim());
  const short = answers.findIndex((x) => [...x].length < 3);
  if (short >= 0) return { field: answerFields[short]!, message: REASONS.answer_too_short! };
  if (input.custom.question.trim().length < 10) return { field: 'custom.question', message: REASONS.question_too_short! };
  if (!/[?？]$/u.test(input.custom.question.trim())) return { field: 'custom.question', message: REASONS.not_a_question! };
  const loose = answers.map((x) => x.toLowerCase());
  const repeat = loose.findIndex((x, i) => loose.indexOf(x) !== i);
  if (repeat >= 0) return { field: answerFields[repeat]!, message: REASONS.answers_not_distinct! };
  return null;
}

/** {@link localQuestionFieldProblem}'s words alone, or null. */
export function localQuestionProblem(input: {
  chosen: Array<{ questionId: string; answer: string }>;
  custom: { question: string; answer: string };
}): string | null {
  return localQuestionFieldProblem(input)?.message ?? null;
}
