/**
 * The vault: the only place secrets live in main (session token now;
 * remember-me and transfer tokens later). Secrets are sealed with the OS
 * keychain (`SecretCipher`) into `<userData>/vault.json`. Where the keychain
 * cannot protect them, they stay in memory for this session only — never
 * plaintext on disk, never a hard-coded key.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Clock, SecretCipher } from '../../ports';
import { moveAside, writeFileAtomic } from './atomic-file';

/** What the vault can tell the user about where their secrets are kept. */
export interface VaultStatus {
  /** True when secrets survive a restart (sealed by the OS keychain). */
  persistent: boolean;
  /** Why secrets are session-only, when they are. */
  reason: string | null;
  /** A problem found at start-up, e.g. an unreadable file that was kept aside. */
  problem: string | null;
}

const fileSchema = z.object({ version: z.literal(1), sealed: z.string().max(4 * 1024 * 1024) });
const entriesSchema = z.record(z.string().max(256), z.string().max(64 * 1024));

/** The file name inside `userData`. */
export const VAULT_FILE = 'vault.json';

/** Secret storage backed by a `SecretCipher`. Create it with `Vault.open`. */
export class Vault {
  private readonly entries = new Map<string, string>();
  private problem: string | null = null;

  private constructor(
    private readonly cipher: SecretCipher,
    private readonly filePath: string,
    private readonly persistent: boolean,
  ) {}

  /**
   * Opens the vault in `userData`. An unreadable or undecryptable file is
   * moved aside (`vault.json.corrupt-<time>`) and reported in `status()`.
   * When the cipher cannot persist, an existing file is left untouched.
   */
  static open(options: { cipher: SecretCipher; userData: string; clock: Clock }): Vault {
    const filePath = path.join(options.userData, VAULT_FILE);
    const vault = new Vault(options.cipher, filePath, options.cipher.canPersist());
    if (vault.persistent) vault.load(options.clock);
    return vault;
  }

  /** Where secrets are kept and any start-up problem, for the UI. */
  status(): VaultStatus {
    return {
      persistent: this.persistent,
      reason: this.persistent ? null : (this.cipher.unavailableReason() ?? 'No secure storage is available on this system.'),
      problem: this.problem,
    };
  }

  /** Returns the secret stored under `name`, if any. */
  get(name: string): string | undefined {
    return this.entries.get(name);
  }

  /** Stores a secret (persisted when the keychain allows). */
  set(name: string, secret: string): void {
    this.entries.set(name, secret);
    this.flush();
  }

  /** Forgets a secret. */
  delete(name: string): void {
    if (!this.entries.delete(name)) return;
    this.flush();
  }

  private load(clock: Clock): void {
    if (!existsSync(this.filePath)) return;
    try {
      const file = fileSchema.parse(JSON.parse(readFileSync(this.filePath, 'utf8')));
      const plain = this.cipher.decrypt(Buffer.from(file.sealed, 'base64'));
      const entries = entriesSchema.parse(JSON.parse(plain));
      for (const [name, secret] of Object.entries(entries)) this.entries.set(name, secret);
    } catch {
      // Never silently reset: keep the old file for support and tell the user.
      const aside = moveAside(this.filePath, clock.now());
      this.problem = `Saved sign-in data could not be read and was kept aside as ${path.basename(aside)}. Please sign in again.`;
      this.entries.clear();
    }
  }

  private flush(): void {
    if (!this.persistent) return;
    const plain = JSON.stringify(Object.fromEntries(this.entries));
    const sealed = this.cipher.encrypt(plain).toString('base64');
    writeFileAtomic(this.filePath, JSON.stringify({ version: 1, sealed }), 0o600);
  }
}
