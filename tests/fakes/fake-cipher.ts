/** A `SecretCipher` fake: reversible, but the plaintext never appears in its output. */
import type { SecretCipher } from '../../main/ports';

const MAGIC = Buffer.from('FAKESEAL1');

/** Toggle `persist` to simulate a Linux `basic_text` keyring (session-only secrets). */
export class FakeCipher implements SecretCipher {
  persist: boolean;
  /** Set to make `decrypt` fail, as a changed OS keychain would. */
  failDecrypt = false;

  constructor(options: { persist?: boolean } = {}) {
    this.persist = options.persist ?? true;
  }

  canPersist(): boolean {
    return this.persist;
  }

  unavailableReason(): string | null {
    return this.persist ? null : 'No OS keychain (basic_text): secrets are kept for this session only.';
  }

  encrypt(plain: string): Buffer {
    if (!this.persist) throw new Error('FakeCipher: persisting is not allowed');
    const bytes = Buffer.from(plain, 'utf8').map((b, i) => b ^ (0xa5 + i) % 256);
    return Buffer.concat([MAGIC, bytes]);
  }

  decrypt(sealed: Buffer): string {
    if (this.failDecrypt || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('FakeCipher: cannot decrypt');
    const bytes = sealed.subarray(MAGIC.length).map((b, i) => b ^ (0xa5 + i) % 256);
    return Buffer.from(bytes).toString('utf8');
  }
}
