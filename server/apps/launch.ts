/**
 * Launch descriptors and their single-use logon tickets. The ticket is
 * stored hashed, bound to user, app and method, expires quickly and is
 * consumed atomically, so replaying it (or racing two uses) fails.
 */
import type { Clock } from '../clock';
import type { AppConfig, ServerConfig } from '../config';
import type { Db } from '../db';
import { newToken, tokenDigest, TOKEN_PATTERN } from '../auth/tokens';
import type { UserRecord } from '../auth/users';
import type { LaunchMethod } from './catalogue';

/** ICA launch descriptor (the client writes the .ica file from it). */
export interface IcaDescriptor {
  type: 'ica';
  title: string;
  address: string;
  initialProgram: string;
  logonTicket: string;
  transportDriver: 'TCP/IP';
  clientAudio: boolean;
  allowClipboard: boolean;
  allowDrives: boolean;
}

/** RDP launch descriptor; no `remoteProgram` means the full desktop. */
export interface RdpDescriptor {
  type: 'rdp';
  title: string;
  address: string;
  remoteProgram?: string;
  username: string;
  logonTicket: string;
  allowClipboard: boolean;
  allowDrives: boolean;
}

/** Light-version (web) launch: a URL carrying the ticket. */
export interface WebDescriptor {
  type: 'web';
  title: string;
  url: string;
}

export type LaunchDescriptor = IcaDescriptor | RdpDescriptor | WebDescriptor;

/** What the client must enforce before handing a file or URL to the OS. */
export interface LaunchPolicy {
  allowedHosts: string[];
  allowClipboard: boolean;
  allowDrives: boolean;
  webOrigins: string[];
  /** Where ICA and RDP files connect, only for methods some app offers. */
  gateways: { ica?: string; rdp?: string };
}

/** Issues descriptors and redeems tickets. */
export class Launcher {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly config: ServerConfig,
    private readonly publicUrl: () => string,
  ) {}

  /** The client-side launch policy. */
  policy(): LaunchPolicy {
    const { launch } = this.config;
    return {
      allowedHosts: [...launch.allowedHosts],
      allowClipboard: launch.allowClipboard,
      allowDrives: launch.allowDrives,
      webOrigins: [new URL(this.webBase()).origin],
      gateways: {
        ...(this.catalogueUses('ica') ? { ica: launch.icaAddress } : {}),
        ...(this.catalogueUses('rdp') ? { rdp: launch.rdpAddress } : {}),
      },
    };
  }

  private catalogueUses(method: LaunchMethod): boolean {
    return this.config.apps.some((app) => app.methods.includes(method));
  }

  /** Creates a descriptor with a fresh ticket; `method` must be one of the app's. */
  async launch(user: UserRecord, app: AppConfig, method: LaunchMethod, sessionHash: string | null = null): Promise<LaunchDescriptor> {
    const ticket = await this.issueTicket(user, app, method, sessionHash);
    const { launch } = this.config;
    switch (method) {
      case 'ica':
        return {
          type: 'ica',
          title: app.name,
          address: launch.icaAddress,
          initialProgram: app.initialProgram ?? `#${app.name}`,
          logonTicket: ticket,
          transportDriver: 'TCP/IP',
          clientAudio: false,
          allowClipboard: launch.allowClipboard,
          allowDrives: launch.allowDrives,
        };
      case 'rdp':
        return {
          type: 'rdp',
          title: app.name,
          address: launch.rdpAddress,
          ...(app.kind === 'app' && app.remoteProgram ? { remoteProgram: app.remoteProgram } : {}),
          username: user.username,
          logonTicket: ticket,
          allowClipboard: launch.allowClipboard,
          allowDrives: launch.allowDrives,
        };
      case 'web': {
        const url = new URL(`/light/${encodeURIComponent(app.id)}`, this.webBase());
        url.searchParams.set('ticket', ticket);
        return { type: 'web', title: app.name, url: url.toString() };
      }
    }
  }

  /**
   * Consumes a ticket for `appId`/`method`. Returns the user id it was issued
   * to, or null when it is unknown, expired, already used or for another app.
   */
  async redeem(ticket: string, appId: string, method: LaunchMethod): Promise<string | null> {
    if (!TOKEN_PATTERN.test(ticket)) return null;
    const now = this.clock.now();
    const result = await this.db.query<{ user_id: string }>(
      `UPDATE launch_tickets SET used_at = $2
       WHERE ticket_hash = $1 AND used_at IS NULL AND expires_at > $2 AND app_id = $3 AND method = $4
       RETURNING user_id`,
      [tokenDigest(ticket), now, appId, method],
    );
    return result.rows[0]?.user_id ?? null;
  }

  private webBase(): string {
    return this.config.launch.webBaseUrl ?? this.publicUrl();
  }

  /**
   * Consumes a light-version ticket for `appId`. Returns its user and the
   * portal session it was issued to, or null (unknown, expired, used, other app).
   */
  async redeemWeb(ticket: string, appId: string): Promise<{ userId: string; sessionHash: string | null; usedAt: Date } | null> {
    if (!TOKEN_PATTERN.test(ticket)) return null;
    const now = this.clock.now();
    const result = await this.db.query<{ user_id: string; session_hash: string | null }>(
      `UPDATE launch_tickets SET used_at = $2
       WHERE ticket_hash = $1 AND used_at IS NULL AND expires_at > $2 AND app_id = $3 AND method = 'web'
       RETURNING user_id, session_hash`,
      [tokenDigest(ticket), now, appId],
    );
    const row = result.rows[0];
    return row ? { userId: row.user_id, sessionHash: row.session_hash, usedAt: now } : null;
  }

  /**
   * Gives a redeemed light-version ticket back (the host was down or the
   * user at their limit), so *Try again* can use it while it is still valid.
   */
  async restoreWeb(ticket: string, usedAt: Date): Promise<void> {
    await this.db.query('UPDATE launch_tickets SET used_at = NULL WHERE ticket_hash = $1 AND used_at = $2', [
      tokenDigest(ticket),
      usedAt,
    ]);
  }

  /** Whether a light-version ticket for `appId` is still unused and valid (nothing is consumed). */
  async peekWeb(ticket: string, appId: string): Promise<boolean> {
    if (!TOKEN_PATTERN.test(ticket)) return false;
    const result = await this.db.query(
      `SELECT 1 FROM launch_tickets
       WHERE ticket_hash = $1 AND used_at IS NULL AND expires_at > $2 AND app_id = $3 AND method = 'web'`,
      [tokenDigest(ticket), this.clock.now(), appId],
    );
    return result.rows.length > 0;
  }

  private async issueTicket(user: UserRecord, app: AppConfig, method: LaunchMethod, sessionHash: string | null): Promise<string> {
    const ticket = newToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.launch.ticketTtlSeconds * 1000);
    await this.db.query(
      `INSERT INTO launch_tickets (ticket_hash, user_id, app_id, method, created_at, expires_at, session_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [tokenDigest(ticket), user.id, app.id, method, now, expiresAt, sessionHash],
    );
    // Expired tickets are useless; trim them so the table stays small.
    await this.db.query('DELETE FROM launch_tickets WHERE expires_at <= $1', [
      new Date(now.getTime() - 3600 * 1000),
    ]);
    return ticket;
  }
}
