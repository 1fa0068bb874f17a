import { safeStorage } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileDurably } from '../core/durable-file';
import type { PasswordStore } from '../core/sync/connection';
import { RoomError } from '../core/pure/errors';

/** The app keeps the room's clinic password encrypted by the OS keychain (safeStorage), in a 0600 file. */
export function keychainPasswordStore(dataDir: string): PasswordStore {
  const file = path.join(dataDir, 'clinic-password.enc');
  return {
    read: () => {
      try {
        if (!safeStorage.isEncryptionAvailable()) return null;
        return safeStorage.decryptString(fs.readFileSync(file)) || null;
      } catch {
        return null;
      }
    },
    write: (password) => {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new RoomError(
          'keychain_unavailable',
          "This computer's keychain is not available, so the clinic password cannot be kept safely. Sign in to the desktop session and try again.",
        );
      }
      writeFileDurably(file, safeStorage.encryptString(password));
      fs.chmodSync(file, 0o600);
    },
  };
}
