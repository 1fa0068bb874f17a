import { adminStateSchema, NO_ADMIN, type AdminState } from '../admin/pin';
import { RoomError } from '../pure/errors';
import { setClockZone } from '../pure/time-text';
import { describeSettingsIssue } from './describe';
import { settingsSchema, DEFAULT_SETTINGS, type Settings } from './schema';

/** What electron-store and conf both offer: the whole store as one object. */
export interface SettingsBackend {
  store: Record<string, unknown>;
}

export interface SettingsFiles {
  /** The settings file (null: it could not be opened at all; changes are then kept for this run only). */
  backend: SettingsBackend | null;
  /** A copy of the settings as they last were valid, written on every good start and every save. */
  lastGood?: SettingsBackend | null;
  /** A sentence when opening the file already failed (not JSON, unreadable). */
  problem?: string | null;
}

function readAdmin(store: Record<string, unknown> | undefined): AdminState | null {
  if (store?.admin === undefined) return null;
  const parsed = adminStateSchema.safeParse(store.admin);
  return parsed.success ? parsed.data : null;
}

function readStore(backend: SettingsBackend | null | undefined): Record<string, unknown> | null {
  if (!backend) return null;
  try {
    return backend.store;
  } catch {
    return null;
  }
}

/**
 * Settings validated by the one schema on every read and write. A settings file that is broken or was
 * edited by hand into something the schema refuses is reported (`problem`) and the last good settings are
 * used (the copy saved at the last good start or save; the shipped defaults when there is none): never a crash.
 * The admin block (PIN hash, wrong attempts) is kept beside the settings in the same file, but is not
 * part of `Settings`, so it never reaches the renderer.
 */
export class RoomSettings {
  /** A sentence for the admin when the file on disk was not valid at start. */
  problem: string | null;
  private current: Settings;
  private adminState: AdminState;
  private readonly backend: SettingsBackend | null;
  private readonly lastGood: SettingsBackend | null;

  constructor(files: SettingsFiles | SettingsBackend | null) {
    const given: SettingsFiles = files && 'backend' in files ? files : { backend: files as SettingsBackend | null };
    this.backend = given.backend;
    this.lastGood = given.lastGood ?? null;
    const store = readStore(this.backend) ?? {};
    const parsed = settingsSchema.safeParse(store);
    const copy = readStore(this.lastGood);
    const saved = copy && Object.keys(copy).length > 0 ? copy : null;
    const fallback = saved ? settingsSchema.safeParse(saved) : null;
    const used = fallback?.success ? 'the last good settings are in use' : 'the shipped defaults are in use';
    this.adminState = readAdmin(store) ?? readAdmin(saved ?? undefined) ?? NO_ADMIN;

    if (given.problem) {
      this.current = fallback?.success ? fallback.data : DEFAULT_SETTINGS;
      this.problem = `${given.problem.replace(/\.$/, '')}; ${used} until an admin saves the settings again.`;
    } else if (parsed.success) {
      this.current = parsed.data;
      this.problem = null;
      this.saveLastGood();
    } else {
      this.current = fallback?.success ? fallback.data : DEFAULT_SETTINGS;
      this.problem = `The room's settings file has a value that is not valid (${describeSettingsIssue(parsed.error)}); ${used} until an admin saves the settings again.`;
    }
    setClockZone(this.current.clinicTimeZone);
  }

  get(): Settings {
    return this.current;
  }

  admin(): AdminState {
    return this.adminState;
  }

  /** Checks a change against the schema; refuses it with a sentence, keeping the settings as they were. */
  validate(patch: Partial<Settings>): Settings {
    const parsed = settingsSchema.safeParse({ ...this.current, ...patch });
    if (!parsed.success) throw new RoomError('invalid_settings', describeSettingsIssue(parsed.error));
    return parsed.data;
  }

  update(patch: Partial<Settings>): Settings {
    const next = this.validate(patch);
    this.write(next, this.adminState);
    this.current = next;
    this.problem = null;
    setClockZone(next.clinicTimeZone);
    return next;
  }

  updateAdmin(admin: AdminState): void {
    const next = adminStateSchema.parse(admin);
    this.write(this.current, next);
    this.adminState = next;
  }

  private write(settings: Settings, admin: AdminState): void {
    const whole = { ...settings, admin } as unknown as Record<string, unknown>;
    if (this.backend) this.backend.store = whole;
    if (this.lastGood) this.lastGood.store = whole;
  }

  private saveLastGood(): void {
    if (!this.lastGood) return;
    try {
      this.lastGood.store = { ...this.current, admin: this.adminState } as unknown as Record<string, unknown>;
    } catch {
      // Only the fallback copy is lost; the settings themselves are fine.
    }
  }
}
