/**
 * The live checklist's logic: the SAME pure policy evaluator the server
 * enforces (`common/policy/password-policy.ts`), fed with the policy the
 * portal publishes, so the two can never drift.
 */
import type { PasswordPolicyInfo } from '../../../../common/contract';
import {
  evaluatePassword,
  type PasswordEvaluation,
  type PasswordRuleId,
} from '../../../../common/policy/password-policy';

export type { PasswordRuleId } from '../../../../common/policy/password-policy';

/** The checklist for what the user typed (server-only rules show as "checked when you save"). */
export function checklist(
  password: string,
  policy: PasswordPolicyInfo,
  username?: string,
): PasswordEvaluation {
  return evaluatePassword(password, policy, username === undefined ? {} : { username });
}

/**
 * How the checklist shows one rule: `idle` while the field is empty (nothing is
 * marked red before the user typed), `pending` for a rule only the portal
 * checks, else `met` or `unmet`.
 */
export type RuleState = 'idle' | 'pending' | 'met' | 'unmet';

/** The state of one rule of {@link checklist} for what the user typed. */
export function ruleState(rule: { checked: boolean; met: boolean }, password: string): RuleState {
  if (!rule.checked) return 'pending';
  if (password === '') return 'idle';
  return rule.met ? 'met' : 'unmet';
}

/** Whether the form may be sent: every rule this side can check is met and the confirmation matches. */
export function canSubmit(
  password: string,
  confirm: string,
  policy: PasswordPolicyInfo,
  username?: string,
): boolean {
  if (password === '' || password !== confirm) return false;
  return checklist(password, policy, username).isAcceptable;
}

const RULE_WORDS: Record<PasswordRuleId, string> = {
  'min-length': 'it is too short',
  classes: 'it needs more kinds of characters',
  'not-username': 'it contains your username',
  'not-common': 'it is a common password',
  'not-recent': 'it is one of your recent passwords',
  'max-length': 'it is too long',
};

/** Plain words for the portal's refusal (`details.rules`, comma-separated rule ids). */
export function describeRefusal(rules: unknown): string {
  const ids =
    typeof rules === 'string' ? rules.split(',').filter((id): id is PasswordRuleId => id in RULE_WORDS) : [];
  if (ids.length === 0) return 'The portal did not accept the new password. Choose another one.';
  return `The portal did not accept the new password: ${ids.map((id) => RULE_WORDS[id]).join(', ')}. Choose another one.`;
}
