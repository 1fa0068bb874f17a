import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPin } from '../../main/core/admin/pin';
import { migrateSettings, type RawSettings, type SettingsMigration } from '../../main/core/settings/migrations';
import { CURRENT_SETTINGS_VERSION, DEFAULT_SETTINGS, type Settings } from '../../main/core/settings/schema';
import { RoomSettings } from '../../main/core/settings/store';
import { openHostSettings } from '../../main/host/settings-backend';
import { tempDataDir } from '../support/host-process';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/settings');
const fixture = (file: string): RawSettings =>
  JSON.parse(fs.readFileSync(path.join(fixtures, file), 'utf8')) as RawSettings;
const settingsFile = (dir: string) => path.join(dir, 'settings.json');
const lastGoodFile = (dir: string) => path.join(dir, 'settings-last-good.json');
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as RawSettings;
const STAFF_ID = /^[a-z0-9][a-z0-9-]{2,31}$/;
const CURRENT = '2026-11-28-066efa5.json';
/** The last file written at each settings version from 2 on, in order. */
const VERSIONED = ['2026-12-04-settings-v2.json', '2026-12-04-settings-v3.json'];
/** A settings version later than this app knows. */
const NEWER = CURRENT_SETTINGS_VERSION + 1;

/** The PIN record the admin set (PIN 2468) in every version that had an admin PIN. */
const PIN_RECORD = {
  algorithm: 'scrypt',
  N: 1024,
  r: 8,
  p: 1,
  salt: '5e7a1c9d2b4f60837a1e5c9d2b4f6083',
  hash: '63001e19e906d6438d5c49ebd31e050e14257a846c34a8fa8932ccf1bc4724b2',
};
const SOURCE_STAMP = (at: number) => ({ by: 'Dr Maya Chen', at });

interface Expected {
  file: string;
  /** Dr Chen's role: 'clinician' arrived in b179275; before it she was on the list as the room's admin. */
  drChen: 'admin' | 'clinician';
  thresholds: boolean;
  tags: boolean;
  checklist: boolean;
  music: boolean;
  admin: boolean;
  clinic: boolean;
  monitoring: boolean;
  sourceChanges: Record<string, { by: string; at: number }> | null;
}

const HISTORY: Expected[] = [
  {
    file: '2026-11-22-eb14a7b.json',
    drChen: 'admin',
    thresholds: false,
    tags: false,
    checklist: false,
    music: false,
    admin: false,
    clinic: false,
    monitoring: false,
    sourceChanges: null,
  },
  {
    file: '2026-11-22-b98a212.json',
    drChen: 'admin',
    thresholds: true,
    tags: true,
    checklist: false,
    music: false,
    admin: false,
    clinic: false,
    monitoring: false,
    sourceChanges: null,
  },
  {
    file: '2026-11-22-c4659c6.json',
    drChen: 'admin',
    thresholds: true,
    tags: true,
    checklist: true,
    music: false,
    admin: false,
    clinic: false,
    monitoring: false,
    sourceChanges: null,
  },
  {
    file: '2026-11-22-be06047.json',
    drChen: 'admin',
    thresholds: true,
    tags: true,
    checklist: false,
    music: true,
    admin: false,
    clinic: false,
    monitoring: false,
    sourceChanges: null,
  },
  {
    file: '2026-11-22-8ded970.json',
    drChen: 'admin',
    thresholds: true,
    tags: true,
    checklist: false,
    music: true,
    admin: true,
    clinic: false,
    monitoring: false,
    sourceChanges: null,
  },
  {
    file: '2026-11-28-9f6d119.json',
    drChen: 'admin',
    thresholds: true,
    tags: true,
    checklist: true,
    music: true,
    admin: true,
    clinic: true,
    monitoring: false,
    sourceChanges: null,
  },
  {
    file: '2026-11-28-24ecd0b.json',
    drChen: 'admin',
    thresholds: true,
    tags: true,
    checklist: true,
    music: true,
    admin: true,
    clinic: false,
    monitoring: true,
    sourceChanges: null,
  },
  {
    file: '2026-11-28-3ed497c.json',
    drChen: 'admin',
    thresholds: true,
    tags: true,
    checklist: true,
    music: true,
    admin: true,
    clinic: true,
    monitoring: false,
    sourceChanges: {
      'presets.sublingual.discharge': SOURCE_STAMP(1795896340000),
      thresholds: SOURCE_STAMP(1795896340000),
      tags: SOURCE_STAMP(1795896340000),
    },
  },
  {
    file: '2026-11-28-b179275.json',
    drChen: 'clinician',
    thresholds: true,
    tags: true,
    checklist: true,
    music: true,
    admin: true,
    clinic: true,
    monitoring: false,
    sourceChanges: {
      'presets.sublingual.discharge': SOURCE_STAMP(1795896699000),
      thresholds: SOURCE_STAMP(1795896699000),
      tags: SOURCE_STAMP(1795896699000),
    },
  },
  {
    file: '2026-11-28-8486251.json',
    drChen: 'clinician',
    thresholds: true,
    tags: true,
    checklist: true,
    music: true,
    admin: true,
    clinic: true,
    monitoring: true,
    sourceChanges: {
      'presets.sublingual.discharge': SOURCE_STAMP(1795899169000),
      'presets.sublingual.rules': SOURCE_STAMP(1795899169000),
      thresholds: SOURCE_STAMP(1795899169000),
      tags: SOURCE_STAMP(1795899169000),
    },
  },
  {
    file: CURRENT,
    drChen: 'clinician',
    thresholds: true,
    tags: true,
    checklist: true,
    music: true,
    admin: true,
    clinic: true,
    monitoring: true,
    sourceChanges: {
      'presets.sublingual.discharge': SOURCE_STAMP(1795908579000),
      'presets.sublingual.rules': SOURCE_STAMP(1795908579000),
      thresholds: SOURCE_STAMP(1795908579000),
      tags: SOURCE_STAMP(1795908579000),
    },
  },
];

/** Everything an admin had entered in that version, and the shipped default of what came later. */
async function expectKept(s: RoomSettings, e: Expected): Promise<void> {
  const got: Settings = s.get();
  expect(got.version).toBe(CURRENT_SETTINGS_VERSION);
  expect(got.roomName).toBe('Garden Room');
  expect(got.clinicName).toBe('');
  expect(got.defaultPresetId).toBe('spravato');
  expect(got.themeBrightness).toBe(0.5);
  expect(got.staff.map(({ name, role }) => ({ name, role }))).toEqual([
    { name: 'Dr Maya Chen', role: e.drChen },
    { name: 'Jordan Lee', role: 'therapist' },
    { name: 'Sam Ortiz', role: 'sitter' },
  ]);
  for (const person of got.staff) expect(person.id).toMatch(STAFF_ID);
  expect(new Set(got.staff.map((p) => p.id)).size).toBe(3);

  expect(got.presets.sublingual.earliestDischargeMin).toBe(150);
  expect(got.presets.sublingual.evidenceWindowMin).toBe(e.monitoring ? 20 : 30);
  expect(got.presets.sublingual.checklist).toEqual(
    e.checklist ? ['fasting', 'escort_arranged', 'baseline_bp', 'pregnancy', 'consent', 'intention'] : undefined,
  );
  // Presets from before the critical checklist get their route's: Spravato's holds REMS enrolment.
  expect(got.presets.spravato.criticalChecklist).toEqual(['pregnancy', 'rems_enrolment', 'consent']);
  expect(got.presets.spravato).toMatchObject({
    earliestDischargeMin: 120,
    dischargeFloorMin: 120,
    bpRecheckMin: 5,
    preDoseBpRequired: true,
  });
  expect(got.presets.iv).toMatchObject({
    infusionMin: 40,
    dischargeAfterInfusionEndMin: 60,
    earliestDischargeMin: 100,
  });

  // The urgent heart rates came later: filled with their defaults beside the file's own high and low.
  expect(got.thresholds.heartRate).toEqual({ high: e.thresholds ? 130 : 120, low: 50, urgentLow: 40, urgentHigh: 140 });
  // A file that held thresholds keeps its MOAA/S levels; one from before thresholds were kept gets today's defaults.
  // MOAA/S 2 became urgent in settings version 3: a file that never changed its thresholds takes it; one the clinic changed keeps its own.
  expect(got.thresholds.moaas).toEqual({
    warning: 3,
    urgent: e.thresholds && e.sourceChanges && 'thresholds' in e.sourceChanges ? 1 : 2,
  });
  expect(got.thresholds.bpLow).toEqual({ warning: 90, urgent: 80 });
  expect(got.thresholds.respiratoryRate).toMatchObject({ urgentLow: 8 });
  expect(got.tags).toHaveLength(e.tags ? 20 : 19);
  expect(got.tags.at(-1)).toEqual(e.tags ? { label: 'tearful', key: 'F10' } : { label: 'resting quietly', key: 'F9' });
  expect(got.music).toMatchObject(
    e.music
      ? {
          outputDeviceId: 'usb-0a12-0001-headphones',
          outputDeviceLabel: 'Patient headphones (USB)',
          volume: 0.6,
          crossfadeSec: 8,
        }
      : { outputDeviceId: null, outputDeviceLabel: null, volume: 0.8, crossfadeSec: 8 },
  );
  if (e.clinic)
    expect(got).toMatchObject({
      clinicTimeZone: 'America/Chicago',
      patientIdentifierSystem: 'https://gardenclinic.example/mrn',
      remsEndBpWithinMin: 10,
    });
  else
    expect(got).toMatchObject({
      clinicTimeZone: DEFAULT_SETTINGS.clinicTimeZone,
      patientIdentifierSystem: 'urn:session-room:patient-ref',
      remsEndBpWithinMin: 15,
    });
  expect(got.sourceChanges).toEqual(e.sourceChanges ?? {});
  // The REMS form's healthcare setting came later: empty until the admin enters it.
  expect(got.remsSetting).toEqual({ name: '', address1: '', address2: '', city: '', state: '', zip: '' });
  // Added later with their defaults, no settings version needed: the rescue check advised, the orthostatic check on for IV and IM.
  expect(got.rescueCheck).toBe('advised');
  expect(Object.fromEntries(Object.entries(got.presets).map(([id, p]) => [id, p.orthostaticCheck]))).toEqual({
    iv: true,
    im: true,
    intranasal: false,
    spravato: false,
    sublingual: false,
    oral: false,
  });

  if (e.admin) {
    expect(s.admin()).toEqual({ pin: PIN_RECORD, failedAttempts: 0, lockedUntil: 0 });
    expect(await verifyPin('2468', s.admin().pin!)).toBe(true);
  } else {
    expect(s.admin().pin).toBeNull();
  }
}

describe('a settings file from every earlier version of the room', () => {
  it('the fixtures are every version the history holds: each unversioned one (version 1), and the last of each later version', () => {
    expect(
      fs
        .readdirSync(fixtures)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual([...HISTORY.map((e) => e.file), ...VERSIONED].sort());
    for (const e of HISTORY) expect(fixture(e.file).version).toBeUndefined();
    expect(VERSIONED.map((f) => fixture(f).version)).toEqual(
      Array.from({ length: CURRENT_SETTINGS_VERSION - 2 }, (_, i) => i + 2),
    );
  });

  for (const e of HISTORY) {
    it(`${e.file}: loads with no problem, keeps every value it held, gives its staff ids and fills what came later`, async () => {
      const s = new RoomSettings({ store: fixture(e.file) });
      expect(s.problem).toBeNull();
      await expectKept(s, e);
    });
  }

  it('is written back once, at the current version, with its admin PIN; the next start reads the same ids and does not write again', async () => {
    for (const e of HISTORY) {
      const dir = tempDataDir();
      fs.writeFileSync(settingsFile(dir), fs.readFileSync(path.join(fixtures, e.file)));
      const first = new RoomSettings(openHostSettings(dir));
      expect(first.problem).toBeNull();
      const written = fs.readFileSync(settingsFile(dir), 'utf8');
      const onDisk = JSON.parse(written) as RawSettings;
      expect(onDisk.version).toBe(CURRENT_SETTINGS_VERSION);
      expect(onDisk.staff).toEqual(first.get().staff);
      if (e.admin) expect(onDisk.admin).toEqual({ pin: PIN_RECORD, failedAttempts: 0, lockedUntil: 0 });
      expect(readJson(lastGoodFile(dir)).staff).toEqual(first.get().staff);

      const again = new RoomSettings(openHostSettings(dir));
      expect(again.problem).toBeNull();
      expect(again.get().staff).toEqual(first.get().staff);
      expect(fs.readFileSync(settingsFile(dir), 'utf8')).toBe(written);
      await expectKept(again, e);
    }
  });
});

describe('one bad or missing part of the settings file', () => {
  it('a file with one invalid key keeps every other key and names the bad one', () => {
    const s = new RoomSettings({ store: { ...fixture(CURRENT), themeBrightness: 'very dim' } });
    expect(s.problem).toBe(
      "The room's settings file has a value that is not valid (Theme brightness must be a number. Enter digits only.); the shipped default of that setting is in use until an admin saves the settings again, and the rest of the settings were kept.",
    );
    expect(s.get().themeBrightness).toBe(0.7);
    expect(s.get()).toMatchObject({
      roomName: 'Garden Room',
      defaultPresetId: 'spravato',
      clinicTimeZone: 'America/Chicago',
    });
    expect(s.get().staff.map((p) => p.name)).toEqual(['Dr Maya Chen', 'Jordan Lee', 'Sam Ortiz']);
    expect(s.get().thresholds.heartRate.high).toBe(130);
    expect(s.get().music.outputDeviceId).toBe('usb-0a12-0001-headphones');
    expect(s.admin().pin).toEqual(PIN_RECORD);
  });

  it('a bad key takes its value from the last good copy when there is one, and says so', () => {
    const dir = tempDataDir();
    const good = new RoomSettings(openHostSettings(dir));
    good.update({ roomName: 'Garden Room', themeBrightness: 0.4, clinicName: 'Riverside Clinic' });
    const conf = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', projectName: 'session-room' });
    conf.store = { ...conf.store, roomName: 'Blue Room', themeBrightness: 3 };
    const s = new RoomSettings(openHostSettings(dir));
    expect(s.problem).toBe(
      "The room's settings file has a value that is not valid (Theme brightness must be at most 1. Enter a smaller number.); the last good value of that setting is in use until an admin saves the settings again, and the rest of the settings were kept.",
    );
    expect(s.get()).toMatchObject({ roomName: 'Blue Room', themeBrightness: 0.4, clinicName: 'Riverside Clinic' });
    // The hand-edited value stays in the file for the admin to see, until the next save.
    expect(readJson(settingsFile(dir)).themeBrightness).toBe(3);
  });

  it('two bad keys are both named', () => {
    const s = new RoomSettings({ store: { ...fixture(CURRENT), roomName: '', tags: [{ label: 'nausea', key: 'Q' }] } });
    expect(s.problem).toMatch(
      /^The room's settings file has values that are not valid \(The room name cannot be empty\. Enter a value\. Tag 1, key is not in the right form\. A tag key is a digit or F1 to F12\.\); the shipped defaults of those settings are in use/,
    );
    expect(s.get().roomName).toBe('Treatment room');
    expect(s.get().tags).toEqual(DEFAULT_SETTINGS.tags);
    expect(s.get().presets.sublingual.earliestDischargeMin).toBe(150);
  });

  it('a bad value in one preset replaces only that preset; a shortened Spravato preset is refused', () => {
    const raw = fixture(CURRENT);
    const presets = raw.presets as Record<string, Record<string, unknown>>;
    const { dischargeFloorMin: _floor, ...spravatoWithoutFloor } = presets.spravato!;
    const s = new RoomSettings({
      store: {
        ...raw,
        presets: {
          ...presets,
          spravato: { ...spravatoWithoutFloor, earliestDischargeMin: 60 },
          oral: { ...presets.oral, checkInEveryMin: 0 },
        },
      },
    });
    expect(s.problem).toContain(
      'Spravato: the earliest discharge stays at 120 minutes or more after the dose (REMS monitoring), with its 120-minute floor.',
    );
    expect(s.problem).toContain('The Oral preset: check-in interval must be at least 1. Enter a larger number.');
    expect(s.problem).toMatch(/the rest of the settings were kept\.$/);
    expect(s.get().presets.spravato).toMatchObject({ earliestDischargeMin: 120, dischargeFloorMin: 120 });
    expect(s.get().presets.oral.checkInEveryMin).toBe(15);
    expect(s.get().presets.sublingual).toMatchObject({ earliestDischargeMin: 150, evidenceWindowMin: 20 });
  });

  it('a bad value in one threshold group replaces only that group', () => {
    const raw = fixture(CURRENT);
    const thresholds = raw.thresholds as Record<string, unknown>;
    const s = new RoomSettings({
      store: { ...raw, thresholds: { ...thresholds, spo2: { warning: 'ninety', urgent: 88 } } },
    });
    expect(s.problem).toMatch(/\(The SpO2 alert threshold, warning must be a number\. Enter digits only\.\)/);
    expect(s.get().thresholds.spo2).toEqual({ warning: 92, urgent: 90 });
    expect(s.get().thresholds.heartRate).toEqual({ high: 130, low: 50, urgentLow: 40, urgentHigh: 140 });
  });

  it('a threshold group, a group field or a preset added after the file was written gets its default, without a problem', () => {
    const raw = fixture(CURRENT);
    const { moaas: _moaas, ...thresholds } = raw.thresholds as Record<string, unknown>;
    const { oral: _oral, ...presets } = raw.presets as Record<string, Record<string, unknown>>;
    const { thenEveryMin: _then, ...vitals } = presets.iv!.vitals as Record<string, unknown>;
    const s = new RoomSettings({
      store: {
        ...raw,
        thresholds: { ...thresholds, heartRate: { high: 130 } },
        presets: { ...presets, iv: { ...presets.iv, vitals } },
      },
    });
    expect(s.problem).toBeNull();
    expect(s.get().thresholds.moaas).toEqual({ warning: 3, urgent: 2 });
    expect(s.get().thresholds.heartRate).toEqual({ high: 130, low: 50, urgentLow: 40, urgentHigh: 140 });
    expect(s.get().presets.oral).toEqual(DEFAULT_SETTINGS.presets.oral);
    expect(s.get().presets.iv.vitals).toEqual({ atMin: [0, 10, 20, 30, 40], requiredAtMin: [0, 40], thenEveryMin: 15 });
    expect(s.get().presets.sublingual.earliestDischargeMin).toBe(150);
  });
});

describe('a settings file from a newer version of the room', () => {
  it('is used as far as this version reads it, said so, and not rewritten; a save keeps what this version does not know', () => {
    const dir = tempDataDir();
    const newer = {
      ...fixture(CURRENT),
      version: NEWER,
      roomName: 'North Room',
      futureSetting: { layout: 'two-chairs' },
      staff: [{ id: 'staff-0a1b2c3d', name: 'Dr Maya Chen', role: 'clinician', badge: 7 }],
    };
    const text = JSON.stringify(newer, undefined, '\t');
    fs.writeFileSync(settingsFile(dir), text);
    const s = new RoomSettings(openHostSettings(dir));
    expect(s.problem).toMatch(
      new RegExp(
        `^The room's settings were written by a newer version of Session Room \\(settings version ${NEWER}\\); update the app\\. `,
      ),
    );
    expect(s.get()).toMatchObject({
      version: NEWER,
      roomName: 'North Room',
      staff: [{ id: 'staff-0a1b2c3d', name: 'Dr Maya Chen', role: 'clinician' }],
    });
    expect(s.get().thresholds.heartRate.high).toBe(130);
    expect(fs.readFileSync(settingsFile(dir), 'utf8')).toBe(text);

    s.update({ themeBrightness: 0.6 });
    const saved = readJson(settingsFile(dir));
    expect(saved).toMatchObject({
      version: NEWER,
      themeBrightness: 0.6,
      futureSetting: { layout: 'two-chairs' },
      admin: { pin: PIN_RECORD },
    });
    expect(s.problem).toMatch(new RegExp(`newer version of Session Room \\(settings version ${NEWER}\\)`));
  });
});

describe('the private blocks beside the settings', () => {
  const staffPins = { 'staff-0a1b2c3d': { pin: PIN_RECORD, failedAttempts: 1, lockedUntil: 0 } };
  const recorder = { staffId: 'staff-0a1b2c3d', since: 1795908579000 };

  it('a migrated file is written back with its admin, staff PIN and recorder blocks intact', () => {
    const dir = tempDataDir();
    const raw = fixture(CURRENT);
    const staff = (raw.staff as Record<string, unknown>[]).map((p, i) =>
      i === 0 ? { ...p, id: 'staff-0a1b2c3d' } : p,
    );
    fs.writeFileSync(settingsFile(dir), JSON.stringify({ ...raw, staff, staffPins, recorder }));
    const s = new RoomSettings(openHostSettings(dir));
    expect(s.problem).toBeNull();
    expect(s.privateBlock('staffPins')).toEqual(staffPins);
    expect(s.privateBlock('recorder')).toEqual(recorder);
    expect(s.get().staff[0]).toEqual({ id: 'staff-0a1b2c3d', name: 'Dr Maya Chen', role: 'clinician' });
    const onDisk = readJson(settingsFile(dir));
    expect(onDisk).toMatchObject({
      version: CURRENT_SETTINGS_VERSION,
      staffPins,
      recorder,
      admin: { pin: PIN_RECORD },
    });
    expect(readJson(lastGoodFile(dir))).toMatchObject({
      version: CURRENT_SETTINGS_VERSION,
      staffPins,
      recorder,
      admin: { pin: PIN_RECORD },
    });
    // Never part of the settings the screen is sent.
    expect(JSON.stringify(s.get())).not.toContain(PIN_RECORD.hash);
  });

  it('are written beside the settings and into the last good copy, and kept by every save of the settings or the admin block', () => {
    const dir = tempDataDir();
    const s = new RoomSettings(openHostSettings(dir));
    expect(s.privateBlock('staffPins')).toBeUndefined();
    s.updatePrivate('staffPins', staffPins);
    s.updatePrivate('recorder', recorder);
    s.update({ roomName: 'Garden Room' });
    s.updateAdmin({ pin: PIN_RECORD as never, failedAttempts: 0, lockedUntil: 0 });
    for (const file of [settingsFile(dir), lastGoodFile(dir)])
      expect(readJson(file)).toMatchObject({
        roomName: 'Garden Room',
        staffPins,
        recorder,
        admin: { pin: PIN_RECORD },
      });
    s.updatePrivate('recorder', null);
    const again = new RoomSettings(openHostSettings(dir));
    expect(again.privateBlock('recorder')).toBeNull();
    expect(again.privateBlock('staffPins')).toEqual(staffPins);
    expect(again.admin().pin).toEqual(PIN_RECORD);
  });

  it('come from the last good copy when the settings file was lost', () => {
    const dir = tempDataDir();
    const s = new RoomSettings(openHostSettings(dir));
    s.updatePrivate('staffPins', staffPins);
    fs.writeFileSync(settingsFile(dir), '{ "roomName": "Gar');
    const again = new RoomSettings(openHostSettings(dir));
    expect(again.problem).toMatch(/could not be read/);
    expect(again.privateBlock('staffPins')).toEqual(staffPins);
  });
});

describe('migration 2: staff ids and the clinic name', () => {
  it('keeps a valid id, gives one to each person without, keeps an unknown role as a sitter, and drops nobody', () => {
    const s = new RoomSettings({
      store: {
        clinicName: 'Riverside Clinic',
        staff: [
          { id: 'staff-0a1b2c3d', name: 'Dr Maya Chen', role: 'clinician' },
          { id: 'Not An Id', name: 'Jordan Lee', role: 'therapist' },
          { name: 'Sam Ortiz', role: 'nurse' },
          { id: 'staff-0a1b2c3d', name: 'Alex Kim', role: 'admin' },
        ],
      },
    });
    expect(s.problem).toBeNull();
    expect(s.get().clinicName).toBe('Riverside Clinic');
    const staff = s.get().staff;
    expect(staff.map(({ name, role }) => ({ name, role }))).toEqual([
      { name: 'Dr Maya Chen', role: 'clinician' },
      { name: 'Jordan Lee', role: 'therapist' },
      { name: 'Sam Ortiz', role: 'sitter' },
      { name: 'Alex Kim', role: 'admin' },
    ]);
    expect(staff[0]!.id).toBe('staff-0a1b2c3d');
    expect(staff[1]!.id).toMatch(/^staff-[0-9a-f]{8}$/);
    expect(staff[3]!.id).not.toBe('staff-0a1b2c3d');
    expect(new Set(staff.map((p) => p.id)).size).toBe(4);
  });

  it('one person listed twice under one role is kept once; two people sharing a name under different roles are both kept', () => {
    const s = new RoomSettings({
      store: {
        staff: [
          { name: 'Sam Ortiz', role: 'sitter' },
          { name: ' sam ortiz ', role: 'sitter' },
          { name: 'Sam Ortiz', role: 'therapist' },
        ],
      },
    });
    expect(s.problem).toBeNull();
    expect(s.get().staff.map(({ name, role }) => ({ name, role }))).toEqual([
      { name: 'Sam Ortiz', role: 'sitter' },
      { name: 'Sam Ortiz (2)', role: 'therapist' },
    ]);
  });

  it('runs the migrations in order from the file version to the current one, and none for a current file', () => {
    const ran: string[] = [];
    const list: SettingsMigration[] = [
      { version: 2, name: 'two', up: (raw) => (ran.push('two'), { ...raw, b: 'from two' }) },
      { version: 3, name: 'three', up: (raw) => (ran.push('three'), { ...raw, b: `${String(raw.b)}, then three` }) },
    ];
    expect(migrateSettings({ a: 1 }, list, 3).raw).toEqual({ a: 1, b: 'from two, then three', version: 3 });
    expect(ran).toEqual(['two', 'three']);
    expect(migrateSettings({ a: 1, version: 2 }, list, 3).raw).toEqual({
      a: 1,
      version: 3,
      b: 'undefined, then three',
    });
    const current = { a: 1, version: 3 };
    expect(migrateSettings(current, list, 3)).toMatchObject({ raw: current, applied: [], newer: false });
    expect(migrateSettings({ a: 1, version: 4 }, list, 3)).toMatchObject({
      raw: { a: 1, version: 4 },
      applied: [],
      newer: true,
      from: 4,
    });
  });

  it('a version that is not a number is read as version 1, said once, and the file brought up to date', () => {
    const dir = tempDataDir();
    fs.writeFileSync(settingsFile(dir), JSON.stringify({ ...fixture(CURRENT), version: 'two' }));
    const s = new RoomSettings(openHostSettings(dir));
    expect(s.problem).toBe(
      `The room's settings file gave its version as "two", which is not a version number: it was read as a file from before settings versions (version 1).`,
    );
    expect(s.get().staff).toHaveLength(3);
    expect(readJson(settingsFile(dir)).version).toBe(CURRENT_SETTINGS_VERSION);
    expect(new RoomSettings(openHostSettings(dir)).problem).toBeNull();
  });

  it('a new room writes no settings file at start', () => {
    const backend = { store: {} as Record<string, unknown> };
    const s = new RoomSettings(backend);
    expect(s.problem).toBeNull();
    expect(s.get()).toEqual(DEFAULT_SETTINGS);
    expect(backend.store).toEqual({});
  });
});

describe('the staff list in the settings', () => {
  it('refuses two people with the same name, whatever the case or spaces, and two with the same id', () => {
    const s = new RoomSettings({ store: {} });
    expect(() =>
      s.update({
        staff: [
          { id: 'staff-0000aaaa', name: 'Sam Ortiz', role: 'sitter' },
          { id: 'staff-0000bbbb', name: ' sam ortiz', role: 'therapist' },
        ],
      }),
    ).toThrow('Two people on the staff list share the name "sam ortiz": give each their own name.');
    expect(() =>
      s.update({
        staff: [
          { id: 'staff-0000aaaa', name: 'Sam Ortiz', role: 'sitter' },
          { id: 'staff-0000aaaa', name: 'Jordan Lee', role: 'therapist' },
        ],
      }),
    ).toThrow(/share the id "staff-0000aaaa"/);
    expect(() => s.update({ staff: [{ id: 'X', name: 'Sam Ortiz', role: 'sitter' }] })).toThrow(
      /Staff member 1, id is not in the right form/,
    );
    expect(s.get().staff).toEqual([]);
  });

  it('the file version is the room’s: a change cannot set it', () => {
    const backend = { store: {} as Record<string, unknown> };
    const s = new RoomSettings(backend);
    s.update({ version: 7, roomName: 'Garden Room' });
    expect(s.get().version).toBe(CURRENT_SETTINGS_VERSION);
    expect(backend.store.version).toBe(CURRENT_SETTINGS_VERSION);
  });
});

describe('settings version 3: MOAA/S 2 is urgent', () => {
  it('a version 2 file with the shipped thresholds takes the new urgent level; one whose thresholds the clinic changed keeps its own, and the rest is kept', () => {
    const v2 = fixture('2026-12-04-settings-v2.json');
    expect(v2.version).toBe(2);
    const { thresholds: _stamp, ...otherStamps } = v2.sourceChanges as Record<string, unknown>;
    const shipped = new RoomSettings({ store: { ...v2, sourceChanges: otherStamps } });
    expect(shipped.problem).toBeNull();
    expect(shipped.get()).toMatchObject({
      version: CURRENT_SETTINGS_VERSION,
      roomName: 'Garden Room',
      thresholds: { moaas: { warning: 3, urgent: 2 }, heartRate: { high: 130 } },
    });
    expect(shipped.get().staff.map((p) => p.id)).toEqual((v2.staff as { id: string }[]).map((p) => p.id));
    const changed = new RoomSettings({ store: v2 });
    expect(changed.problem).toBeNull();
    expect(changed.get().thresholds.moaas).toEqual({ warning: 3, urgent: 1 });
  });
});

describe('settings version 4: the monitor listener', () => {
  it('a version 3 file gets the listener written out switched off, and keeps all it held; a file that names a monitor keeps it', () => {
    const v3 = fixture('2026-12-04-settings-v3.json');
    expect(v3.version).toBe(3);
    expect(v3.monitor).toBeUndefined();
    const backend = { store: v3 };
    const s = new RoomSettings(backend);
    expect(s.problem).toBeNull();
    expect(s.get()).toMatchObject({
      version: CURRENT_SETTINGS_VERSION,
      roomName: 'Garden Room',
      thresholds: { moaas: { urgent: 1 }, heartRate: { high: 130 } },
      monitor: { enabled: false, name: 'Bedside monitor', allowlist: ['127.0.0.1'] },
    });
    expect(s.get().staff.map((p) => p.id)).toEqual((v3.staff as { id: string }[]).map((p) => p.id));
    const bound = new RoomSettings({
      store: {
        ...v3,
        monitor: { enabled: true, name: 'Chair 2 oximeter', address: '0.0.0.0', port: 2600, allowlist: ['10.1.2.3'] },
      },
    });
    expect(bound.get().monitor).toMatchObject({
      enabled: true,
      name: 'Chair 2 oximeter',
      port: 2600,
      allowlist: ['10.1.2.3'],
    });
  });
});
