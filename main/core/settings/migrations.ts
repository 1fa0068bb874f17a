/**
 * The settings file's numbered migrations. Each brings a file from the version before it to its own version, on the
 * raw JSON object as it was read (never on the parsed Settings: an old file is exactly what the schema may refuse).
 * They run in order from the file's version to the current one, then `version` is set to the current one.
 *
 * A new version of the settings: raise CURRENT_SETTINGS_VERSION in schema.ts, add its migration at the end here,
 * and add a fixture of the file the room wrote just before it to test/fixtures/settings/.
 * A migration keeps every key it does not change (private blocks such as `admin` and `staffPins` included) and
 * never throws on a value it does not expect: it leaves that value to the schema, which reports it.
 */
import { randomBytes } from 'node:crypto';
import { STAFF_ROLES } from '../pure/staff/permissions';
import { CURRENT_SETTINGS_VERSION, STAFF_ID_PATTERN } from './schema';
import { DEFAULT_MONITOR_SETTINGS } from '../monitor/settings';

export type RawSettings = Record<string, unknown>;

export interface SettingsMigration {
  /** The version this migration brings the file to (it runs on a file of version - 1). */
  version: number;
  name: string;
  up(raw: RawSettings): RawSettings;
}

const isRecord = (value: unknown): value is RawSettings =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A new staff id, unlike any in `taken`. */
function newStaffId(taken: Set<string>): string {
  for (;;) {
    const id = `staff-${randomBytes(4).toString('hex')}`;
    if (!taken.has(id)) return id;
  }
}

/**
 * Version 2: each person on the staff list gets a stable id (their PIN and signatures are keyed by it; one already
 * holding a valid id keeps it); a role the room does not know becomes 'sitter', the role that signs nothing, so
 * nobody is dropped; the same person listed twice under one role is kept once, and two people sharing a name under
 * different roles keep both, the later one's name marked "(2)"; the clinic's name is added, empty.
 */
function staffIdsAndClinicName(raw: RawSettings): RawSettings {
  const next: RawSettings = { ...raw };
  if (!('clinicName' in next)) next.clinicName = '';
  if (!Array.isArray(raw.staff)) return next;
  const taken = new Set<string>();
  const kept: RawSettings[] = [];
  const out: unknown[] = [];
  for (const entry of raw.staff as unknown[]) {
    if (!isRecord(entry) || typeof entry.name !== 'string') {
      out.push(entry);
      continue;
    }
    const role =
      typeof entry.role === 'string' && (STAFF_ROLES as readonly string[]).includes(entry.role) ? entry.role : 'sitter';
    const key = entry.name.trim().toLocaleLowerCase();
    const sameName = kept.filter((k) => (k.name as string).trim().toLocaleLowerCase() === key);
    if (sameName.some((k) => k.role === role)) continue;
    const name = sameName.length > 0 ? `${entry.name.trim().slice(0, 74)} (${sameName.length + 1})` : entry.name;
    const id =
      typeof entry.id === 'string' && STAFF_ID_PATTERN.test(entry.id) && !taken.has(entry.id)
        ? entry.id
        : newStaffId(taken);
    taken.add(id);
    const person: RawSettings = { ...entry, id, name, role };
    kept.push(person);
    out.push(person);
  }
  next.staff = out;
  return next;
}

/** In order, one per version after 1. */
/**
 * Version 3: MOAA/S 2 (responds only to mild prodding or shaking) is urgent, no longer 1. A file still holding the shipped
 * urgent level of 1, never changed by the clinic (no change stamped on the thresholds), takes the new default; a level the
 * clinic chose is kept as it is.
 */
function moaasUrgentTwo(raw: RawSettings): RawSettings {
  const thresholds = raw.thresholds;
  const changed = isRecord(raw.sourceChanges) && raw.sourceChanges.thresholds !== undefined;
  if (changed || !isRecord(thresholds) || !isRecord(thresholds.moaas) || thresholds.moaas.urgent !== 1) return raw;
  return { ...raw, thresholds: { ...thresholds, moaas: { ...thresholds.moaas, urgent: 2 } } };
}

/**
 * Version 4: the monitor listener. A file from before it gets the listener written out switched off, so a room never
 * starts listening on the network because of an upgrade.
 */
function monitorListenerOff(raw: RawSettings): RawSettings {
  if (isRecord(raw.monitor)) return raw;
  return { ...raw, monitor: { ...DEFAULT_MONITOR_SETTINGS, enabled: false } };
}

export const SETTINGS_MIGRATIONS: readonly SettingsMigration[] = [
  { version: 2, name: 'staff ids and the clinic name', up: staffIdsAndClinicName },
  { version: 3, name: 'MOAA/S 2 is urgent', up: moaasUrgentTwo },
  { version: 4, name: 'the monitor listener, off', up: monitorListenerOff },
];

/** The list must lead, one version at a time, from version 1 to the current one: checked when the room starts. */
export function checkMigrations(migrations: readonly SettingsMigration[], current: number): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 2)
      throw new Error(`Settings migration "${m.name}" is numbered ${m.version} where ${i + 2} was expected.`);
  });
  if (migrations.length !== current - 1)
    throw new Error(
      `The settings are at version ${current} but their migrations lead to version ${migrations.length + 1}.`,
    );
}
checkMigrations(SETTINGS_MIGRATIONS, CURRENT_SETTINGS_VERSION);

/** The file's version: 1 when it has none (written before versions were kept); null when it holds something else. */
export function settingsVersionOf(raw: RawSettings): number | null {
  if (raw.version === undefined) return 1;
  return typeof raw.version === 'number' && Number.isInteger(raw.version) && raw.version >= 1 ? raw.version : null;
}

export interface MigrationResult {
  /** The file as it is now: migrated, or untouched when there was nothing to do or it is newer. */
  raw: RawSettings;
  /** The version the file was at (1 when its `version` was not a version number). */
  from: number;
  /** The migrations that ran, in order. */
  applied: SettingsMigration[];
  /** The file was written by a newer version of the room than this one: left as it is. */
  newer: boolean;
  /** The file's `version` was not a version number; it was read as version 1. */
  badVersion: unknown;
}

/** Brings a settings file up to the current version; a file from a newer version is left as it is. */
export function migrateSettings(
  raw: RawSettings,
  migrations: readonly SettingsMigration[] = SETTINGS_MIGRATIONS,
  current: number = CURRENT_SETTINGS_VERSION,
): MigrationResult {
  const version = settingsVersionOf(raw);
  const from = version ?? 1;
  const badVersion = version === null ? raw.version : undefined;
  if (from > current) return { raw, from, applied: [], newer: true, badVersion };
  if (from === current && version !== null) return { raw, from, applied: [], newer: false, badVersion };
  const applied = migrations.filter((m) => m.version > from && m.version <= current);
  let next: RawSettings = structuredClone(raw);
  for (const m of applied) next = m.up(next);
  return { raw: { ...next, version: current }, from, applied, newer: false, badVersion };
}
