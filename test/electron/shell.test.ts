import fs from 'node:fs';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { electronBinary } from '../../scripts/electron-runtime.mjs';
import { makeCa } from '../../main/board/certificates';
import { ENCRYPTING_LINUX_BACKENDS } from '../../main/core/sync/secret-store';
import { tempDataDir } from '../support/host-process';

const root = path.resolve(import.meta.dirname, '../..');
const binary = electronBinary();

describe('the Electron shell', () => {
  it('opens the real app over app:// with the window locked down', async (ctx) => {
    if (!binary) {
      console.log('skipped: no Electron runtime');
      ctx.skip('no Electron runtime');
      return;
    }
    const app = await electron.launch({
      executablePath: binary,
      args: [path.join(root, 'dist/shell/main.js')],
      env: { ...process.env, SESSION_ROOM_DATA: tempDataDir() },
    });
    try {
      const page = await app.firstWindow();
      await page.waitForSelector('[data-ready="true"]');
      expect(page.url()).toMatch(/^app:\/\/room\//);
      // The clock and music keep time when the window is covered.
      expect(
        await app.evaluate(({ BrowserWindow }) =>
          BrowserWindow.getAllWindows()[0]!.webContents.getBackgroundThrottling(),
        ),
      ).toBe(false);
      // Sandboxed and isolated: the page has the bridged room API and nothing of node or of the preload's world.
      const world = await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        return {
          require: typeof w.require,
          process: typeof w.process,
          ipcRenderer: typeof w.ipcRenderer,
          bridged: String(window.room?.getRoom).includes('[native code]'),
        };
      });
      expect(world).toEqual({ require: 'undefined', process: 'undefined', ipcRenderer: 'undefined', bridged: true });
      // Calls go through the contract's validation in main.
      expect(
        await page.evaluate(() =>
          window.room!.startSession({ patientRef: '', presetId: 'im', plannedDoseMg: 1, therapist: 'x' }),
        ),
      ).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
      // New windows and navigation away are refused.
      expect(await page.evaluate(() => window.open('https://example.org') === null)).toBe(true);
      await page.evaluate(() => (window.location.href = 'https://example.org')).catch(() => {});
      await page.waitForTimeout(300);
      expect(page.url()).toMatch(/^app:\/\/room\//);
      // Permission requests are denied.
      expect(
        await page.evaluate(() => navigator.permissions.query({ name: 'geolocation' }).then((p) => p.state)),
      ).not.toBe('granted');
      // The CSP is strict: no inline script runs.
      expect(
        await page.evaluate(() => {
          const s = document.createElement('script');
          s.textContent = 'window.__inline = 1';
          document.body.append(s);
          return (window as unknown as { __inline?: number }).__inline;
        }),
      ).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('keeps the clinic password only through safeStorage, and only where the keychain encrypts', async (ctx) => {
    if (!binary) {
      console.log('skipped: no Electron runtime');
      ctx.skip('no Electron runtime');
      return;
    }
    const dataDir = tempDataDir();
    const app = await electron.launch({
      executablePath: binary,
      args: [path.join(root, 'dist/shell/main.js')],
      env: { ...process.env, SESSION_ROOM_DATA: dataDir },
    });
    try {
      const page = await app.firstWindow();
      await page.waitForSelector('[data-ready="true"]');
      const keychain = await app.evaluate(({ safeStorage }) => ({
        available: safeStorage.isEncryptionAvailable(),
        backend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'system',
      }));
      const encrypts =
        keychain.available && (keychain.backend === 'system' || ENCRYPTING_LINUX_BACKENDS.includes(keychain.backend));
      const password = 'correct horse battery staple';
      const ca = (await makeCa()).cert;
      const saved = await page.evaluate(
        async ({ password, ca }) => {
          const pin = await window.room!.setAdminPin({ pin: '2580' });
          if (!pin.ok) return pin;
          return window.room!.setClinicConnection({
            adminKey: pin.value.adminKey,
            address: 'postgres://127.0.0.1:1/clinic',
            room: 'Room 1',
            login: 'room_room_1',
            password,
            ca,
          });
        },
        { password, ca },
      );
      const file = path.join(dataDir, 'clinic-password.enc');
      if (encrypts) {
        expect(saved).toMatchObject({ ok: true, value: { passwordSaved: true } });
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        expect(fs.readFileSync(file).includes(Buffer.from(password))).toBe(false);
      } else {
        expect(saved).toMatchObject({ ok: false, error: { code: 'keychain_unavailable' } });
        expect(fs.existsSync(file)).toBe(false);
      }
    } finally {
      await app.close();
    }
  });
});
