/**
 * The portal's password policy: its values ({@link DEFAULT_PASSWORD_POLICY})
 * and the check of a configured policy. The evaluator itself lives on the
 * ground floor (`common/policy/password-policy.ts`), shared with the client's
 * live checklist, and is re-exported here for the server's modules.
 */
import { evaluatePassword as evaluateWithPolicy, type PasswordContext, type PasswordEvaluation, type PasswordPolicy } from '../../common/policy/password-policy';

export {
  PORTAL_SYMBOLS,
  characterClasses,
  passwordExpiry,
  passwordLength,
  type CharacterClasses,
  type ExpiryState,
  type PasswordContext,
  type PasswordEvaluation,
  type PasswordExpiry,
  type PasswordPolicy,
  type PasswordRuleId,
  type PasswordRuleResult,
} from '../../common/policy/password-policy';

/** The portal guide's policy plus the modern additions (blocklist, 1024-character maximum). */
export const DEFAULT_PASSWORD_POLICY: Readonly<PasswordPolicy> = Object.freeze({
  minLength: 8,
  maxLength: 1024,
  minClasses: 3,
  historyCount: 5,
  maxAgeDays: 90,
  reminderDays: 14,
  notifyDays: 7,
  blocklist: true,
  rejectUsername: true,
});

/** {@link evaluateWithPolicy} with the portal's default policy when none is given. */
export function evaluatePassword(
  password: string,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
  context: PasswordContext = {},
): PasswordEvaluation {
  return evaluateWithPolicy(password, policy, context);
}

/**
 * Checks a policy read from configuration: returns problems in plain words
 * (empty when valid). Keeps the modern floor (maxLength ≥ 64) non-negotiable.
 */
export function validatePasswordPolicy(policy: PasswordPolicy): string[] {
  const problems: string[] = [];
  const int = (v: number) => Number.isSafeInteger(v) && v >= 0;
  if (!int(policy.minLength) || policy.minLength < 1) problems.push('minLength must be a positive integer');
  if (!int(policy.maxLength) || policy.maxLength < 64)
    problems.push('maxLength must be an integer of at least 64');
  if (policy.maxLength < policy.minLength) problems.push('maxLength must not be below minLength');
  if (!int(policy.minClasses) || policy.minClasses > 4) problems.push('minClasses must be between 0 and 4');
  if (!int(policy.historyCount)) problems.push('historyCount must be a non-negative integer');
  if (policy.maxAgeDays !== null && !int(policy.maxAgeDays))
    problems.push('maxAgeDays must be a non-negative integer or null');
  if (!int(policy.reminderDays) || !int(policy.notifyDays))
    problems.push('reminderDays and notifyDays must be non-negative integers');
  if (policy.notifyDays > policy.reminderDays) problems.push('notifyDays must not exceed reminderDays');
  return problems;
}
