/**
 * The password-policy evaluator: pure functions that check a password
 * against a rules object. The portal enforces it and the client's live
 * checklist explains it with the SAME code, fed with the policy the portal
 * publishes, so the two can never drift. Ground floor: no imports at all, no
 * Node-only APIs and no large data (the common-password blocklist and the
 * password history stay on the server and reach this module through
 * {@link PasswordContext}).
 */

/** Symbols the portal's user guide lists as "non-alphanumeric". */
export const PORTAL_SYMBOLS = '~!@#$%^&*_-+=`|\\(){}[]:;\'"<>,.?/';

/** Every rule is configurable; the portal decides the values (the reference server's are `DEFAULT_PASSWORD_POLICY` in `server/policy/password-policy.ts`). */
export interface PasswordPolicy {
  /** Minimum length in Unicode code points. */
  minLength: number;
  /** Maximum length in code points (never truncated; at least 64). */
  maxLength: number;
  /** How many of the four character classes are required. */
  minClasses: number;
  /** How many previous passwords may not be reused (0 disables the rule). */
  historyCount: number;
  /** Days until a password expires; `null` means passwords never expire. */
  maxAgeDays: number | null;
  /** From this many days before expiry the client shows the days left. */
  reminderDays: number;
  /** In the last this-many days the client also sends a desktop notification. */
  notifyDays: number;
  /** Reject passwords on the server's common-password blocklist. */
  blocklist: boolean;
  /** Reject passwords that contain the username (case-insensitive). */
  rejectUsername: boolean;
}

/** Stable identifiers of the rules, in checklist order. */
export type PasswordRuleId =
  'min-length' | 'classes' | 'not-username' | 'not-common' | 'not-recent' | 'max-length';

/** One line of the checklist. */
export interface PasswordRuleResult {
  id: PasswordRuleId;
  /** Plain-English wording, matching the portal guide. */
  label: string;
  /** True when the rule holds; false when it fails or could not be checked here. */
  met: boolean;
  /** False when this side cannot decide the rule (e.g. history on the client). */
  checked: boolean;
}

/** Facts only the caller knows. The server passes all of them with `requireAll: true`. */
export interface PasswordContext {
  /** The account's username, for the "does not contain your username" rule. */
  username?: string;
  /** Blocklist lookup (server-side; see `server/policy/blocklist.ts`). */
  isBlocked?: (password: string) => boolean;
  /**
   * Whether the password matches one of the last `historyCount` hashes or the
   * temporary password (computed beforehand: Argon2 verification is async).
   */
  isRecent?: boolean;
  /** Treat rules that could not be checked as failed (the server sets this). */
  requireAll?: boolean;
}

/** The checklist and the verdict. */
export interface PasswordEvaluation {
  rules: PasswordRuleResult[];
  /** True when no rule failed (and, with `requireAll`, every rule was checked). */
  isAcceptable: boolean;
  /** Rules this side could not check; the server checks them when saving. */
  unchecked: PasswordRuleId[];
}

/** The four character classes of the guide. */
export interface CharacterClasses {
  upper: boolean;
  lower: boolean;
  digit: boolean;
  symbol: boolean;
}

const UPPER = /[\p{Lu}\p{Lt}]/u;
const LOWER = /\p{Ll}/u;
const DIGIT = /\p{Nd}/u;

/**
 * Which classes a password uses. Upper/lower are Unicode cased letters, digits
 * are decimal digits; EVERY other character (the portal's symbol set, space,
 * caseless letters such as CJK, emoji) counts as a symbol, following the
 * guide's wording "non-alphanumeric" rather than only the listed symbols.
 */
export function characterClasses(password: string): CharacterClasses {
  const found: CharacterClasses = { upper: false, lower: false, digit: false, symbol: false };
  for (const ch of password) {
    if (UPPER.test(ch)) found.upper = true;
    else if (LOWER.test(ch)) found.lower = true;
    else if (DIGIT.test(ch)) found.digit = true;
    else found.symbol = true;
  }
  return found;
}

/** Length in Unicode code points, so an emoji counts as one character. */
export function passwordLength(password: string): number {
  let n = 0;
  for (const _ of password) n++;
  return n;
}

function rule(id: PasswordRuleId, label: string, met: boolean | undefined): PasswordRuleResult {
  return met === undefined ? { id, label, met: false, checked: false } : { id, label, met, checked: true };
}

/**
 * Evaluates a candidate password. The rule list has a stable order; rules the
 * policy disables are left out. Nothing is ever truncated: a password longer
 * than `maxLength` fails, it is not cut.
 */
export function evaluatePassword(
  password: string,
  policy: PasswordPolicy,
  context: PasswordContext = {},
): PasswordEvaluation {
  const length = passwordLength(password);
  const classes = characterClasses(password);
  const classCount = Object.values(classes).filter(Boolean).length;
  const rules: PasswordRuleResult[] = [
    rule('min-length', `At least ${policy.minLength} characters`, length >= policy.minLength),
    rule(
      'classes',
      `Characters from at least ${policy.minClasses} of: upper case, lower case, digits, symbols`,
      classCount >= policy.minClasses,
    ),
  ];
  if (policy.rejectUsername) {
    const user = context.username?.trim().toLowerCase();
    // A one- or two-letter username would forbid half the alphabet, so only
    // names of 3+ characters are matched (as Active Directory does).
    const met = user === undefined ? undefined : user.length < 3 || !password.toLowerCase().includes(user);
    rules.push(rule('not-username', 'Does not contain your username', met));
  }
  if (policy.blocklist) {
    rules.push(
      rule(
        'not-common',
        'Not a common password',
        context.isBlocked ? !context.isBlocked(password) : undefined,
      ),
    );
  }
  if (policy.historyCount > 0) {
    rules.push(
      rule(
        'not-recent',
        `Not one of your last ${policy.historyCount} passwords (checked when you save)`,
        context.isRecent === undefined ? undefined : !context.isRecent,
      ),
    );
  }
  rules.push(rule('max-length', `No more than ${policy.maxLength} characters`, length <= policy.maxLength));

  const unchecked = rules.filter((r) => !r.checked).map((r) => r.id);
  const failed = rules.some((r) => r.checked && !r.met);
  return { rules, isAcceptable: !failed && (!context.requireAll || unchecked.length === 0), unchecked };
}

/** Where a password stands relative to its expiry. */
export type ExpiryState = 'ok' | 'remind' | 'notify' | 'expired';

/** Result of {@link passwordExpiry}. */
export interface PasswordExpiry {
  /** Epoch milliseconds, or `null` when passwords never expire. */
  expiresAt: number | null;
  /** Whole days left, rounded up (0 once expired); `null` when passwords never expire. */
  daysLeft: number | null;
  /** `remind`: show days left; `notify`: also a daily desktop notification; `expired`: force a change. */
  state: ExpiryState;
}

const DAY_MS = 86_400_000;

/**
 * Expiry of a password changed at `changedAt` (epoch ms), seen at `now`.
 * With the defaults, day 89 still signs in (1 day left) and day 90 is expired;
 * reminders start when 14 days are left, notifications when 7 are left.
 */
export function passwordExpiry(changedAt: number, policy: PasswordPolicy, now: number): PasswordExpiry {
  if (policy.maxAgeDays === null || policy.maxAgeDays <= 0)
    return { expiresAt: null, daysLeft: null, state: 'ok' };
  const expiresAt = changedAt + policy.maxAgeDays * DAY_MS;
  if (now >= expiresAt) return { expiresAt, daysLeft: 0, state: 'expired' };
  const daysLeft = Math.ceil((expiresAt - now) / DAY_MS);
  const state: ExpiryState =
    daysLeft <= policy.notifyDays ? 'notify' : daysLeft <= policy.reminderDays ? 'remind' : 'ok';
  return { expiresAt, daysLeft, state };
}
