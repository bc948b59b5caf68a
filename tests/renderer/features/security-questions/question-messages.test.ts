import { describe, expect, it } from 'vitest';
import {
  describeQuestionError,
  localQuestionProblem,
} from '../../../../renderer/src/features/security-questions/question-messages';

const good = {
  chosen: [
    { questionId: 'first-pet', answer: 'Biscuit' },
    { questionId: 'birth-city', answer: 'Porto' },
  ],
  custom: { question: 'What was the name of my first boat?', answer: 'Sea Breeze' },
};

describe('security question messages', () => {
  it('accepts a good set and names the first problem of a bad one', () => {
    expect(localQuestionProblem(good)).toBeNull();
    expect(
      localQuestionProblem({ ...good, chosen: [good.chosen[0]!, { ...good.chosen[0]!, answer: 'Other' }] }),
    ).toContain('two different');
    expect(localQuestionProblem({ ...good, custom: { question: 'Boat?', answer: 'Sea' } })).toContain(
      '10 characters',
    );
    expect(
      localQuestionProblem({ ...good, custom: { question: 'Name of my first boat', answer: 'Sea Breeze' } }),
    ).toContain('"?"');
    expect(localQuestionProblem({ ...good, custom: { ...good.custom, answer: 'porto' } })).toContain(
      'different answer',
    );
    expect(
      localQuestionProblem({ ...good, chosen: [{ ...good.chosen[0]!, answer: 'ab' }, good.chosen[1]!] }),
    ).toContain('3 characters');
  });

  it('turns the portal refusal into words with the field name', () => {
    expect(
      describeQuestionError({
        code: 'invalid_request',
        message: 'x',
        details: { field: 'custom.question', reason: 'duplicates_listed_question' },
      }),
    ).toBe('Your own question: Write a question that is not already in the list.');
    expect(
      describeQuestionError({ code: 'invalid_request', message: 'x', details: { reason: 'unknown-thing' } }),
    ).toBeNull();
    expect(describeQuestionError({ code: 'locked', message: 'x' })).toBeNull();
  });
});
