import { describe, expect, it } from 'vitest';
import {
  SECURITY_QUESTIONS,
  hashAnswer,
  validateSecurityAnswers,
  verifyAnswer,
} from '../../../server/policy/security-questions';
import type { SecurityAnswersInput } from '../../../server/policy/security-questions';

const good: SecurityAnswersInput = {
  chosen: [
    { questionId: 'first-pet', answer: 'Rex the Dog' },
    { questionId: 'birth-city', answer: 'Lyon' },
  ],
  custom: { question: 'What was my grandmother\u2019s maiden name?', answer: 'Dubois' },
};

const withChange = (f: (i: SecurityAnswersInput) => void): SecurityAnswersInput => {
  const copy = structuredClone(good) as SecurityAnswersInput;
  f(copy);
  return copy;
};

describe('predefined questions', () => {
  it('has 8–10 distinct questions with unique ids', () => {
    expect(SECURITY_QUESTIONS.length).toBeGreaterThanOrEqual(8);
    expect(SECURITY_QUESTIONS.length).toBeLessThanOrEqual(10);
    expect(new Set(SECURITY_QUESTIONS.map((q) => q.id)).size).toBe(SECURITY_QUESTIONS.length);
    for (const q of SECURITY_QUESTIONS) expect(q.text.endsWith('?')).toBe(true);
  });
});

describe('validateSecurityAnswers', () => {
  it('accepts a good set', () => {
    expect(validateSecurityAnswers(good)).toEqual([]);
  });

  it.each<[string, (i: SecurityAnswersInput) => void, string, string]>([
    [
      'an unknown question',
      (i) => void (i.chosen[0]!.questionId = 'nope'),
      'chosen.0.questionId',
      'unknown_question',
    ],
    [
      'the same question twice',
      (i) => void (i.chosen[1]!.questionId = 'first-pet'),
      'chosen.1.questionId',
      'same_question_twice',
    ],
    [
      'a 9-character custom question',
      (i) => void (i.custom.question = 'Who am I?'),
      'custom.question',
      'question_too_short',
    ],
    [
      'a custom question without "?"',
      (i) => void (i.custom.question = 'My favourite colour'),
      'custom.question',
      'not_a_question',
    ],
    [
      'a custom question that duplicates a listed one',
      (i) => void (i.custom.question = '  what was the NAME of your   first pet? '),
      'custom.question',
      'duplicates_listed_question',
    ],
    ['a 2-character answer', (i) => void (i.chosen[1]!.answer = 'Ly'), 'chosen.1.answer', 'answer_too_short'],
    ['an answer of spaces', (i) => void (i.custom.answer = '      '), 'custom.answer', 'answer_too_short'],
    [
      'an answer inside its question',
      (i) => void (i.chosen[0]!.answer = 'First Pet'),
      'chosen.0.answer',
      'answer_in_question',
    ],
    [
      'a custom answer inside the custom question',
      (i) => void (i.custom.answer = 'maiden name'),
      'custom.answer',
      'answer_in_question',
    ],
    [
      'two equal answers',
      (i) => void (i.chosen[1]!.answer = 'Rex the Dog'),
      'chosen.1.answer',
      'answers_not_distinct',
    ],
    [
      'answers equal but for case and spaces',
      (i) => void (i.custom.answer = ' rex  THE dog '),
      'custom.answer',
      'answers_not_distinct',
    ],
    [
      'an overlong answer',
      (i) => void (i.custom.answer = 'x'.repeat(201)),
      'custom.answer',
      'answer_too_long',
    ],
  ])('refuses %s', (_name, change, field, code) => {
    const errors = validateSecurityAnswers(withChange(change));
    expect(errors).toEqual([expect.objectContaining({ field, code })]);
    expect(errors[0]!.message.length).toBeGreaterThan(0);
  });

  it.each([0, 1, 3])('refuses %i chosen questions', (n) => {
    const input = { ...good, chosen: Array.from({ length: n }, () => good.chosen[0]!) };
    expect(validateSecurityAnswers(input)).toEqual([
      expect.objectContaining({ field: 'chosen', code: 'wrong_count' }),
    ]);
  });

  it('reports every problem at once', () => {
    const errors = validateSecurityAnswers({
      chosen: [
        { questionId: 'first-pet', answer: 'ab' },
        { questionId: 'bogus', answer: 'Lyon' },
      ],
      custom: { question: 'short?', answer: 'Lyon' },
    });
    expect(errors.map((e) => e.code).sort()).toEqual(
      ['answer_too_short', 'answers_not_distinct', 'question_too_short', 'unknown_question'].sort(),
    );
  });

  it('does not throw on junk shapes', () => {
    const junk = { chosen: [{}, {}], custom: null } as unknown as SecurityAnswersInput;
    expect(() => validateSecurityAnswers(junk)).not.toThrow();
    expect(validateSecurityAnswers(junk).length).toBeGreaterThan(0);
  });
});

describe('answer hashing', () => {
  const fast = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

  it('stores Argon2id and compares exactly (case-sensitive)', async () => {
    const stored = await hashAnswer('Rex the Dog', fast);
    expect(stored.startsWith('$argon2id$')).toBe(true);
    expect(stored).not.toContain('Rex');
    expect(await verifyAnswer(stored, 'Rex the Dog')).toBe(true);
    expect(await verifyAnswer(stored, '  Rex the Dog ')).toBe(true); // outer whitespace is not part of the answer
    expect(await verifyAnswer(stored, 'rex the dog')).toBe(false);
    expect(await verifyAnswer(stored, 'Rex the  Dog')).toBe(false);
  });

  it('honours a pepper and never throws on a broken hash', async () => {
    const secret = new TextEncoder().encode('server-pepper');
    const stored = await hashAnswer('Lyon', { ...fast, secret });
    expect(await verifyAnswer(stored, 'Lyon', { ...fast, secret })).toBe(true);
    expect(await verifyAnswer(stored, 'Lyon')).toBe(false);
    expect(await verifyAnswer('garbage', 'Lyon')).toBe(false);
  });
});
