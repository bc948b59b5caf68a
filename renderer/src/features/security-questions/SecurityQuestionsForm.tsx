import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError, SecurityAnswersRequest, SecurityQuestionOption } from '../../../../common/contract';
import { SubmitButton, TextField } from '../../ui/form-fields';
import { describeQuestionError, localQuestionProblem } from './question-messages';

/** The answers: typed exactly, so no spell check and no autofill. */
const ANSWER_INPUT = { type: 'text', autoComplete: 'off', spellCheck: false } as const;

/**
 * Two questions chosen from the portal's list and a third of the user's own,
 * each with an answer. Says that answers are case sensitive. `extra` renders
 * above the buttons (e.g. the password field on the account page).
 */
export function SecurityQuestionsForm(props: {
  questions: SecurityQuestionOption[];
  busy: boolean;
  error: ApiError | null;
  /** Shown when `error` is not about the answers. */
  describeOther(error: ApiError): string;
  submitLabel: string;
  extra?: ReactNode;
  canSubmit?: boolean;
  onSubmit(request: SecurityAnswersRequest): void;
  onCancel?(): void;
}) {
  const [chosen, setChosen] = useState([
    { questionId: '', answer: '' },
    { questionId: '', answer: '' },
  ]);
  const [custom, setCustom] = useState({ question: '', answer: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { q0: useId(), q1: useId(), note: useId() };

  const update = (i: number, patch: Partial<{ questionId: string; answer: string }>) =>
    setChosen((prev) => prev.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (props.busy) return;
    const request = { chosen, custom };
    const local = localQuestionProblem(request);
    setProblem(local);
    if (!local && props.canSubmit !== false) props.onSubmit(request);
  };

  const message =
    problem ??
    (props.error ? (describeQuestionError(props.error) ?? props.describeOther(props.error)) : null);
  return (
    <form onSubmit={submit} noValidate aria-busy={props.busy} className="questions-form">
      <p className="message info" id={ids.note}>
        Answers are case sensitive. Keep this in mind: you will type them exactly like this to reset your
        password.
      </p>
      {message && (
        <p className="message error" role="alert">
          {message}
        </p>
      )}
      {[0, 1].map((i) => (
        <fieldset key={i} className="question-group">
          <legend>Question {i + 1}</legend>
          <div className="field">
            <label htmlFor={i === 0 ? ids.q0 : ids.q1}>{`Question ${i + 1}`}</label>
            <select
              id={i === 0 ? ids.q0 : ids.q1}
              value={chosen[i]!.questionId}
              onChange={(e) => update(i, { questionId: e.target.value })}
            >
              <option value="">Choose a question…</option>
              {props.questions.map((q) => (
                <option key={q.id} value={q.id} disabled={chosen[1 - i]!.questionId === q.id}>
                  {q.text}
                </option>
              ))}
            </select>
          </div>
          <TextField
            label={`Answer ${i + 1}`}
            {...ANSWER_INPUT}
            aria-describedby={ids.note}
            value={chosen[i]!.answer}
            onChange={(answer) => update(i, { answer })}
          />
        </fieldset>
      ))}
      <fieldset className="question-group">
        <legend>Question 3 (your own)</legend>
        <TextField
          label="Your own question"
          type="text"
          autoComplete="off"
          value={custom.question}
          onChange={(question) => setCustom({ ...custom, question })}
        />
        <TextField
          label="Answer 3"
          {...ANSWER_INPUT}
          aria-describedby={ids.note}
          value={custom.answer}
          onChange={(answer) => setCustom({ ...custom, answer })}
        />
      </fieldset>
      {props.extra}
      <div className="dialog-actions">
        {props.onCancel && (
          <button type="button" className="button secondary" onClick={props.onCancel}>
            Cancel
          </button>
        )}
        <SubmitButton busy={props.busy}>{props.submitLabel}</SubmitButton>
      </div>
    </form>
  );
}
