/** New-user requests and administration. Types only (see `../contract.ts`). */

/** What a user fills in to ask for a new account. */
export interface NewUserRequestInput {
  fullName: string;
  email: string;
  note?: string;
}

export type UserRequestStatus = 'pending' | 'approved' | 'declined';

/** A request as the person who filed it sees it (no other requesters' identities). */
export interface MyUserRequest {
  id: string;
  fullName: string;
  email: string;
  note: string | null;
  status: UserRequestStatus;
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
  declineReason: string | null;
}

/** The answer to *Request a new user*: `merged` when an open request for that e-mail existed. */
export interface FiledUserRequest {
  request: MyUserRequest;
  merged: boolean;
}

/** A request as managers see it. */
export interface AdminUserRequest extends MyUserRequest {
  timesRequested: number;
  requestedBy: string[];
  decidedBy: string | null;
  createdUsername: string | null;
  /** For pending requests: a free username derived from the name. */
  suggestedUsername: string | null;
}

/** A just-approved account. Shown once; never stored on the client (nor in clear on the portal). */
export interface ApprovedAccount {
  request: AdminUserRequest;
  username: string;
  temporaryPassword: string;
}

/** A temporary password a manager just issued. Shown once; never stored on the client. */
export interface IssuedTemporaryPassword {
  user: AdminUser;
  temporaryPassword: string;
}

/** One row of *Administration → Users*. */
export interface AdminUser {
  username: string;
  displayName: string;
  email: string | null;
  roles: string[];
  status: 'active' | 'disabled';
  /** Signed in with a temporary password that was never changed. */
  pendingActivation: boolean;
  mustChangePassword: boolean;
  locked: boolean;
  /** ISO time the lock ends; null while locked until a manager unlocks. */
  lockedUntil: string | null;
  /** Whole days until the password expires; null when passwords never expire. */
  passwordExpiresInDays: number | null;
  /** While the password is a temporary one: when it stops working (ISO); otherwise null. */
  temporaryPasswordExpiresAt: string | null;
  mfaDevices: number;
  createdAt: string;
}

export type AdminUserAction =
  | 'unlock'
  | 'reset-mfa'
  | 'force-password-change'
  | 'disable'
  | 'enable'
  | 'grant-manager'
  | 'revoke-manager';

/** Filters of *Administration → Activity*. */
export interface ActivityFilter {
  /** An event type, a prefix ending in `.` or `_` (e.g. `mfa.`), or `''` for every type. */
  type: string;
  /** ISO times. */
  since?: string;
  until?: string;
  username?: string;
  /** Free text over type, actor, user and details. */
  text?: string;
}

/** One audit record. */
export interface ActivityEvent {
  id: string;
  at: string;
  actor: string;
  username: string | null;
  type: string;
  /** Non-secret facts, flattened to text for display. */
  detail: Record<string, string>;
}
