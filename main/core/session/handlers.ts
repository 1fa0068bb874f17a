import type { ParsedArgsOf, ResultOf, RoomInfo } from '../contract/contract';
import { RoomError } from '../pure/errors';
import { clockText } from '../pure/time-text';
import { closedRefusal } from '../discharge/closed';
import { boosterRefusal, firstDoseRefusal, itemsNeedingDecision, urgentAlertRefusal } from '../pure/rules/dose-rules';
import { deviceDoseProblem, nextDeviceProblem } from '../pure/rules/devices';
import { routeOf } from '../pure/timeline/routes';
import type { SessionState } from '../pure/session/fold';
import { roleOf } from '../pure/staff/permissions';
import { roomInfo } from '../room-info';
import type { Signature } from '../staff/view';
import { CHECKLIST_LABELS } from '../pure/discharge/checklist';
import type { Handlers, RoomApi } from '../room-api';
import type { NewEvent, StoredEvent } from './events';
import { rescueAtFirstDose, rescueCopy, rescueView } from '../care/handlers';

type SessionMethods =
  'getRoom' | 'startSession' | 'getSession' | 'confirmTime' | 'recordDose' | 'addMark' | 'listSessions';

/** A time confirmed further than this from the computer's is a typing error, not a clock set wrong. */
const CONFIRM_TIME_RANGE_MS = 24 * 60 * 60_000;

/** The next device of the dose (Spravato: 28 mg, after the 5-minute rest), up to the planned number. */
function recordDevice(
  room: RoomApi,
  args: ParsedArgsOf<'recordDose'>,
  state: SessionState,
  at: number,
  signature: Signature,
): StoredEvent {
  const problem = nextDeviceProblem(state, at, room.settings.get().clinicTimeZone);
  if (problem) throw new RoomError('spravato_device', problem);
  const route = routeOf(state.preset);
  const mg = route.devices!.mg;
  const first = state.doses[0]!;
  const of = first.device?.of ?? 1;
  const lot = args.lot ?? first.lot;
  const n = state.doses.length + 1;
  return room.record(args.sessionId, {
    kind: 'dose',
    occurredAt: at,
    author: signature.name,
    authorRole: signature.role,
    payload: {
      mg,
      booster: false,
      ...(lot ? { lot } : {}),
      device: { n, of },
      signature: { ...signature, meaning: `ordered ${route.shortName} device ${n} of ${of} (${mg} mg)` },
    },
  });
}

/** "60 mg IM injection" and what the signature goes ahead despite: the words the record keeps with a dose's signature. */
function doseMeaning(
  args: ParsedArgsOf<'recordDose'>,
  state: SessionState,
  pending: ReturnType<typeof itemsNeedingDecision>,
): string {
  const { devices, shortName } = routeOf(state.preset);
  const what = args.booster
    ? `ordered a booster of ${args.mg} mg`
    : devices
      ? `ordered ${shortName} ${args.mg} mg (device 1 of ${args.mg / devices.mg})`
      : `ordered the dose of ${args.mg} mg`;
  const despite = pending.length
    ? `; approved the dose despite: ${pending.map((p) => `${CHECKLIST_LABELS[p.item]} (${p.answer}${p.reason ? `: ${p.reason}` : ''})`).join(', ')}`
    : '';
  return `${what} (${state.preset.label})${despite}`;
}

/** How long before the session's start a late-entered dose may be (room convention, to catch a mistyped hour). */
const DOSE_BEFORE_START_MAX_MS = 60 * 60_000;

/** The session's own methods: the room's state, starting a session, the dose and its marks, the session list. */
export function sessionHandlers(room: RoomApi): Pick<Handlers, SessionMethods> {
  const getSession = ({ sessionId }: ParsedArgsOf<'getSession'>): ResultOf<'getSession'> => {
    const session = room.sessions.session(sessionId);
    if (!session)
      throw new RoomError(
        'no_such_session',
        'That session does not exist on this machine. Open it from the session list.',
      );
    return { session, events: room.sessions.events(sessionId) };
  };

  return {
    getRoom: (): RoomInfo => {
      room.checkClock();
      return roomInfo(room);
    },

    startSession: (args) => {
      const open = room.activeSessionId();
      if (open) {
        throw new RoomError(
          'session_in_progress',
          'A session is already in progress in this room. Finish it before starting another.',
        );
      }
      const { presets, staff } = room.settings.get();
      const preset = presets[args.presetId];
      // With a staff list, the session's people are people on it: the record names who they are and their role.
      for (const [who, name] of [
        ['therapist', args.therapist],
        ['sitter', args.sitter],
      ] as const) {
        if (staff.length && name && !roleOf(staff, name)) {
          throw new RoomError(
            'not_on_staff',
            `"${name}" is not on the room's staff list: choose the ${who} from the list, or ask an admin to add them (Admin, Staff).`,
          );
        }
      }
      const by = room.recordingAuthor(args.therapist, true);
      const event = room.sessions.createSession({
        kind: 'session_started',
        occurredAt: room.clock.now(),
        ...by,
        payload: {
          patientRef: args.patientRef,
          presetId: args.presetId,
          preset,
          plannedDoseMg: args.plannedDoseMg,
          therapist: args.therapist,
          sitter: args.sitter,
        },
      });
      room.published(event);
      // Today's rescue check, when made, goes into the new session's record (and so to the clinic's board).
      const rescue = rescueView(room).check;
      if (rescue) room.record(event.sessionId, rescueCopy(rescue, room.clock.now()));
      return getSession({ sessionId: event.sessionId });
    },

    getSession,

    confirmTime: async (args) => {
      const doubt = room.state(args.sessionId).timeUnconfirmed;
      if (!doubt)
        throw new RoomError(
          'time_trusted',
          "The room's time is not in doubt in this session: there is nothing to confirm.",
        );
      const computer = room.clock.wall.now();
      const clock = (t: number) => clockText(t, room.settings.get().clinicTimeZone);
      if (Math.abs(args.currentTime - computer) > CONFIRM_TIME_RANGE_MS) {
        throw new RoomError(
          'time_out_of_range',
          `${clock(args.currentTime)} is more than a day from the computer's clock: check the time you read, and its date.`,
        );
      }
      // The last entry made while the time could be trusted (those since carry the room's guess).
      const lastEntry = room.sessions
        .events(args.sessionId)
        .reduce((t, e) => (e.seq >= doubt.seq || e.kind === 'clock_jump' ? t : Math.max(t, e.occurredAt)), 0);
      if (args.currentTime < lastEntry)
        throw new RoomError(
          'time_before_record',
          `${clock(args.currentTime)} is before the session's last entry (${clock(lastEntry)}): check the clock you read the time from.`,
        );
      const signature = await room.sign(
        args,
        'confirmTime',
        `confirmed the current time as ${clock(args.currentTime)} (the computer read ${clock(computer)})`,
        'Confirming the time',
      );
      const event = room.record(args.sessionId, {
        kind: 'time_confirmed',
        occurredAt: args.currentTime,
        author: signature.name,
        authorRole: signature.role,
        payload: { confirmedTime: args.currentTime, computerTime: computer, roomTime: room.clock.now(), signature },
      });
      room.confirmTime(args.currentTime);
      room.beat(true);
      return event;
    },

    recordDose: async (args) => {
      // The dose is the clinician's signed order: the PIN is checked first, then every rule below on the record as it is now.
      const signer = await room.sign(args, 'recordDose', 'dose', 'A dose');
      const state = room.state(args.sessionId);
      if (state.timeUnconfirmed)
        throw new RoomError(
          'time_unconfirmed',
          "The room's time is not confirmed since it reopened: a clinician confirms the current time before a dose is recorded.",
        );
      // A closed session says so first, not what a dose would otherwise wait for.
      const closed = closedRefusal(state, 'dose');
      if (closed) throw new RoomError('session_closed', closed);
      const at = room.clinicalTime(args.occurredAt, 'dose');
      const zone = room.settings.get().clinicTimeZone;
      const first = state.doses[0];
      if (args.booster && !first) throw new RoomError('no_first_dose', 'Record the first dose before a booster.');
      // A dose entered late keeps its real time, even a little before the session was started on screen; an hour before is a mistyped time.
      if (at < state.startedAt - DOSE_BEFORE_START_MAX_MS) {
        throw new RoomError(
          'dose_before_start',
          `That dose time is more than an hour before the session started (${clockText(state.startedAt, zone)}). Check its time.`,
        );
      }
      const urgent = first ? urgentAlertRefusal(state, at) : null;
      if (urgent) throw new RoomError(urgent.code, urgent.message);
      // A device route (Spravato): the dose is devices of 28 mg, each recorded as it is given, with the rest between them.
      const route = routeOf(state.preset);
      if (route.devices && !args.booster && first) return recordDevice(room, args, state, at, signer);
      if (!args.booster && first) {
        throw new RoomError('first_dose_recorded', 'The first dose is already recorded. Record this one as a booster.');
      }
      const devices = args.booster ? null : deviceDoseProblem(state.preset, args.mg);
      if (devices) throw new RoomError('spravato_devices', devices);
      if (args.booster && first && at < first.at)
        throw new RoomError('booster_before_dose', 'A booster cannot come before the first dose. Check its time.');
      if (args.booster && !route.boosters) {
        const each = route.devices ? ` (${route.devices.mg} mg each)` : '';
        throw new RoomError(
          'spravato_booster',
          `${route.shortName} has no booster: the dose is the devices given at the start${each}. Record another dose only in a new session.`,
        );
      }
      // A booster, though already the clinician's signed order, stays within the preset's cap against the plan and waits for a recent BP and MOAA/S of 4 or more.
      // The room's rescue check of the day, before the first dose: required (refused), or advised (noted with the dose).
      const rescue = args.booster ? null : rescueAtFirstDose(room, at);
      if (rescue?.refusal) throw new RoomError('rescue_check_missing', rescue.refusal);
      const refusal = args.booster
        ? boosterRefusal(state, at, args.mg, zone)
        : firstDoseRefusal(state, args.proceedPastChecklist ? signer.name : undefined, at, zone);
      if (refusal) throw new RoomError(refusal.code, refusal.message);
      const pending = args.booster ? [] : itemsNeedingDecision(state);
      // Answering "no" records what is so (anyone may); going ahead past it is the signing clinician's decision, in the signature.
      const decision = pending.length ? { clinician: signer.name, items: pending } : undefined;
      const dose: NewEvent<'dose'> = {
        kind: 'dose',
        occurredAt: at,
        author: signer.name,
        authorRole: signer.role,
        payload: {
          signature: { ...signer, meaning: doseMeaning(args, state, pending) },
          mg: route.devices ? route.devices.mg : args.mg,
          booster: args.booster,
          ...(args.lot ? { lot: args.lot } : {}),
          ...(decision ? { decision } : {}),
          ...(route.devices ? { device: { n: 1, of: args.mg / route.devices.mg } } : {}),
        },
      };
      // Given without the day's rescue check (the clinic advises it): the record says so, in the same write as the dose.
      if (rescue?.note) return room.recordAll(args.sessionId, [dose, rescue.note])[0]!;
      return room.record(args.sessionId, dose);
    },

    addMark: async (args) => {
      if (args.mark === 'infusion_ended') {
        // Refused before the signature is asked for: a route with no infusion, or an end already marked after the last dose.
        const before = room.state(args.sessionId);
        const route = routeOf(before.preset);
        if (!route.infusion)
          throw new RoomError(
            'no_infusion',
            `${route.shortName} is not given as an infusion: there is no infusion end to mark.`,
          );
        const lastDose = before.doses.at(-1);
        const marked = lastDose
          ? before.marks.find((m) => m.kind === 'infusion_ended' && m.at >= lastDose.at)
          : undefined;
        if (marked) {
          throw new RoomError(
            'infusion_end_marked',
            `The end of the infusion is already marked at ${clockText(marked.at, room.settings.get().clinicTimeZone)}. To move it, a clinician strikes that mark with a reason, then marks it again.`,
          );
        }
      }
      const signature =
        args.mark === 'infusion_ended'
          ? await room.sign(args, 'markInfusionEnded', 'marked the end of the infusion', 'The end of the infusion')
          : null;
      const by = signature ? { author: signature.name, authorRole: signature.role } : room.recordingAuthor(args.author);
      const state = room.state(args.sessionId);
      const at = room.clinicalTime(args.occurredAt, 'mark');
      const first = state.doses[0];
      if (!first) throw new RoomError('not_dosed', 'Record the dose first: marks are counted from it.');
      if (at < first.at)
        throw new RoomError('mark_before_dose', 'A mark cannot come before the first dose. Check its time.');
      return room.record(args.sessionId, {
        kind: 'mark',
        occurredAt: at,
        ...by,
        payload: { mark: args.mark, ...(signature ? { signature } : {}) },
      });
    },

    listSessions: (args) =>
      room.sessions.listSessions({ ...(args.patientRef ? { patientRef: args.patientRef } : {}), limit: args.limit }),
  };
}
