import { app } from 'electron';
import ElectronStore from 'electron-store';
import { openSettingsFiles } from '../core/settings/recover';
import type { SettingsFiles } from '../core/settings/store';

/** The shell's settings live in electron-store (in the app's data folder); the schema that validates them is the core's (RoomSettings). */
export function openShellSettings(): SettingsFiles {
  return openSettingsFiles(app.getPath('userData'), (name) => new ElectronStore<Record<string, unknown>>({ name }));
}
