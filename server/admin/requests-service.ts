/**
 * The new-user request flow: any signed-in user files a request; a manager
 * approves it (creating the account with a one-time temporary password) or
 * declines it with a reason. Each step is audited with who and when.
 */
import { generateReadablePassword, type PasswordHasher } from '../auth/passwords';
import { temporaryPasswordExpiry } from '../auth/temporary-password';
import { createUser, UsernameTakenError } from '../auth/users';
import type { Clock } from '../clock';
import type { Db, Queryable } from '../db';
import { portalError } from '../errors';
import { AccountOps } from './account-ops';
import { auditAdmin } from './audit-log';
import {
  decideRequest,
  fileRequest,
  getRequest,
  listRequests,
  requestsOf,
  type UserRequestRecord,
} from './requests-store';
import { emailKey } from './schemas';
import { suggestUsername } from './username-suggestion';
import type { Actor } from './users-service';
import type { AdminUserRequest, ApprovedAccount, MyUserRequest } from '../../common/contract';

/** A request as its requester sees it (no other requesters' identities). */
export type MyRequestView = MyUserRequest;

/** A request as managers see it. */
export type AdminRequestView = AdminUserRequest;

/** The result of an approval. The password is in this answer only, never stored in clear. */
export type { ApprovedAccount };

/** Dependencies of {@link RequestsService}. */
export interface RequestsDeps {
  db: Db;
  clock: Clock;
  hasher: PasswordHasher;
  /** How many requests one user may file per window (config `requests`). */
  limits: { maxPerWindow: number; windowMinutes: number };
  /** How long the temporary password of an approved account opens activation (config `temporaryPasswords`). */
  temporaryPasswordHours: number;
}

function myView(record: UserRequestRecord): MyRequestView {
  return {
    id: record.id,
    fullName: record.fullName,
    email: record.email,
    note: record.note,
    status: record.status,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    decidedAt: record.decidedAt?.toISOString() ?? null,
    declineReason: record.declineReason,
  };
}

/** Files and decides new-user requests. */
export class RequestsService {
  constructor(private readonly deps: RequestsDeps) {}

  /** Files a request (merged into an open one for the same address). */
  async file(
    actor: Actor & { userId: string },
    input: { fullName: string; email: string; note?: string | undefined },
  ): Promise<MyRequestView & { merged: boolean }> {
    const now = this.deps.clock.now();
    const { request, merged } = await this.deps.db.transaction(async (tx) => {
      // One user's requests are filed one at a time (their row locked), so
      // the count and the filing cannot interleave: the limit holds under a burst.
      await tx.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [actor.userId]);
      await this.assertUnderLimit(tx, actor.userId, now);
      const filed = await fileRequest(tx, { ...input, requesterId: actor.userId, now });
      await auditAdmin(tx, {
        at: now,
        actor: actor.name,
        userId: actor.userId,
        type: filed.merged ? 'request.merged' : 'request.filed',
        detail: { requestId: filed.request.id, fullName: input.fullName, email: emailKey(input.email) },
      });
      return filed;
    });
    return { ...myView(request), merged };
  }

  /**
   * Refuses a request beyond the per-user limit. Counted from the shared
   * audit log, so the limit holds across instances; run in the filing's
   * transaction under the requester's row lock, so racing requests queue.
   */
  private async assertUnderLimit(tx: Queryable, userId: string, now: Date): Promise<void> {
    const { maxPerWindow, windowMinutes } = this.deps.limits;
    const since = new Date(now.getTime() - windowMinutes * 60_000);
    const found = await tx.query<{ n: number | string; oldest: Date | null }>(
      `SELECT count(*) AS n, min(at) AS oldest FROM audit_events
       WHERE user_id = $1 AND type IN ('request.filed', 'request.merged') AND at > $2`,
      [userId, since],
    );
    const row = found.rows[0];
    if (!row || Number(row.n) < maxPerWindow) return;
    const freesAt = (row.oldest ? new Date(row.oldest).getTime() : now.getTime()) + windowMinutes * 60_000;
    const retryAfterSeconds = Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000));
    throw portalError(
      'rate_limited',
      `You have sent ${maxPerWindow} requests recently. Please try again later.`,
      {
        retryAfterSeconds,
        reason: 'request_limit',
      },
    );
  }

  /** The requests `userId` filed or joined. */
  async mine(userId: string): Promise<MyRequestView[]> {
    return (await requestsOf(this.deps.db, userId)).map(myView);
  }

  /** Requests for the manager's list. */
  async list(status: 'pending' | 'all'): Promise<AdminRequestView[]> {
    const records = await listRequests(this.deps.db, status);
    const names = await this.usernamesById(records.flatMap((r) => r.requesterIds));
    return Promise.all(records.map((record) => this.adminView(record, names)));
  }

  /**
   * Approves a pending request: creates `username` (active, temporary
   * password, activation and MFA at first sign-in) in the same transaction
   * as the decision. A taken username or an address that already has an
   * account answers `409 conflict` and changes nothing.
   */
  async approve(actor: Actor, id: string, username: string): Promise<ApprovedAccount> {
    const request = await getRequest(this.deps.db, id);
    if (request.status !== 'pending')
      throw portalError('conflict', 'This request has already been decided.', { reason: 'already_decided' });
    const existing = await this.deps.db.query<{ username: string }>(
      'SELECT username FROM users WHERE lower(email) = $1',
      [emailKey(request.email)],
    );
    if (existing.rows[0]) {
      throw portalError('conflict', 'An account with this e-mail address already exists.', {
        reason: 'email_has_account',
      });
    }
    const temporaryPassword = generateReadablePassword();
    const passwordHash = await this.deps.hasher.hash(temporaryPassword);
    const now = this.deps.clock.now();
    try {
      const decided = await this.deps.db.transaction(async (tx) => {
        const user = await createUser(tx, {
          username,
          displayName: request.fullName,
          email: request.email,
          passwordHash,
          roles: ['user'],
          mustChangePassword: true,
          now,
        });
        await AccountOps.markForActivation(tx, user.id, temporaryPasswordExpiry(this.deps.temporaryPasswordHours, now));
        const record = await decideRequest(tx, {
          id,
          status: 'approved',
          decidedBy: actor.name,
          now,
          createdUsername: user.username,
        });
        await auditAdmin(tx, {
          at: now,
          actor: actor.name,
          userId: user.id,
          type: 'account.created',
          detail: { username: user.username, requestId: id },
        });
        await auditAdmin(tx, {
          at: now,
          actor: actor.name,
          userId: user.id,
          type: 'request.approved',
          detail: { requestId: id, username: user.username, email: emailKey(request.email) },
        });
        return record;
      });
      const names = await this.usernamesById(decided.requesterIds);
      return {
        request: await this.adminView(decided, names),
        username: decided.createdUsername ?? username,
        temporaryPassword,
      };
    } catch (error) {
      if (error instanceof UsernameTakenError) {
        throw portalError('conflict', 'That username is already taken.', {
          reason: 'username_taken',
          field: 'username',
        });
      }
      throw error;
    }
  }

  /** Declines a pending request with a reason the requester sees. */
  async decline(actor: Actor, id: string, reason: string): Promise<AdminRequestView> {
    const now = this.deps.clock.now();
    const decided = await this.deps.db.transaction(async (tx) => {
      const record = await decideRequest(tx, {
        id,
        status: 'declined',
        decidedBy: actor.name,
        now,
        declineReason: reason,
      });
      await auditAdmin(tx, {
        at: now,
        actor: actor.name,
        userId: null,
        type: 'request.declined',
        detail: { requestId: id, email: emailKey(record.email), reason },
      });
      return record;
    });
    return this.adminView(decided, await this.usernamesById(decided.requesterIds));
  }

  private async adminView(record: UserRequestRecord, names: Map<string, string>): Promise<AdminRequestView> {
    return {
      ...myView(record),
      timesRequested: record.timesRequested,
      requestedBy: record.requesterIds.map((id) => names.get(id) ?? '(removed user)'),
      decidedBy: record.decidedBy,
      createdUsername: record.createdUsername,
      suggestedUsername:
        record.status === 'pending' ? await suggestUsername(this.deps.db, record.fullName) : null,
    };
  }

  private async usernamesById(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.deps.db.query<{ id: string; username: string }>(
      'SELECT id, username FROM users WHERE id = ANY($1::text[])',
      [[...new Set(ids)]],
    );
    return new Map(rows.rows.map((row) => [row.id, row.username]));
  }
}
