import { safeStorage } from 'electron';
import path from 'node:path';
import { encryptedFileSecretStore, type SecretStore } from '../core/sync/secret-store';

/**
 * The app keeps the room's clinic password encrypted by the operating system's keychain (Electron's safeStorage), in a
 * 0600 file, and only where that encryption is real: the core's store refuses Linux's basic_text and unknown backends,
 * and an unavailable keychain, with a sentence for the admin.
 */
export function keychainPasswordStore(dataDir: string): SecretStore {
  return encryptedFileSecretStore(path.join(dataDir, 'clinic-password.enc'), safeStorage, process.platform);
}
