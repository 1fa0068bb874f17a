import { z } from 'zod';
import {
  observationContentSchema,
  payloadSchemas,
  scoreContentSchema,
  vitalsValuesSchema,
  type StoredEvent,
} from '../session/events';
import type { MusicLibraryView } from '../pure/music/view';
import type { AdminSettingsView, AdminStatus, AdminUnlock } from '../admin/view';
import { SETTINGS_KEYS } from '../settings/schema';
import type { BundlePreview, ImportJobView, MusicAdminView } from '../pure/music-admin/view';
import { PHASES } from '../pure/timeline/timeline';
import type { SessionRow } from '../session/row';
import type { RecoveryView } from '../db/recovery-view';
import type { Settings } from '../settings/schema';
import { ROUTE_IDS } from '../timeline/presets';
import { ALERT_SIGNALS } from '../pure/observations/vitals';
import type { MethodName, PushChannel } from './channels';
import { dischargeArgs, type SavedFile } from './discharge-contract';
import { optionalSignatureFields, person, sessionId, signatureFields, staffPin } from './fields';
import type { RecorderView, StaffAdminView, StaffView } from '../staff/view';
import { STAFF_ROLES } from '../pure/staff/permissions';
import { connectionInput } from '../sync/connection-input';
import type { ClinicConnectionView, SyncState } from '../sync/view';
import type { RemsFilingStatus } from '../pure/rules/rems-record';
import { careArgs } from './care-contract';
import type { RescueCheckView } from '../pure/care/rescue';
import type { FollowUpRow } from '../pure/care/follow-up';
import { integrationArgs } from './integration-contract';
import type { CourseRow } from '../pure/report/course';
import type { MusicCounts } from '../pure/report/music-counts';
import type { BluetoothCandidate, MonitorView } from '../monitor/view';

/** The bridge's contract: every method's argument schema and result type. Main validates against it. */

const milligrams = (what: string) =>
  z
    .number({ error: `Enter the ${what} in mg as a number.` })
    .positive(`The ${what} must be more than 0 mg.`)
    .max(2000, `The ${what} of more than 2000 mg looks like a typing error. Check the amount.`);
const clinicalTime = z
  .number({ error: 'The time is not valid. Enter it as hours and minutes.' })
  .int()
  .positive()
  .optional();

const adminKey = z
  .string({ error: 'The admin area is locked. Enter the admin PIN to continue.' })
  .regex(/^[0-9a-f]{48}$/, 'The admin area is locked. Enter the admin PIN to continue.');
const adminPin = z
  .string({ error: 'Enter the admin PIN.' })
  .min(1, 'Enter the admin PIN.')
  .max(12, 'The admin PIN is 4 to 12 digits.');

const musicSetId = z
  .string({ error: 'Choose a music set.' })
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'That music set reference is not valid. Reload the music sets.');
const typedPath = z
  .string({ error: 'Type the path of a file or folder.' })
  .trim()
  .min(1, 'Type the path of a file or folder.')
  .max(4096, 'That path is too long.');

/** method<Result>()(argsSchema): the result type is named, the argument type inferred from the schema. */
function method<R>() {
  return <A extends z.ZodType>(args: A) => ({ args, result: undefined as unknown as R });
}

export interface RoomInfo {
  roomName: string;
  /** The staff list with whether each person has a PIN (never the PIN), and who is recording now. */
  staff: StaffView[];
  recorder: RecorderView | null;
  /** A fresh room: no admin PIN and no clinician yet; the screen opens on the first-run setup. */
  setupNeeded: boolean;
  settings: Settings;
  settingsProblem: string | null;
  /** The session in progress, reopened after a restart. */
  activeSessionId: string | null;
  now: number;
}

export interface SessionView {
  session: SessionRow;
  events: StoredEvent[];
}

/**
 * The room as it is when the page is served, inlined into the page so its first screen needs no round trip: what
 * getRoom, getSession (of the active session), getSyncState and getRecovery would answer. A part the room could not
 * give is null, and the page asks for it over the bridge as before.
 */
export interface FirstScreen {
  room: RoomInfo | null;
  session: SessionView | null;
  sync: SyncState | null;
  recovery: RecoveryView | null;
}

export const contract = {
  getRoom: method<RoomInfo>()(z.object({}).strict()),
  /** First run: the admin PIN, the clinic's name and time zone, and its first clinician with their PIN. */
  completeSetup: method<RoomInfo>()(
    z
      .object({
        adminPin,
        clinicName: z
          .string({ error: "Enter the clinic's name." })
          .trim()
          .min(1, "Enter the clinic's name.")
          .max(120, "The clinic's name is too long (120 characters at most)."),
        timeZone: z
          .string({ error: "Enter the clinic's time zone." })
          .trim()
          .min(1, "Enter the clinic's time zone.")
          .max(80),
        clinicianName: person('clinician'),
        clinicianPin: staffPin,
        clinicianPinAgain: staffPin,
      })
      .strict(),
  ),
  /** Who is recording: the person's name and their own PIN (a person with no PIN yet chooses one, typed twice). */
  switchRecorder: method<RoomInfo>()(
    z.object({ name: person('person recording'), pin: staffPin, pinAgain: staffPin.optional() }).strict(),
  ),
  /** A person changes their own PIN. */
  changeOwnPin: method<null>()(
    z.object({ name: person('person'), pin: staffPin, newPin: staffPin, newPinAgain: staffPin }).strict(),
  ),
  /** Admin: the staff with whether each has a PIN, and the staff log. */
  getStaffAdmin: method<StaffAdminView>()(z.object({ adminKey }).strict()),
  /** Admin: adds a person (with their first PIN) or changes one (name, role, a PIN reset); `changedBy` goes into the staff log. */
  saveStaffMember: method<StaffAdminView>()(
    z
      .object({
        adminKey,
        id: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{2,31}$/, 'That person is not on the staff list. Reload the staff list.')
          .nullable(),
        name: person('person'),
        role: z.enum(STAFF_ROLES, { error: 'Choose a role: clinician, therapist, sitter or admin.' }),
        pin: staffPin.optional(),
        changedBy: person('admin making the change'),
      })
      .strict(),
  ),
  removeStaffMember: method<StaffAdminView>()(
    z
      .object({
        adminKey,
        id: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{2,31}$/, 'That person is not on the staff list. Reload the staff list.'),
        changedBy: person('admin making the change'),
      })
      .strict(),
  ),
  startSession: method<SessionView>()(
    z
      .object({
        patientRef: z
          .string({ error: 'Enter a patient reference (chart ID or initials).' })
          .trim()
          .min(1, 'Enter a patient reference (chart ID or initials).')
          .max(40, 'The patient reference is too long: use a chart ID or initials (40 characters at most).'),
        presetId: z.enum(ROUTE_IDS, { error: 'Choose the route from the list.' }),
        plannedDoseMg: milligrams('planned dose'),
        therapist: person('therapist'),
        sitter: z.string().trim().max(80, "The sitter's name is too long (80 characters at most).").default(''),
      })
      .strict(),
  ),
  getSession: method<SessionView>()(z.object({ sessionId }).strict()),
  /** After the room could not trust the clock: a clinician confirms the current time (read from a clock they trust), signed. */
  confirmTime: method<StoredEvent>()(
    z
      .object({
        sessionId,
        currentTime: z.number({ error: 'Enter the current time as hours and minutes.' }).int().positive(),
        ...signatureFields,
      })
      .strict(),
  ),
  recordDose: method<StoredEvent>()(
    z
      .object({
        sessionId,
        mg: milligrams('dose'),
        booster: z.boolean(),
        occurredAt: clinicalTime,
        lot: z.string().trim().max(60, 'The lot number is too long (60 characters at most).').optional(),
        /** The signing clinician goes ahead despite checklist items answered "no" or skipped: their signature says so. */
        proceedPastChecklist: z.boolean().optional(),
        /** A dose is the clinician's signed order. */
        ...signatureFields,
      })
      .strict(),
  ),
  addMark: method<StoredEvent>()(
    z
      .object({
        sessionId,
        mark: z.enum(['peak_reached', 'returning', 'infusion_ended'], {
          error: 'Choose a mark: peak reached, returning or infusion ended.',
        }),
        occurredAt: clinicalTime,
        author: person('person recording'),
        /** The infusion's end is a clinician's signed mark. */
        ...optionalSignatureFields,
      })
      .strict(),
  ),
  recordObservation: method<StoredEvent>()(
    z
      .object({
        sessionId,
        content: observationContentSchema,
        occurredAt: clinicalTime,
        author: person('person recording'),
      })
      .strict(),
  ),
  recordVitals: method<StoredEvent>()(
    z
      .object({
        sessionId,
        values: vitalsValuesSchema,
        occurredAt: clinicalTime,
        author: person('person recording'),
        /** Read from a Bluetooth cuff or oximeter the person recording chose in the room's dialog: its name and its own time. */
        device: z
          .object({
            name: z.string().trim().min(1, 'Name the device the reading came from.').max(80),
            deviceTime: z.number().int().positive().optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
  ),
  recordScore: method<StoredEvent>()(
    z
      .object({ sessionId, content: scoreContentSchema, occurredAt: clinicalTime, author: person('person recording') })
      .strict(),
  ),
  recordCheckIn: method<StoredEvent>()(
    z
      .object({
        sessionId,
        note: z.string().trim().max(500).optional(),
        occurredAt: clinicalTime,
        author: person('person recording'),
      })
      .strict(),
  ),
  acknowledgeAlert: method<StoredEvent>()(
    z
      .object({
        sessionId,
        targetSeq: z.number().int().positive(),
        signal: z.enum(ALERT_SIGNALS),
        /** What was done: required for an urgent alert. */
        note: z.string().trim().max(300, 'The note can be at most 300 characters.').optional(),
        author: person('person acknowledging'),
        /** An urgent alert, or a BP above the dosing limit, is acknowledged by a clinician's signature. */
        ...optionalSignatureFields,
      })
      .strict(),
  ),
  amendEntry: method<StoredEvent>()(
    z
      .object({
        sessionId,
        targetSeq: z.number().int().positive(),
        action: z.enum(['strike', 'correct'], { error: 'Choose to strike or to correct the entry.' }),
        reason: z
          .string({ error: 'Give a reason for the correction.' })
          .trim()
          .min(1, 'Give a reason for the correction.')
          .max(500, 'The reason can be at most 500 characters.'),
        /** For a correction: the entry's new content, of the entry's own kind (validated by the room against that kind). */
        replacement: z.unknown().optional(),
        author: person('person correcting'),
        /** A dose, the infusion end, or a reading that raised an alert or holds the dose or discharge: a clinician's signature. */
        ...optionalSignatureFields,
      })
      .strict(),
  ),
  listSessions: method<SessionRow[]>()(
    z
      .object({
        patientRef: z.string().trim().max(40).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  /** The shipped and clinic music sets, each track with the address it plays from; broken set files as sentences. */
  listMusicSets: method<MusicLibraryView>()(z.object({}).strict()),
  answerChecklist: method<StoredEvent>()(dischargeArgs.answerChecklist),
  recordDriver: method<StoredEvent>()(dischargeArgs.recordDriver),
  confirmDriver: method<StoredEvent>()(dischargeArgs.confirmDriver),
  attest: method<StoredEvent>()(dischargeArgs.attest),
  answerRems: method<StoredEvent>()(dischargeArgs.answerRems),
  discharge: method<StoredEvent[]>()(dischargeArgs.discharge),
  recordLeftAgainstAdvice: method<StoredEvent[]>()(dischargeArgs.recordLeftAgainstAdvice),
  closeSession: method<StoredEvent[]>()(dischargeArgs.closeSession),
  markRemsFiled: method<StoredEvent>()(dischargeArgs.markRemsFiled),
  listRemsForms: method<RemsFilingStatus[]>()(dischargeArgs.listRemsForms),
  saveReportPdf: method<SavedFile>()(dischargeArgs.saveReportPdf),
  exportSession: method<SavedFile>()(dischargeArgs.exportSession),
  /** What the music player did: a start, skip, pause/resume, quiet/resume, hold/release, phase move, set chosen or failed track. */
  recordMusicEvent: method<StoredEvent>()(
    payloadSchemas.music.extend({ sessionId, occurredAt: clinicalTime, author: person('person recording') }).strict(),
  ),
  /** The audio output the music plays to, remembered for the room; null: the system default. */
  saveMusicOutput: method<Settings>()(
    z
      .object({
        deviceId: z.string().min(1).max(512).nullable(),
        label: z.string().trim().max(200, 'The output name is too long (200 characters at most).').nullable(),
      })
      .strict(),
  ),
  /** Admin: is a PIN set, and how long until the next attempt is checked. */
  getAdminStatus: method<AdminStatus>()(z.object({}).strict()),
  /** Admin: sets the PIN on first run (no key needed then); changes it from inside an admin session. */
  setAdminPin: method<AdminUnlock>()(z.object({ pin: adminPin, adminKey: adminKey.optional() }).strict()),
  unlockAdmin: method<AdminUnlock>()(z.object({ pin: adminPin }).strict()),
  lockAdmin: method<null>()(z.object({ adminKey }).strict()),
  getAdminSettings: method<AdminSettingsView>()(z.object({ adminKey }).strict()),
  /** Admin: changes some settings; the room checks the whole result against the settings schema. */
  updateSettings: method<AdminSettingsView>()(
    z
      .object({
        adminKey,
        patch: z.partialRecord(z.enum(SETTINGS_KEYS), z.unknown()),
        /** Who makes the change: the source line of a changed default names them. */
        changedBy: z
          .string()
          .trim()
          .min(1, 'Enter your name: the settings record who changed them.')
          .max(80, 'The name is too long (80 characters at most).')
          .optional(),
      })
      .strict(),
  ),
  /** Music admin: the imported audio, every set (with loudness and whether a session uses it), the presets for coverage. */
  getMusicAdmin: method<MusicAdminView>()(z.object({ adminKey }).strict()),
  /** Music admin: copies and analyses audio into the library; progress on the 'music-import' push. `paths` only in the browser host. */
  startAudioImport: method<{ jobId: string }>()(
    z.object({ adminKey, paths: z.array(typedPath).max(50).optional() }).strict(),
  ),
  getAudioImport: method<ImportJobView>()(z.object({ adminKey, jobId: z.uuid() }).strict()),
  saveMusicSet: method<{ id: string }>()(
    z
      .object({
        adminKey,
        set: z
          .object({
            id: z.string().max(64).nullable(),
            name: z
              .string({ error: 'Give the set a name.' })
              .trim()
              .min(1, 'Give the set a name.')
              .max(120, 'The set name is too long (120 characters at most).'),
            description: z.string().max(4000, 'The description is too long (4000 characters at most).').default(''),
            phases: z.object(
              Object.fromEntries(PHASES.map((p) => [p, z.array(z.string().min(1).max(1024)).max(1000)])) as Record<
                (typeof PHASES)[number],
                z.ZodArray<z.ZodString>
              >,
            ),
          })
          .strict(),
      })
      .strict(),
  ),
  duplicateMusicSet: method<{ id: string; name: string }>()(z.object({ adminKey, setId: musicSetId }).strict()),
  deleteMusicSet: method<null>()(z.object({ adminKey, setId: musicSetId }).strict()),
  /** Music admin: the set and its audio as one file; a download address (host) or where it was saved (app). */
  exportMusicSet: method<{ fileName: string; url: string | null; savedTo: string | null }>()(
    z.object({ adminKey, setId: musicSetId }).strict(),
  ),
  /** Music admin: what importing a shared set file would add, and any conflict to resolve. `path` only in the browser host. */
  previewSetBundle: method<BundlePreview>()(z.object({ adminKey, path: typedPath.optional() }).strict()),
  importSetBundle: method<{ id: string; name: string }>()(
    z
      .object({
        adminKey,
        previewId: z.uuid(),
        onConflict: z
          .enum(['copy', 'replace'], { error: 'Choose to import as a copy or to replace the set.' })
          .optional(),
      })
      .strict(),
  ),
  /** The room's clinic sync line: synced, N waiting since hh:mm, or the problem as a sentence. */
  getSyncState: method<SyncState>()(z.object({}).strict()),
  /** Admin: the clinic database address, the room's name and login there; never the password. */
  getClinicConnection: method<ClinicConnectionView>()(z.object({ adminKey }).strict()),
  /** Admin: sets them (an empty address disconnects); the password is kept by the machine and never shown again. */
  setClinicConnection: method<ClinicConnectionView>()(connectionInput.extend({ adminKey })),
  /** Damaged records: where they were kept and the backup the room shows read-only; null when the records are sound. */
  getRecovery: method<RecoveryView | null>()(z.object({}).strict()),
  /** Copies the latest backup back as the room's records (the admin's key when a PIN is set); the room then starts again. */
  restoreBackup: method<RecoveryView>()(z.object({ adminKey: adminKey.optional() }).strict()),
  /** Today's rescue check for the room (the clinic's day), and the clinic's rule: required or advised before the first dose. */
  getRescueCheck: method<RescueCheckView>()(careArgs.getRescueCheck),
  /** The rescue check, every item ticked, signed by the member of staff who made it. */
  recordRescueCheck: method<RescueCheckView>()(careArgs.recordRescueCheck),
  /** Lying and standing BP and heart rate before discharge, by the person recording. */
  recordOrthostatic: method<StoredEvent>()(careArgs.recordOrthostatic),
  /** Discharged sessions' next-day calls: due, overdue and done. */
  listFollowUps: method<FollowUpRow[]>()(careArgs.listFollowUps),
  /** The next-day call, an addendum to the closed session, by the person recording. */
  recordFollowUpCall: method<StoredEvent>()(careArgs.recordFollowUpCall),
  /** The intention set before the dose, kept as text for the integration summary. */
  recordIntention: method<StoredEvent>()(integrationArgs.recordIntention),
  /** A moment marked for integration, with the patient's own words when there are any. */
  recordIntegrationMoment: method<StoredEvent>()(integrationArgs.recordIntegrationMoment),
  /** The integration summary approved by the therapist, signed: only then does it print. */
  approveIntegrationSummary: method<StoredEvent>()(integrationArgs.approveIntegrationSummary),
  /** The course of one patient's sessions, oldest first. */
  getPatientCourse: method<CourseRow[]>()(integrationArgs.getPatientCourse),
  /** Music admin: what the music did, track by track. */
  getMusicCounts: method<MusicCounts>()(integrationArgs.getMusicCounts),
  /** The monitor listener's state: connected, the last reading, readings waiting for confirmation, signal lost. */
  getMonitor: method<MonitorView>()(z.object({}).strict()),
  /** The person recording confirms the monitor is on this session's patient: its held readings are recorded. */
  confirmMonitor: method<MonitorView>()(z.object({ sessionId, author: person('person recording') }).strict()),
  /** The app's Bluetooth dialog: the device the person recording chose (null: none). */
  chooseBluetoothDevice: method<null>()(z.object({ deviceId: z.string().trim().min(1).max(200).nullable() }).strict()),
} satisfies Record<MethodName, { args: z.ZodType; result: unknown }>;

export type Contract = typeof contract;
export type ArgsOf<M extends MethodName> = z.input<Contract[M]['args']>;
export type ParsedArgsOf<M extends MethodName> = z.output<Contract[M]['args']>;
export type ResultOf<M extends MethodName> = Contract[M]['result'];

export interface BridgeError {
  code: string;
  message: string;
}
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

export interface PushPayloads {
  'session-event': { event: StoredEvent };
  'music-import': ImportJobView;
  'sync-state': SyncState;
  'monitor-state': MonitorView;
  'bluetooth-devices': { devices: BluetoothCandidate[] };
}

/** What the renderer finds on window.room. */
export type RoomBridge = { [M in MethodName]: (args: ArgsOf<M>) => Promise<Envelope<ResultOf<M>>> } & {
  on<C extends PushChannel>(channel: C, listener: (payload: PushPayloads[C]) => void): () => void;
};
