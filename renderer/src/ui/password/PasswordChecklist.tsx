import type { PasswordPolicyInfo } from '../../../../common/contract';
import { checklist } from './password-rules';

/** One line per rule, updated as the user types; server-only rules say so. */
export function PasswordChecklist({
  password,
  policy,
  username,
  id,
}: {
  password: string;
  policy: PasswordPolicyInfo;
  username?: string;
  id?: string;
}) {
  const evaluation = checklist(password, policy, username);
  return (
    <ul className="password-checklist" id={id} aria-label="Password requirements" aria-live="polite">
      {evaluation.rules.map((rule) => {
        const state = !rule.checked ? 'pending' : rule.met && password !== '' ? 'met' : 'unmet';
        return (
          <li key={rule.id} className={`rule ${state}`} data-rule={rule.id} data-state={state}>
            <span aria-hidden="true" className="rule-mark">
              {state === 'met' ? '✓' : state === 'pending' ? '•' : '✗'}
            </span>
            <span>{rule.label}</span>
            <span className="sr-only">
              {state === 'met'
                ? ' (met)'
                : state === 'pending'
                  ? ' (checked when you save)'
                  : ' (not met yet)'}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
