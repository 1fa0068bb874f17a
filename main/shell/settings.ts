import ElectronStore from 'electron-store';
import type { SettingsBackend } from '../core/settings/store';

/** The shell's settings live in electron-store; the schema that validates them is the core's (RoomSettings). */
export function openShellSettings(): { backend: SettingsBackend | null; problem: string | null } {
  try {
    return { backend: new ElectronStore<Record<string, unknown>>({ name: 'settings' }), problem: null };
  } catch (err) {
    return { backend: null, problem: `The room's settings file could not be read (${(err as Error).message}).` };
  }
}
