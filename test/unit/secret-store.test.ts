import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCa } from '../../main/board/certificates';
import { dispatch } from '../../main/core/bridge/dispatch';
import { ManualClock } from '../../main/core/clock';
import { closeRoom, openRoom } from '../../main/core/open-room';
import { writeConnection } from '../../main/core/sync/connection';
import { startClinicSync } from '../../main/core/sync/handlers';
import {
  encryptedFileSecretStore,
  encryptionRefusal,
  fileSecretStore,
  type OsEncryption,
} from '../../main/core/sync/secret-store';
import { tempDataDir } from '../support/host-process';

/**
 * A stand-in for the operating system's encryption with the same small interface the core asks of Electron's safeStorage:
 * this tests the core's decision (which backends it trusts), not Electron.
 */
function osEncryption(backend: string, available = true): OsEncryption & { encrypted: number } {
  const key = 0x5a;
  const os = {
    encrypted: 0,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain: string) => {
      os.encrypted++;
      return Buffer.concat([Buffer.from('v11'), Buffer.from(plain, 'utf8').map((b) => b ^ key)]);
    },
    decryptString: (encrypted: Buffer) => {
      if (!encrypted.subarray(0, 3).equals(Buffer.from('v11'))) throw new Error('not ours');
      return Buffer.from(encrypted.subarray(3).map((b) => b ^ key)).toString('utf8');
    },
  };
  return os;
}

const PASSWORD = 'correct horse battery staple';

describe('the secret store on an operating system keychain', () => {
  it('keeps the password encrypted (0600) where the keychain really encrypts: Linux with GNOME Keyring or KWallet, macOS, Windows', () => {
    for (const [backend, platform] of [
      ['gnome_libsecret', 'linux'],
      ['kwallet5', 'linux'],
      ['kwallet6', 'linux'],
      ['basic_text', 'darwin'], // outside Linux the backend is not asked: the keychain is the system's
      ['unknown', 'win32'],
    ] as const) {
      const file = path.join(tempDataDir('secret-'), 'clinic-password.enc');
      const os = osEncryption(backend);
      const store = encryptedFileSecretStore(file, os, platform);
      expect(store.problem()).toBeNull();
      store.write(PASSWORD);
      expect(os.encrypted).toBe(1);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(file).includes(Buffer.from(PASSWORD))).toBe(false);
      expect(store.read()).toBe(PASSWORD);
    }
  });

  it("refuses Linux's basic_text and unknown backends, and a keychain that is not available, with what the admin can do; nothing is written or read", () => {
    const cases: [OsEncryption & { encrypted: number }, NodeJS.Platform, RegExp][] = [
      [
        osEncryption('basic_text'),
        'linux',
        /^This computer has no keychain Session Room can use .* Ask IT to install and unlock GNOME Keyring \(libsecret\) or KWallet for this user .*enter the password again under Admin, Clinic database\. The room keeps recording/,
      ],
      [
        osEncryption('unknown'),
        'linux',
        /^Session Room could not tell which keychain this computer uses \(Electron says "unknown"\).* Restart the app/,
      ],
      [osEncryption('some_future_store'), 'linux', /Electron says "some_future_store"/],
      [
        osEncryption('gnome_libsecret', false),
        'linux',
        /^This computer's keychain is not available to Session Room.* Sign in to the desktop session/,
      ],
      [osEncryption('', false), 'darwin', /^This computer's keychain is not available to Session Room/],
    ];
    for (const [os, platform, sentence] of cases) {
      const dir = tempDataDir('secret-refused-');
      const file = path.join(dir, 'clinic-password.enc');
      expect(encryptionRefusal(os, platform)).toMatch(sentence);
      const store = encryptedFileSecretStore(file, os, platform);
      expect(store.problem()).toMatch(sentence);
      expect(() => store.write(PASSWORD)).toThrow(sentence);
      expect(os.encrypted).toBe(0);
      expect(fs.readdirSync(dir)).toEqual([]);
    }
    // A file written while the keychain encrypted is not read once the backend falls back to basic_text.
    const file = path.join(tempDataDir('secret-fallback-'), 'clinic-password.enc');
    encryptedFileSecretStore(file, osEncryption('gnome_libsecret'), 'linux').write(PASSWORD);
    expect(encryptedFileSecretStore(file, osEncryption('basic_text'), 'linux').read()).toBeNull();
  });

  it("the browser host's store is a 0600 file, replaced (never written through a link) on each save", () => {
    const dir = tempDataDir('secret-file-');
    const file = path.join(dir, 'clinic-password');
    const elsewhere = path.join(dir, 'elsewhere');
    fs.writeFileSync(elsewhere, 'untouched');
    fs.symlinkSync(elsewhere, file);
    const store = fileSecretStore(file);
    expect(store.problem()).toBeNull();
    store.write(PASSWORD);
    expect(fs.lstatSync(file).isSymbolicLink()).toBe(false);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(elsewhere, 'utf8')).toBe('untouched');
    expect(store.read()).toBe(PASSWORD);
  });
});

describe('a room whose keychain does not encrypt', () => {
  const rooms: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of rooms.splice(0)) await close();
  });

  it('refuses to save the clinic password with the sentence, sends nothing, says why on its sync line, and keeps recording', async () => {
    const dataDir = tempDataDir('secret-room-');
    const room = openRoom({ dataDir, clock: new ManualClock(Date.now()), settingsBackend: null });
    const store = encryptedFileSecretStore(
      path.join(dataDir, 'clinic-password.enc'),
      osEncryption('basic_text'),
      'linux',
    );
    const sync = startClinicSync(room, dataDir, store, { retryMinMs: 50, retryMaxMs: 100, log: () => undefined });
    rooms.push(async () => {
      await sync.stop();
      await closeRoom(room);
    });
    const call = (method: string, args: unknown) => dispatch(room.handlers, method, args, () => {});
    const { adminKey } = ((await call('setAdminPin', { pin: '2580' })) as { value: { adminKey: string } }).value;
    const ca = (await makeCa()).cert;
    const saved = (await call('setClinicConnection', {
      adminKey,
      address: 'postgres://127.0.0.1:1/clinic',
      room: 'Room 1',
      login: 'room_room_1',
      password: PASSWORD,
      ca,
    })) as {
      ok: boolean;
      error?: { code: string; message: string };
    };
    expect(saved).toMatchObject({
      ok: false,
      error: {
        code: 'keychain_unavailable',
        message: expect.stringMatching(/^This computer has no keychain Session Room can use/),
      },
    });
    expect(fs.readdirSync(dataDir)).not.toContain('clinic-password.enc');

    // A connection saved without the password (as from an earlier version): the sync says why it sends nothing.
    writeConnection(dataDir, { address: 'postgres://127.0.0.1:1/clinic', room: 'Room 1', login: 'room_room_1', ca });
    sync.reconnect();
    await expect
      .poll(() => sync.state().line, { timeout: 5_000 })
      .toMatch(/^Clinic record: This computer has no keychain Session Room can use/);
    const started = (await call('startSession', {
      patientRef: 'AB-1',
      presetId: 'im',
      plannedDoseMg: 60,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    })) as { ok: boolean };
    expect(started.ok).toBe(true);
  });
});
