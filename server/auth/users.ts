/** The users table: lookups and creation. Usernames are unique ignoring case. */
import { USERNAME_PATTERN } from '../../common/api';
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db';

/** A stored account as the server sees it (never sent to clients as is). */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  passwordHash: string;
  roles: string[];
  status: 'active' | 'disabled';
  passwordChangedAt: Date;
  mustChangePassword: boolean;
  createdAt: Date;
}

/** What clients are told about a user. */
export interface UserSummary {
  username: string;
  displayName: string;
  roles: string[];
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  roles: string[];
  status: 'active' | 'disabled';
  password_changed_at: Date;
  must_change_password: boolean;
  created_at: Date;
}

/** Column list shared by every user query (also used by joins in sessions). */
export const USER_COLUMNS =
  'u.id, u.username, u.display_name, u.email, u.password_hash, u.roles, u.status, u.password_changed_at, u.must_change_password, u.created_at';

/** Maps a row selected with {@link USER_COLUMNS}. */
export function toUserRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    passwordHash: row.password_hash,
    roles: row.roles,
    status: row.status,
    passwordChangedAt: new Date(row.password_changed_at),
    mustChangePassword: row.must_change_password,
    createdAt: new Date(row.created_at),
  };
}

/** The client-facing view of a user. */
export function toUserSummary(user: UserRecord): UserSummary {
  return { username: user.username, displayName: user.displayName, roles: [...user.roles] };
}

/** Usernames the admin may create: letters, digits and `._@-`, 1–128 chars. */
export { USERNAME_PATTERN };

/** Fields for {@link createUser}; `passwordHash` is already Argon2id. */
export interface NewUser {
  username: string;
  displayName: string;
  email?: string | null;
  passwordHash: string;
  roles?: string[];
  mustChangePassword?: boolean;
  now: Date;
}

/** Thrown by {@link createUser} when the username is taken (ignoring case). */
export class UsernameTakenError extends Error {
  constructor(username: string) {
    super(`The username "${username}" is already taken.`);
    this.name = 'UsernameTakenError';
  }
}

/** Finds a user by username, ignoring case. */
export async function findUserByUsername(db: Queryable, username: string): Promise<UserRecord | null> {
  const result = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users u WHERE lower(u.username) = lower($1)`,
    [username],
  );
  const row = result.rows[0];
  return row ? toUserRecord(row) : null;
}

/** Inserts a user; throws {@link UsernameTakenError} on a duplicate. */
export async function createUser(db: Queryable, user: NewUser): Promise<UserRecord> {
  if (!USERNAME_PATTERN.test(user.username)) throw new Error(`Invalid username "${user.username}".`);
  const result = await db.query<UserRow>(
    `INSERT INTO users (id, username, display_name, email, password_hash, roles, status,
                        password_changed_at, must_change_password, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8, $7)
     ON CONFLICT ((lower(username))) DO NOTHING
     RETURNING id, username, display_name, email, password_hash, roles, status,
               password_changed_at, must_change_password, created_at`,
    [
      randomUUID(),
      user.username,
      user.displayName,
      user.email ?? null,
      user.passwordHash,
      user.roles ?? ['user'],
      user.now,
      user.mustChangePassword ?? false,
    ],
  );
  const row = result.rows[0];
  if (!row) throw new UsernameTakenError(user.username);
  return toUserRecord(row);
}

/** Every user, oldest first. */
export async function listUsers(db: Queryable): Promise<UserRecord[]> {
  const result = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users u ORDER BY u.created_at, u.username`,
  );
  return result.rows.map(toUserRecord);
}

/** Finds a user by id. */
export async function findUserById(db: Queryable, id: string): Promise<UserRecord | null> {
  const result = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
  const row = result.rows[0];
  return row ? toUserRecord(row) : null;
}
