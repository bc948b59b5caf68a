import { useId, type FormEvent } from 'react';

export interface Choice<T extends string> {
  value: T;
  label: string;
  hint?: string;
}

/**
 * One question answered by picking one of a few options (radio buttons in a
 * `choice-list`), then *Continue*. The activation steps ask their device and
 * phone questions this way.
 */
export function ChoiceForm<T extends string>(props: {
  legend: string;
  choices: readonly Choice<T>[];
  value: T;
  onChange(value: T): void;
  onContinue(): void;
}) {
  const name = useId();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    props.onContinue();
  };
  return (
    <form onSubmit={onSubmit}>
      <fieldset className="choice-list">
        <legend>{props.legend}</legend>
        {props.choices.map((c) => (
          <label key={c.value} className="choice">
            <input type="radio" name={name} value={c.value} checked={props.value === c.value} onChange={() => props.onChange(c.value)} />
            <span>{c.label}</span>
            {c.hint !== undefined && <span className="muted small">{c.hint}</span>}
          </label>
        ))}
      </fieldset>
      <div className="dialog-actions">
        <button type="submit" className="button primary">
          Continue
        </button>
      </div>
    </form>
  );
}
