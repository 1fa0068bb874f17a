import { z } from 'zod';
import { adminStateSchema, NO_ADMIN, type AdminState } from '../admin/pin';
import { thresholdsSchema } from '../observations/thresholds';
import { RoomError } from '../pure/errors';
import { presetSchema } from '../timeline/presets';
import { describeSettingsIssue } from './describe';
import { migrateSettings, type RawSettings } from './migrations';
import { settingsSchema, presetsSchema, CURRENT_SETTINGS_VERSION, DEFAULT_SETTINGS, type Settings } from './schema';

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

/** The room's own blocks of the settings file beside `admin`: kept through every read, migration and write, never part of Settings. */
export type PrivateBlockName = 'staffPins' | 'recorder';
const PRIVATE_BLOCKS: readonly PrivateBlockName[] = ['staffPins', 'recorder'];

const isRecord = (value: unknown): value is RawSettings =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readAdmin(store: Record<string, unknown> | null | undefined): AdminState | null {
  if (store?.admin === undefined) return null;
  const parsed = adminStateSchema.safeParse(store.admin);
  return parsed.success ? parsed.data : null;
}

function readStore(backend: SettingsBackend | null | undefined): Record<string, unknown> | null {
  if (!backend) return null;
  try {
    const store = backend.store;
    return isRecord(store) ? store : null;
  } catch {
    return null;
  }
}

/** The preset keys a route may leave out (an IV infusion length, the Spravato floor): never filled in from the shipped preset. */
const OPTIONAL_PRESET_KEYS: ReadonlySet<string> = new Set(
  Object.entries(presetSchema.shape)
    .filter(([, s]) => s instanceof z.ZodOptional)
    .map(([k]) => k),
);

/** What `value` lacks, filled from `defaults` at every depth of plain objects (an array is one value, never filled). */
function fillFrom(value: unknown, defaults: unknown, leaveOut: ReadonlySet<string> = new Set()): unknown {
  if (!isRecord(value) || !isRecord(defaults)) return value;
  const out: RawSettings = { ...value };
  for (const [key, shipped] of Object.entries(defaults)) {
    if (leaveOut.has(key)) continue;
    out[key] = out[key] === undefined ? structuredClone(shipped) : fillFrom(out[key], shipped);
  }
  return out;
}

/** A group written before a part of it existed (a threshold group, a preset field, a music setting) gets that part's shipped default. */
function filled(key: keyof Settings, value: unknown): unknown {
  if (key === 'presets' && isRecord(value)) {
    const out: RawSettings = { ...value };
    for (const [id, shipped] of Object.entries(DEFAULT_SETTINGS.presets))
      out[id] = out[id] === undefined ? structuredClone(shipped) : fillFrom(out[id], shipped, OPTIONAL_PRESET_KEYS);
    return out;
  }
  if (key === 'thresholds' || key === 'music') return fillFrom(value, DEFAULT_SETTINGS[key]);
  return value;
}

/** One setting (or one part of a group) the file held in a form the schema refuses: replaced, and said in a sentence. */
interface SettingIssue {
  path: string[];
  sentence: string;
}

function issueAt(path: string[], error: z.ZodError): SettingIssue {
  return {
    path,
    sentence: describeSettingsIssue(new z.ZodError(error.issues.map((i) => ({ ...i, path: [...path, ...i.path] })))),
  };
}

/** Each part of a group the schema refuses on its own (one preset, one threshold group) is replaced by the fallback's. */
function replaceBadParts(
  group: RawSettings,
  parts: Record<string, z.ZodType>,
  fallback: Record<string, unknown>,
  path: string[],
  issues: SettingIssue[],
): RawSettings {
  const out: RawSettings = { ...group };
  for (const [part, schema] of Object.entries(parts)) {
    if (out[part] === undefined) continue;
    const parsed = schema.safeParse(out[part]);
    if (parsed.success) continue;
    out[part] = fallback[part];
    issues.push(issueAt([...path, part], parsed.error));
  }
  return out;
}

/**
 * The settings, read key by key: a key the schema refuses is replaced by the fallback's value for it (one preset or
 * one threshold group by the fallback's preset or group), so one bad part never costs the rest.
 */
function readSettings(raw: RawSettings, fallback: Settings): { settings: Settings; issues: SettingIssue[] } {
  const shape = settingsSchema.shape as unknown as Record<keyof Settings, z.ZodType>;
  const out: Record<string, unknown> = {};
  const issues: SettingIssue[] = [];
  for (const key of Object.keys(shape) as (keyof Settings)[]) {
    let value = filled(key, raw[key]);
    if (key === 'presets' && isRecord(value))
      value = replaceBadParts(value, presetsSchema.shape, fallback.presets, ['presets'], issues);
    if (key === 'thresholds' && isRecord(value))
      value = replaceBadParts(value, thresholdsSchema.shape, fallback.thresholds, ['thresholds'], issues);
    const parsed = shape[key].safeParse(value);
    if (parsed.success) {
      out[key] = parsed.data;
    } else {
      out[key] = fallback[key];
      issues.push(issueAt([key], parsed.error));
    }
  }
  return { settings: out as Settings, issues };
}

/** A settings file (or its last good copy) brought up to the current version and read key by key. */
interface OpenedSettings {
  /** The file as migrated (as it was, when nothing was to be done or it is from a newer version). */
  raw: RawSettings;
  migrated: boolean;
  /** The settings version of a file a newer app wrote; null otherwise. */
  newerVersion: number | null;
  /** A sentence when a migration failed; the file was then read as it was. */
  failure: string | null;
  /** The file's `version` when it was not a version number. */
  badVersion: unknown;
  settings: Settings;
  issues: SettingIssue[];
}

function openSettings(raw: RawSettings, fallback: Settings): OpenedSettings {
  const opened = { raw, migrated: false, newerVersion: null, failure: null, badVersion: undefined };
  // No file yet (a new room): nothing to bring up to date.
  if (Object.keys(raw).length === 0) return { ...opened, ...readSettings(raw, fallback) };
  let result: Omit<OpenedSettings, 'settings' | 'issues'>;
  try {
    const m = migrateSettings(raw);
    result = {
      raw: m.raw,
      migrated: m.applied.length > 0 || m.badVersion !== undefined,
      newerVersion: m.newer ? m.from : null,
      failure: null,
      badVersion: m.badVersion,
    };
  } catch (err) {
    result = {
      ...opened,
      failure: `The room's settings could not be brought up to settings version ${CURRENT_SETTINGS_VERSION} (${(err as Error).message.replace(/\.$/, '')}); they were read as they were.`,
    };
  }
  return { ...result, ...readSettings(result.raw, fallback) };
}

const samePart = (a: string[], b: string[]) => a.slice(0, Math.min(a.length, b.length)).every((k, i) => k === b[i]);

/**
 * Settings validated by the one schema on every read and write. The settings file carries its version; an older file
 * is brought up to this one by the numbered migrations (migrations.ts) and written back once. A key the schema refuses
 * (a hand edit, a damaged file) is reported (`problem`) and replaced by its value in the last good copy (the copy saved
 * at the last good start or save) or the shipped default, and the rest of the settings are kept: never a crash.
 * A file from a newer version of the room is used as far as this version reads it and left as it is.
 * The admin block (PIN hash, wrong attempts) and the other private blocks (staff PINs, who is recording) are kept beside
 * the settings in the same file, but are not part of `Settings`, so they never reach the renderer.
 */
export class RoomSettings {
  /** A sentence for the admin when the file on disk was not valid at start. */
  problem: string | null;
  private current: Settings;
  private adminState: AdminState;
  private privates: Partial<Record<PrivateBlockName, unknown>> = {};
  /** A newer version's keys this version does not know: written back as they were on every save. */
  private readonly newerKeys: RawSettings = {};
  /** Said again after every save while the file is from a newer version. */
  private readonly newerNotice: string | null = null;
  private readonly backend: SettingsBackend | null;
  private readonly lastGood: SettingsBackend | null;

  constructor(files: SettingsFiles | SettingsBackend | null) {
    const given: SettingsFiles = files && 'backend' in files ? files : { backend: files };
    this.backend = given.backend;
    this.lastGood = given.lastGood ?? null;
    const copy = readStore(this.lastGood);
    const saved = copy && Object.keys(copy).length > 0 ? openSettings(copy, DEFAULT_SETTINGS) : null;
    const fallback = saved?.settings ?? DEFAULT_SETTINGS;
    const file = openSettings(readStore(this.backend) ?? {}, fallback);
    this.adminState = readAdmin(file.raw) ?? readAdmin(saved?.raw) ?? NO_ADMIN;
    for (const name of PRIVATE_BLOCKS) {
      const value = file.raw[name] !== undefined ? file.raw[name] : saved?.raw[name];
      if (value !== undefined) this.privates[name] = value;
    }

    if (given.problem) {
      this.current = fallback;
      const used = saved ? 'the last good settings are in use' : 'the shipped defaults are in use';
      this.problem = `${given.problem.replace(/\.$/, '')}; ${used} until an admin saves the settings again.`;
      return;
    }

    this.current = file.settings;
    const sentences: string[] = [];
    if (file.newerVersion !== null) {
      this.newerNotice = `The room's settings were written by a newer version of Session Room (settings version ${file.newerVersion}); update the app. Until then this version uses the settings it knows and leaves the rest of the file as it is.`;
      sentences.push(this.newerNotice);
      const known = new Set<string>([...Object.keys(settingsSchema.shape), 'admin', ...PRIVATE_BLOCKS]);
      this.newerKeys = Object.fromEntries(Object.entries(file.raw).filter(([k]) => !known.has(k)));
    }
    if (file.failure) sentences.push(file.failure);
    if (file.badVersion !== undefined)
      sentences.push(
        `The room's settings file gave its version as ${JSON.stringify(file.badVersion)}, which is not a version number: it was read as a file from before settings versions (version 1).`,
      );
    if (file.issues.length > 0) {
      const fromCopy = file.issues.map(
        (issue) => saved !== null && !saved.issues.some((bad) => samePart(bad.path, issue.path)),
      );
      sentences.push(keptSentence(file.issues, fromCopy));
    }
    this.problem = sentences.length > 0 ? sentences.join(' ') : null;

    // Brought up to date once: written back as migrated (a refused value stays in the file for the admin to see until the next save).
    if (file.migrated) this.writeBack(file.raw);
    if (this.problem === null) this.saveLastGood();
  }

  get(): Settings {
    return this.current;
  }

  admin(): AdminState {
    return this.adminState;
  }

  /** A private block (staff PINs, who is recording) as it was last written; undefined when the file has none. */
  privateBlock(name: PrivateBlockName): unknown {
    return this.privates[name];
  }

  /** Checks a change against the schema; refuses it with a sentence, keeping the settings as they were. The file's version is the room's to keep. */
  validate(patch: Partial<Settings>): Settings {
    const parsed = settingsSchema.safeParse({ ...this.current, ...patch, version: this.current.version });
    if (!parsed.success) throw new RoomError('invalid_settings', describeSettingsIssue(parsed.error));
    return parsed.data;
  }

  update(patch: Partial<Settings>): Settings {
    const next = this.validate(patch);
    this.write(next, this.adminState, this.privates);
    this.current = next;
    this.problem = this.newerNotice;
    return next;
  }

  updateAdmin(admin: AdminState): void {
    const next = adminStateSchema.parse(admin);
    this.write(this.current, next, this.privates);
    this.adminState = next;
  }

  /** Writes a private block beside the settings (and into the last good copy); undefined removes it. */
  updatePrivate(name: PrivateBlockName, value: unknown): void {
    const next = { ...this.privates, [name]: value };
    if (value === undefined) delete next[name];
    this.write(this.current, this.adminState, next);
    this.privates = next;
  }

  private whole(
    settings: Settings,
    admin: AdminState,
    privates: Partial<Record<PrivateBlockName, unknown>>,
  ): Record<string, unknown> {
    return { ...this.newerKeys, ...settings, admin, ...privates };
  }

  private write(settings: Settings, admin: AdminState, privates: Partial<Record<PrivateBlockName, unknown>>): void {
    const whole = this.whole(settings, admin, privates);
    if (this.backend) this.backend.store = whole;
    if (this.lastGood) this.lastGood.store = whole;
  }

  /** The migrated file, with the admin and private blocks as the room holds them. */
  private writeBack(raw: RawSettings): void {
    if (!this.backend) return;
    try {
      this.backend.store = { ...raw, admin: this.adminState, ...this.privates };
    } catch {
      // Not written: the file is brought up to date again at the next start, and saved whole at the next change.
    }
  }

  private saveLastGood(): void {
    if (!this.lastGood) return;
    try {
      this.lastGood.store = this.whole(this.current, this.adminState, this.privates);
    } catch {
      // Only the fallback copy is lost; the settings themselves are fine.
    }
  }
}

/** "The room's settings file has a value that is not valid (...); the last good value of that setting is in use ..., and the rest of the settings were kept." */
function keptSentence(issues: SettingIssue[], fromCopy: boolean[]): string {
  const one = issues.length === 1;
  const what = issues.map((i) => i.sentence).join(' ');
  const allCopy = fromCopy.every(Boolean);
  const noneCopy = !fromCopy.some(Boolean);
  const source = allCopy
    ? one
      ? 'the last good value'
      : 'the last good values'
    : noneCopy
      ? one
        ? 'the shipped default'
        : 'the shipped defaults'
      : 'the last good values or the shipped defaults';
  return `The room's settings file has ${one ? 'a value that is' : 'values that are'} not valid (${what}); ${source} of ${one ? 'that setting is' : 'those settings are'} in use until an admin saves the settings again, and the rest of the settings were kept.`;
}
