import Conf from 'conf';
import { openSettingsFiles } from '../core/settings/recover';
import type { SettingsFiles } from '../core/settings/store';

/** The browser host keeps settings with conf, the store electron-store wraps, in the data folder. */
export function openHostSettings(dataDir: string): SettingsFiles {
  return openSettingsFiles(
    dataDir,
    (name) => new Conf<Record<string, unknown>>({ cwd: dataDir, configName: name, projectName: 'session-room' }),
  );
}
