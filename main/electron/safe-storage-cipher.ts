/**
 * SecretCipher backed by Electron's safeStorage (OS keychain). On Linux a
 * `basic_text`/`unknown` backend means "a hard-coded key", which is no
 * protection: then nothing is persisted and the user is told why.
 */
import { safeStorage } from 'electron';
import type { SecretCipher } from '../ports';

/** Must be created after `app` is ready (safeStorage needs it on Linux). */
export function createSafeStorageCipher(platform: NodeJS.Platform = process.platform): SecretCipher {
  const reason = (): string | null => {
    if (!safeStorage.isEncryptionAvailable()) {
      return 'No OS keychain is available, so secrets are kept for this session only.';
    }
    if (platform === 'linux') {
      const backend = safeStorage.getSelectedStorageBackend();
      if (backend === 'basic_text' || backend === 'unknown') {
        return `No OS keychain (${backend}): install and unlock a keyring such as GNOME Keyring or KWallet to stay signed in; secrets are kept for this session only.`;
      }
    }
    return null;
  };
  return {
    canPersist: () => reason() === null,
    unavailableReason: reason,
    encrypt: (plain) => {
      const why = reason();
      if (why) throw new Error(why);
      return safeStorage.encryptString(plain);
    },
    decrypt: (sealed) => {
      const why = reason();
      if (why) throw new Error(why);
      return safeStorage.decryptString(sealed);
    },
  };
}
