import { z } from 'zod';
import { isTimeZone, systemTimeZone } from '../pure/clinic-time';
import { DEFAULT_MUSIC_SETTINGS, musicSettingsSchema } from '../music/settings';
import { DEFAULT_TAGS, TAG_KEY } from '../observations/tags';
import { DEFAULT_THRESHOLDS, thresholdsSchema } from '../observations/thresholds';
import { DEFAULT_PRESETS, presetSchema, ROUTE_IDS } from '../timeline/presets';

import { STAFF_ROLES } from '../pure/staff/permissions';
import { DEFAULT_RESCUE_CHECK_RULE, RESCUE_CHECK_RULES } from '../pure/care/rescue';
import { CADSS6_ITEMS } from '../pure/observations/scales';
import { DEFAULT_MONITOR_SETTINGS, monitorSettingsSchema } from '../monitor/settings';

export { STAFF_ROLES };

/**
 * The settings file's version. A file written before versions were kept has no `version` key: it is version 1.
 * Each later version has its numbered migration in migrations.ts, which brings an older file up to this one.
 */
export const CURRENT_SETTINGS_VERSION = 4;

/** A staff member's id: stable across renames, the key of their PIN and of what they signed. */
export const STAFF_ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,31}$/;

export const staffSchema = z.object({
  id: z.string().regex(STAFF_ID_PATTERN, 'A staff id is 3 to 32 lowercase letters, digits and dashes.'),
  name: z.string().trim().min(1).max(80),
  role: z.enum(STAFF_ROLES),
});
export type StaffEntry = z.infer<typeof staffSchema>;

const sameStaffName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** The staff list: a person is found by name when they sign, and by id for their PIN, so neither is shared. */
export const staffListSchema = z
  .array(staffSchema)
  .max(50)
  .superRefine((staff, ctx) => {
    staff.forEach((person, i) => {
      const earlier = staff.slice(0, i);
      if (earlier.some((other) => sameStaffName(other.name, person.name)))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'name'],
          message: `Two people on the staff list share the name "${person.name.trim()}": give each their own name.`,
        });
      else if (earlier.some((other) => other.id === person.id))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'id'],
          message: `Two people on the staff list share the id "${person.id}": give each their own id.`,
        });
    });
  });

/**
 * The healthcare setting the SPRAVATO® REMS Patient Monitoring Form names: its name and address. Empty until the admin
 * fills it (the form then names it as missing); a session's form keeps the setting as it was at the end of monitoring.
 */
export const treatmentSettingSchema = z.object({
  name: z.string().trim().max(120, "The treatment setting's name is too long (120 characters at most).").default(''),
  address1: z.string().trim().max(120, 'The address line is too long (120 characters at most).').default(''),
  address2: z.string().trim().max(120, 'The second address line is too long (120 characters at most).').default(''),
  city: z.string().trim().max(80, 'The city is too long (80 characters at most).').default(''),
  state: z.string().trim().max(40, 'The state is too long (40 characters at most).').default(''),
  zip: z
    .string()
    .trim()
    .regex(/^(\d{5}(-\d{4})?)?$/, 'A ZIP code is 5 digits, or 5 and 4 (12345-6789).')
    .default(''),
});

/** The six route presets; Spravato's cannot be shortened below its REMS monitoring. */
export const presetsSchema = z.object({
  iv: presetSchema,
  im: presetSchema,
  intranasal: presetSchema,
  // Spravato's REMS monitoring is at least 120 minutes: never shortened, whoever edits the settings.
  spravato: presetSchema.refine((p) => p.dischargeFloorMin === 120 && p.earliestDischargeMin >= 120, {
    message:
      'Spravato: the earliest discharge stays at 120 minutes or more after the dose (REMS monitoring), with its 120-minute floor.',
  }),
  sublingual: presetSchema,
  oral: presetSchema,
});

/**
 * The room's settings: one schema, used by the Electron shell (electron-store) and by the browser host
 * (conf, which electron-store wraps), and tested in node. Every key has its default, so a missing key is
 * filled and an old file keeps working.
 */
export const settingsSchema = z.object({
  /** The version of the settings file (CURRENT_SETTINGS_VERSION when the room wrote it; a newer one when a newer app did). */
  version: z.number().int().min(1).default(CURRENT_SETTINGS_VERSION),
  roomName: z.string().trim().min(1).max(60).default('Treatment room'),
  /** The clinic's name, asked at the first-run setup and printed on the report. */
  clinicName: z.string().trim().max(120).default(''),
  defaultPresetId: z.enum(ROUTE_IDS).default('sublingual'),
  presets: presetsSchema.default(DEFAULT_PRESETS),
  /** The clinic's people, offered when a session starts and when switching who is recording. */
  staff: staffListSchema.default([]),
  thresholds: thresholdsSchema.default(DEFAULT_THRESHOLDS),
  /** Quick observation tags, each with its one key (a digit or F1-F12). */
  tags: z
    .array(
      z.object({
        label: z.string().trim().min(1).max(60),
        key: z.string().regex(TAG_KEY, 'A tag key is a digit or F1 to F12.'),
      }),
    )
    .max(22)
    .refine((tags) => new Set(tags.map((t) => t.key)).size === tags.length, 'Two tags share a key: give each its own.')
    .default(DEFAULT_TAGS),
  /** The clinic's time zone (IANA name): the dates and times of the record that leaves the room (REMS form, FHIR). */
  clinicTimeZone: z
    .string()
    .trim()
    .refine(
      isTimeZone,
      'The time zone is not one this computer knows. Enter an IANA name such as America/Los_Angeles or Europe/London.',
    )
    .default(() => systemTimeZone()),
  /** The system (a URI) of the clinic's patient identifiers: the patient reference is exported as an identifier in it (FHIR). */
  patientIdentifierSystem: z
    .string()
    .trim()
    .max(300)
    .regex(
      /^(urn:[a-z0-9][a-z0-9-]*:\S+|https?:\/\/\S+)$/i,
      'The patient identifier system must be a URI, such as https://clinic.example/patient-id or urn:oid:1.2.3.',
    )
    .default('urn:session-room:patient-ref'),
  /**
   * The wording of the CADSS-6 items (1, 2, 6, 7, 15, 22, in that order) from the clinic's licensed CADSS form, shown beside
   * each item in the room; empty until the admin enters it (the app ships no wording of its own).
   */
  cadssWording: z
    .array(z.string().trim().max(200, "A CADSS item's wording can be at most 200 characters."))
    .length(CADSS6_ITEMS.length)
    .default(CADSS6_ITEMS.map(() => '')),
  /** Spravato REMS: the "BP before the end of monitoring" counts only when taken this many minutes or fewer before the end. */
  remsEndBpWithinMin: z.number().int().min(1).max(60).default(15),
  /** Spravato REMS: the healthcare setting's name and address the monitoring form names (empty until the admin fills them). */
  remsSetting: treatmentSettingSchema.default({ name: '', address1: '', address2: '', city: '', state: '', zip: '' }),
  /**
   * The rescue check before the first patient of the day (oxygen, suction, bag-valve mask, monitor alarms, pulse oximeter):
   * 'required' holds the first dose until today's check is recorded; 'advised' lets it go ahead, with a quiet notice, and the
   * report says it went ahead without it. A file from before it is filled with the default (no settings version needed).
   */
  rescueCheck: z
    .enum(RESCUE_CHECK_RULES, { error: 'The rescue check is "required" or "advised".' })
    .default(DEFAULT_RESCUE_CHECK_RULE),
  /** Who changed a shipped default, and when, keyed by the source line the value belongs to (set by the room on save). */
  sourceChanges: z.record(z.string(), z.object({ by: z.string().max(80), at: z.number() })).default({}),
  /** 0.3 (darkest) to 1. The room is dim; so is the screen. */
  themeBrightness: z.number().min(0.3).max(1).default(0.7),
  /** The player: loudness target, fades, what happens when a phase's music runs out, the output device. */
  music: musicSettingsSchema.default(DEFAULT_MUSIC_SETTINGS),
  /** The monitor listener (IHE PCD-01 over MLLP): off by default (monitor/settings.ts). */
  monitor: monitorSettingsSchema.default(DEFAULT_MONITOR_SETTINGS),
});

export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/** A setting the bridge may change: every top-level key but the file's version, which is the room's to keep. */
export type SettingsKey = Exclude<keyof Settings, 'version'>;

/** The settings' top-level keys, as the bridge accepts them in a change. */
export const SETTINGS_KEYS = Object.keys(settingsSchema.shape).filter((k) => k !== 'version') as [
  SettingsKey,
  ...SettingsKey[],
];
