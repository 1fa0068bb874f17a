import Conf from 'conf';
import type { SettingsBackend } from '../core/settings/store';

/**
 * The browser host keeps settings with conf, the store electron-store wraps, in the data folder.
 * A file that is not even JSON is reported by RoomSettings (as an empty store), never a crash.
 */
export function openHostSettings(dataDir: string): { backend: SettingsBackend | null; problem: string | null } {
  try {
    return { backend: new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings', projectName: 'session-room' }), problem: null };
  } catch (err) {
    return { backend: null, problem: `The room's settings file could not be read (${(err as Error).message}).` };
  }
}
