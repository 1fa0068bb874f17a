import { dispatch } from '../../main/core/bridge/dispatch';
import { ManualClock } from '../../main/core/clock';
import { openRoom } from '../../main/core/open-room';
import type { Room } from '../../main/core/room';
import type { RouteId } from '../../main/core/pure/timeline/routes';
import type { MethodName } from '../../main/core/contract/channels';
import type { ArgsOf, ResultOf } from '../../main/core/contract/contract';
import { tempDataDir } from './host-process';
import { answerDayOfChecklist } from './checklist';
import { dispatchAsAuthor, seedStaff, sign, STAFF } from './staff';
import { TREATMENT_SETTING } from './rems';

export const MIN = 60_000;
export const T0 = Date.UTC(2026, 10, 22, 9, 0);

export { PINS, sign, STAFF } from './staff';

/**
 * A room on a temp folder with a standing clock, and calls through the bridge's own dispatch. Its staff list (Dr Kim,
 * clinician; Jo Park, therapist; Sam, sitter; each with a PIN) is set up as a first run would; `staff: []` keeps it empty.
 * A call that names its `author` is made by that person: when someone else is recording, the test first switches to
 * them with their PIN, as a person does with Alt+S (`raw` calls without switching). Signed acts pass `...sign(name)`.
 * Its settings name the healthcare setting the Spravato REMS form asks for (test/support/rems.ts).
 */
export function testRoom(
  options: {
    staff?: typeof STAFF;
    remsSetting?: typeof TREATMENT_SETTING | null;
    /** Reopens a room closed on this folder (a restart), on its clock. */
    reopen?: { dataDir: string; clock: ManualClock };
  } = {},
) {
  const clock = options.reopen?.clock ?? new ManualClock(T0);
  const dataDir = options.reopen?.dataDir ?? tempDataDir('room-discharge-');
  const room: Room = openRoom({ dataDir, clock, settingsBackend: null });
  const staff = options.staff ?? STAFF;
  if (staff.length) seedStaff(room, staff);
  // The healthcare setting the REMS form names, as the clinic's admin enters it (`remsSetting: null` leaves it empty).
  if (options.remsSetting !== null) room.settings.update({ remsSetting: options.remsSetting ?? TREATMENT_SETTING });
  const raw = <M extends MethodName>(method: M, args: ArgsOf<M>) => dispatch(room.handlers, method, args, () => {});
  const asAuthor = dispatchAsAuthor(room);
  const call = <M extends MethodName>(method: M, args: ArgsOf<M>) => asAuthor(method, args);
  async function ok<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
    const env = await call(method, args);
    if (!env.ok) throw new Error(`${method}: ${env.error.message}`);
    return env.value as ResultOf<M>;
  }
  /** Starts a session with a baseline BP 120/80 HR 70 and the dose at T0 + 10 min. */
  async function dosedSession(presetId: RouteId = 'sublingual', mg = 150): Promise<string> {
    const view = await ok('startSession', {
      patientRef: 'AB-1024',
      presetId,
      plannedDoseMg: mg,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });
    const sessionId = view.session.id;
    await answerDayOfChecklist(ok, sessionId, presetId);
    clock.advance(5 * MIN);
    await ok('recordVitals', {
      sessionId,
      values: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 },
      author: 'Sam',
    });
    clock.advance(5 * MIN);
    await ok('recordDose', { sessionId, mg, booster: false, ...sign('Dr Kim'), lot: 'LOT-1' });
    return sessionId;
  }
  /** Everything but the time, taken now: MOAA/S 5, a full set of vitals within 20%, attestations, the driver confirmed. */
  const readyButTime = (sessionId: string) => recordReadyButTime(ok, sessionId);
  return { clock, dataDir, room, call, raw, ok, dosedSession, readyButTime };
}

/** A full set of vital signs, as the record takes them. */
type VitalValues = { systolic: number; diastolic: number; heartRate: number; spo2: number; respiratoryRate: number };

type Ok = <M extends MethodName>(method: M, args: ArgsOf<M>) => Promise<ResultOf<M>>;

/** Everything discharge needs but the time, recorded now: MOAA/S 5, a full set of vitals, the attestations, the driver confirmed in person. */
export async function recordReadyButTime(
  ok: Ok,
  sessionId: string,
  vitals: VitalValues = { systolic: 130, diastolic: 84, heartRate: 76, spo2: 97, respiratoryRate: 14 },
): Promise<void> {
  await ok('recordScore', { sessionId, content: { scale: 'moaas', score: 5 }, author: 'Sam' });
  await ok('recordVitals', { sessionId, values: vitals, author: 'Sam' });
  for (const [item, answer] of [
    ['oriented', 'yes'],
    ['steady_gait', 'yes'],
    ['nausea', 'minimal'],
    ['dissociation', 'resolved'],
    ['no_driving_acknowledged', 'yes'],
  ] as const) {
    await ok('attest', { sessionId, item, answer, author: 'Dr Kim' });
  }
  await ok('confirmDriver', { sessionId, name: 'Pat Lee', relationship: 'partner', phone: '555-0100', author: 'Sam' });
  // Where the route asks for it (IV and IM by default): lying and standing, and nothing that holds the discharge.
  const started = (await ok('getSession', { sessionId })).events[0];
  if (started?.kind === 'session_started' && started.payload.preset.orthostaticCheck)
    await ok('recordOrthostatic', { sessionId, ...PASSING_ORTHOSTATIC, author: 'Sam' });
}

/** Lying 128/80 HR 72, standing 124/78 HR 80, no dizziness: an orthostatic pair that passes. */
export const PASSING_ORTHOSTATIC = {
  lying: { systolic: 128, diastolic: 80, heartRate: 72 },
  standing: { systolic: 124, diastolic: 78, heartRate: 80 },
  symptoms: false,
} as const;
