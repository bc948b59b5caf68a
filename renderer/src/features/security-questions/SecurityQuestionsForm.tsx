import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError, SecurityAnswersRequest, SecurityQuestionOption } from '../../../../common/contract';
import { SubmitButton, TextField } from '../../ui/form-fields';
import {
  describeQuestionError,
  localQuestionFieldProblem,
  questionErrorField,
  type QuestionField,
  type QuestionProblem,
} from './question-messages';

/** The answers: typed exactly, so no spell check and no autofill. */
const ANSWER_INPUT = { type: 'text', autoComplete: 'off', spellCheck: false } as const;

/**
 * Two questions chosen from the portal's list and a third of the user's own,
 * each with an answer. Says that answers are case sensitive. `extra` renders
 * above the buttons (e.g. the password field on the account page).
 *
 * A problem (found here before sending, or the portal's refusal) is said next
 * to the question or answer it is about (announced), which takes the focus,
 * and goes as soon as that field changes. Only a refusal about no field of the
 * form shows above it.
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
  const [problem, setProblem] = useState<QuestionProblem | null>(null);
  /** The portal's refusal the user has since edited its field for (so it no longer shows). */
  const [dismissed, setDismissed] = useState<ApiError | null>(null);
  const ids = { q0: useId(), q1: useId(), note: useId(), error: useId() };
  const fields = useRef<Partial<Record<QuestionField, HTMLInputElement | HTMLSelectElement | null>>>({});

  const serverError = props.error && props.error !== dismissed ? props.error : null;
  const serverField = serverError ? questionErrorField(serverError) : null;
  const shown: QuestionProblem | null = problem ?? serverField;
  const formMessage =
    !shown && serverError ? (describeQuestionError(serverError) ?? props.describeOther(serverError)) : null;
  // A new problem (found here, or refused by the portal) takes the focus to its field; keyed on the
  // problem itself, so typing elsewhere never pulls the focus back.
  const focusField = shown?.field;
  useEffect(() => {
    if (focusField) fields.current[focusField]?.focus();
  }, [problem, serverError]);

  /** The user changed `field`: a problem said next to it goes. */
  const edited = (field: QuestionField) => {
    if (problem?.field === field) setProblem(null);
    if (serverField?.field === field) setDismissed(serverError);
  };
  const update = (i: number, patch: Partial<{ questionId: string; answer: string }>) => {
    edited(`chosen.${i}.${'questionId' in patch ? 'questionId' : 'answer'}` as QuestionField);
    setChosen((prev) => prev.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  };
  /** Error wiring of one field: marked invalid and described by its error while it has one. */
  const errorOf = (field: QuestionField) => {
    const mine = shown?.field === field;
    return {
      props: {
        'aria-invalid': mine ? true : undefined,
        'aria-describedby': mine ? `${ids.error} ${ids.note}` : ids.note,
      },
      node: mine ? (
        <span id={ids.error} role="alert" className="field-error">
          {shown.message}
        </span>
      ) : null,
    };
  };
  const ref = (field: QuestionField) => (el: HTMLInputElement | HTMLSelectElement | null) => {
    fields.current[field] = el;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (props.busy) return;
    const request = { chosen, custom };
    const local = localQuestionFieldProblem(request);
    setProblem(local);
    if (!local && props.canSubmit !== false) props.onSubmit(request);
  };

  return (
    <form onSubmit={submit} noValidate aria-busy={props.busy} className="questions-form">
      <p className="message info" id={ids.note}>
        Answers are case sensitive. Keep this in mind: you will type them exactly like this to reset your
        password.
      </p>
      <p role="alert" className={formMessage ? 'message error' : 'visually-empty'}>
        {formMessage}
      </p>
      {[0, 1].map((i) => {
        const questionField = `chosen.${i}.questionId` as QuestionField;
        const answerField = `chosen.${i}.answer` as QuestionField;
        const questionError = errorOf(questionField);
        const answerError = errorOf(answerField);
        return (
          <fieldset key={i} className="question-group">
            <legend>Question {i + 1}</legend>
            <div className="field">
              <label htmlFor={i === 0 ? ids.q0 : ids.q1}>{`Question ${i + 1}`}</label>
              <select
                id={i === 0 ? ids.q0 : ids.q1}
                ref={ref(questionField)}
                value={chosen[i]!.questionId}
                {...questionError.props}
                aria-describedby={shown?.field === questionField ? ids.error : undefined}
                onChange={(e) => update(i, { questionId: e.target.value })}
              >
                <option value="">Choose a question…</option>
                {props.questions.map((q) => (
                  <option key={q.id} value={q.id} disabled={chosen[1 - i]!.questionId === q.id}>
                    {q.text}
                  </option>
                ))}
              </select>
              {questionError.node}
            </div>
            <TextField
              label={`Answer ${i + 1}`}
              {...ANSWER_INPUT}
              inputRef={ref(answerField)}
              {...answerError.props}
              value={chosen[i]!.answer}
              onChange={(answer) => update(i, { answer })}
            >
              {answerError.node}
            </TextField>
          </fieldset>
        );
      })}
      <fieldset className="question-group">
        <legend>Question 3 (your own)</legend>
        <TextField
          label="Your own question"
          type="text"
          autoComplete="off"
          inputRef={ref('custom.question')}
          {...errorOf('custom.question').props}
          aria-describedby={shown?.field === 'custom.question' ? ids.error : undefined}
          value={custom.question}
          onChange={(question) => {
            edited('custom.question');
            setCustom({ ...custom, question });
          }}
        >
          {errorOf('custom.question').node}
        </TextField>
        <TextField
          label="Answer 3"
          {...ANSWER_INPUT}
          inputRef={ref('custom.answer')}
          {...errorOf('custom.answer').props}
          value={custom.answer}
          onChange={(answer) => {
            edited('custom.answer');
            setCustom({ ...custom, answer });
          }}
        >
          {errorOf('custom.answer').node}
        </TextField>
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
