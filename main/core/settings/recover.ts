import fs from 'node:fs';
import path from 'node:path';
import type { SettingsBackend, SettingsFiles } from './store';

/**
 * Opens the settings file and its last-good copy through `open` (conf in the browser host, electron-store
 * in the app). A file the store refuses to read (not JSON, cut short by a crash) is moved aside, kept for
 * the admin to look at, and a fresh one opened in its place, so the room still starts and can save.
 */
export function openSettingsFiles(
  dir: string,
  open: (name: string) => SettingsBackend,
  now: () => number = Date.now,
): SettingsFiles {
  const problems: string[] = [];
  const openOne = (name: string): SettingsBackend | null => {
    try {
      return open(name);
    } catch (err) {
      const file = path.join(dir, `${name}.json`);
      const kept = `${name}.broken-${new Date(now()).toISOString().replace(/[:.]/g, '-')}.json`;
      try {
        fs.renameSync(file, path.join(dir, kept));
        problems.push(
          `The room's ${name === 'settings' ? 'settings file' : 'copy of its last good settings'} could not be read (${(err as Error).message}); it was kept as ${kept}`,
        );
        return open(name);
      } catch {
        problems.push(`The room's settings file could not be read (${(err as Error).message})`);
        return null;
      }
    }
  };
  const backend = openOne('settings');
  const lastGood = openOne('settings-last-good');
  return { backend, lastGood, problem: problems.length ? `${problems.join('. ')}.` : null };
}
