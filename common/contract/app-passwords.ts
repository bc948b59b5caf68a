/** FTPS app passwords on *My Settings & Devices* (types only). */

export interface AppPassword {
  id: string;
  name: string;
  createdAt: string;
  /** When a client last logged in with it; null when never. */
  lastUsedAt: string | null;
}

/** Where FileZilla, WinSCP, lftp or rclone connect: explicit TLS (FTPES) on `port`. */
export interface FtpsConnection {
  host: string;
  port: number;
  tls: 'explicit';
  username: string;
  /** The SHA-256 fingerprint of the certificate the client is asked to trust. */
  fingerprint256: string;
}

export interface AppPasswordsView {
  appPasswords: AppPassword[];
  /** Most app passwords one user may hold. */
  limit: number;
  connection: FtpsConnection;
}

/** A new app password: `password` is in this answer only. */
export interface CreatedAppPassword {
  appPassword: AppPassword;
  password: string;
}
