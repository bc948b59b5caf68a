import type { PasswordPolicyInfo } from '../../../../common/contract';
import { checklist, ruleState, type RuleState } from './password-rules';

const MARK: Record<RuleState, string> = { idle: '•', pending: '•', met: '✓', unmet: '✗' };
const SPOKEN: Record<RuleState, string> = {
  idle: '',
  pending: ' (checked when you save)',
  met: ' (met)',
  unmet: ' (not met yet)',
};

/** One line per rule, updated as the user types; server-only rules say so; an empty field marks nothing. */
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
        const state = ruleState(rule, password);
        return (
          <li key={rule.id} className={`rule ${state}`} data-rule={rule.id} data-state={state}>
            <span aria-hidden="true" className="rule-mark">
              {MARK[state]}
            </span>
            <span>{rule.label}</span>
            {SPOKEN[state] ? <span className="sr-only">{SPOKEN[state]}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
