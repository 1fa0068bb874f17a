/** What the renderer gets from the admin methods. Plain types: the renderer imports them. */
import type { Settings } from '../settings/schema';
import type { SettingsSources } from '../settings/sources';

export interface AdminStatus {
  pinSet: boolean;
  /** Milliseconds until the next attempt is checked (0: now). */
  waitMs: number;
}

export interface AdminUnlock {
  adminKey: string;
  expiresAt: number;
}

export interface AdminSettingsView {
  settings: Settings;
  /** The shipped defaults, for each field's "reset to the shipped default". */
  defaults: Settings;
  sources: SettingsSources;
  /** The sentence about a settings file that was not valid at start, until the next save. */
  problem: string | null;
}
