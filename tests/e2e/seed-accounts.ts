/**
 * Test-only: creates accounts in a given state directly in the portal's
 * database (before the portal starts, or through its Db in unit tests):
 * temporary or old passwords, an already-enrolled authenticator (the MFA
 * `mfa_devices`, so a test can compute codes), saved backup codes, security
 * answers. Used by `scripts/stack.ts` (option `seedAccounts`) and server tests.
 * The authenticator's secret is sealed with the portal's seed key, as an
 * enrollment would store it.
 */
import { randomUUID } from 'node:crypto';
import { PasswordHasher, type Argon2Cost } from '../../server/auth/passwords';
import { tokenDigest } from '../../server/auth/tokens';
import { saveSecurityAnswers } from '../../server/auth/security-questions-store';
import { createUser } from '../../server/auth/users';
import type { AppContext } from '../../server/app-context';
import type { SecurityAnswersInput } from '../../server/policy/security-questions';

/** One account to create. */
export interface SeedAccount {
  username: string;
  displayName?: string;
  password: string;
  /** Created with a temporary password (activation pending). */
  mustChangePassword?: boolean;
  /** Back-dates the password (e.g. 91 for an expired one). */
  passwordAgeDays?: number;
  /** An active authenticator with this base32 secret (already enrolled). */
  totpSecret?: string;
  /**
   * With `totpSecret`: a one-time link token (43 base64url characters) that
   * binds a phone browser to that device, as if the QR code had been shown:
   * open `<portal>/approver#bind=<token>` in the phone page.
   */
  approverBindToken?: string;
  /** Marks the backup codes as saved (activation step done). */
  backupCodesSaved?: boolean;
  securityAnswers?: SecurityAnswersInput;
}

/** Creates the accounts; returns their ids by username. */
export async function seedAccounts(
  portal: Pick<AppContext, 'db' | 'seeds'>,
  argon2: Argon2Cost,
  now: Date,
  accounts: readonly SeedAccount[],
): Promise<Record<string, string>> {
  const { db, seeds } = portal;
  const hasher = new PasswordHasher(argon2);
  const ids: Record<string, string> = {};
  for (const account of accounts) {
    const user = await createUser(db, {
      username: account.username,
      displayName: account.displayName ?? account.username,
      passwordHash: await hasher.hash(account.password),
      mustChangePassword: account.mustChangePassword ?? false,
      now: new Date(now.getTime() - (account.passwordAgeDays ?? 0) * 86_400_000),
    });
    ids[account.username] = user.id;
    if (account.totpSecret) {
      const deviceId = randomUUID();
      await db.query(
        `INSERT INTO mfa_devices (id, user_id, kind, name, status, totp_secret, created_at, confirmed_at, bind_token_hash, bind_expires_at)
         VALUES ($1, $2, 'authenticator', 'Authenticator app', 'active', $3, $4, $4, $5, $6)`,
        [
          deviceId,
          user.id,
          seeds.seal(account.totpSecret, { userId: user.id, deviceId }),
          now,
          account.approverBindToken ? tokenDigest(account.approverBindToken) : null,
          account.approverBindToken ? new Date(now.getTime() + 86_400_000) : null,
        ],
      );
      await db.query('UPDATE users SET mfa_required = true WHERE id = $1', [user.id]);
    }
    if (account.backupCodesSaved) {
      await db.query('UPDATE users SET backup_codes_saved_at = $2 WHERE id = $1', [user.id, now]);
    }
    if (account.securityAnswers) await saveSecurityAnswers(db, user.id, account.securityAnswers, argon2, now);
  }
  return ids;
}
