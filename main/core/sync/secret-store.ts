import fs from 'node:fs';
import { RoomError } from '../pure/errors';
import { writeSecretFile } from './secret-file';

/**
 * Where the room keeps a secret of its own (the clinic database's password): read when the sync connects, written when
 * the admin saves it, never shown. Two kinds: a 0600 file only the room's user can read (the browser host, the tests),
 * and a file the operating system's keychain encrypts (the app, main/shell/clinic-password.ts), which keeps nothing
 * where the keychain would not really encrypt it.
 */
export interface SecretStore {
  /** The secret, or null when none is kept (or it cannot be read here). */
  read(): string | null;
  /** Keeps the secret; refuses with a RoomError, its sentence for the admin, where it cannot be kept safely. */
  write(secret: string): void;
  /** Why this store cannot keep a secret safely on this machine, in a sentence for the admin; null when it can. */
  problem(): string | null;
}

/** A 0600 file, created new each time (never through a link left at its name): the browser host's store. */
export function fileSecretStore(file: string): SecretStore {
  return {
    read: () => {
      try {
        return fs.readFileSync(file, 'utf8') || null;
      } catch {
        return null;
      }
    },
    write: (secret) => writeSecretFile(file, secret),
    problem: () => null,
  };
}

/** What the room uses of the operating system's encryption: Electron's safeStorage has exactly this shape. */
export interface OsEncryption {
  isEncryptionAvailable(): boolean;
  /** Linux only: the password store Chromium chose ('basic_text' encrypts with a key written in its own code). */
  getSelectedStorageBackend(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** The Linux password stores that really encrypt, with a key the desktop keyring holds for this user. */
export const ENCRYPTING_LINUX_BACKENDS: readonly string[] = ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'];

const KEEPS_RECORDING = 'The room keeps recording; it sends nothing to the clinic until then.';

/**
 * Why the operating system's encryption cannot be trusted with the clinic password here, or null when it can. On Linux
 * Electron falls back to 'basic_text' (a key that is the same on every machine: obfuscation, not encryption) when it
 * finds no keyring, and says 'unknown' before the app is ready: both are refused, with what the admin can do.
 */
export function encryptionRefusal(os: OsEncryption, platform: NodeJS.Platform): string | null {
  if (platform === 'linux') {
    const backend = os.getSelectedStorageBackend();
    if (backend === 'basic_text') {
      return (
        'This computer has no keychain Session Room can use (Electron found no GNOME Keyring or KWallet for this desktop and would only obscure the password, not encrypt it), ' +
        'so the room does not keep the clinic database password. Ask IT to install and unlock GNOME Keyring (libsecret) or KWallet for this user ' +
        '(or start the app with --password-store=gnome-libsecret), then enter the password again under Admin, Clinic database. ' +
        KEEPS_RECORDING
      );
    }
    if (!ENCRYPTING_LINUX_BACKENDS.includes(backend)) {
      return (
        `Session Room could not tell which keychain this computer uses (Electron says "${backend}"), so the room does not keep the clinic database password. ` +
        'Restart the app; if this stays, ask IT to check GNOME Keyring or KWallet runs and is unlocked for this user. ' +
        KEEPS_RECORDING
      );
    }
  }
  if (!os.isEncryptionAvailable()) {
    return (
      "This computer's keychain is not available to Session Room, so the room does not keep the clinic database password. " +
      'Sign in to the desktop session (on Linux with its keyring unlocked), then enter the password again under Admin, Clinic database. ' +
      KEEPS_RECORDING
    );
  }
  return null;
}

/**
 * A file holding the secret as the operating system's keychain encrypted it (0600 too), used only where that encryption
 * is real (`encryptionRefusal`): elsewhere nothing is written, nothing is read, and `problem` says what to do.
 */
export function encryptedFileSecretStore(file: string, os: OsEncryption, platform: NodeJS.Platform): SecretStore {
  const problem = () => encryptionRefusal(os, platform);
  return {
    problem,
    read: () => {
      if (problem()) return null;
      try {
        return os.decryptString(fs.readFileSync(file)) || null;
      } catch {
        return null;
      }
    },
    write: (secret) => {
      const refusal = problem();
      if (refusal) throw new RoomError('keychain_unavailable', refusal);
      writeSecretFile(file, os.encryptString(secret));
    },
  };
}
