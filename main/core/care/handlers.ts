import { closedRefusal } from '../discharge/closed';
import { addDays, clinicDay, endOfClinicDay, startOfClinicDay } from '../pure/care/clinic-day';
import { followUpStatus, type FollowUpCallView, type FollowUpRow } from '../pure/care/follow-up';
import {
  RESCUE_ITEMS,
  RESCUE_ITEMS_SHORT,
  rescueCheckRefusal,
  rescueItemsProblem,
  type RescueCheckRecord,
  type RescueCheckView,
  type RescueItem,
} from '../pure/care/rescue';
import { RoomError } from '../pure/errors';
import type { Handlers, RoomApi } from '../room-api';
import type { NewEvent, Payload } from '../session/events';
import { RescueChecks } from './rescue-store';

type CareMethods =
  'getRescueCheck' | 'recordRescueCheck' | 'recordOrthostatic' | 'listFollowUps' | 'recordFollowUpCall';

/** What the room itself writes into a session's log (a copy of the day's rescue check, the call's due day): no person's entry. */
const ROOM_AUTHOR = 'Session Room';

/** The room's rescue check for the clinic's day of `at` (now by default), and the clinic's rule. */
export function rescueView(room: RoomApi, at = room.clock.now()): RescueCheckView {
  const { clinicTimeZone, rescueCheck } = room.settings.get();
  const day = clinicDay(at, clinicTimeZone);
  return { day, rule: rescueCheck, check: new RescueChecks(room.db).latest(day) };
}

/** The day's check, written into a session's log so its record (and the clinic's board) knows it was done. */
export function rescueCopy(check: RescueCheckRecord, now: number): NewEvent<'rescue_check'> {
  return {
    kind: 'rescue_check',
    occurredAt: now,
    author: ROOM_AUTHOR,
    payload: {
      checkId: check.id,
      day: check.day,
      checkedAt: check.checkedAt,
      validUntil: check.validUntil,
      by: check.by,
      role: check.role as Payload<'rescue_check'>['role'],
    },
  };
}

/**
 * The rescue check at a first dose given at `at`: refused with its sentence where the clinic requires the check and today's is
 * missing; where it advises it, the event that goes into the record with the dose saying it went ahead without it.
 */
export function rescueAtFirstDose(
  room: RoomApi,
  at: number,
): { refusal: string | null; note: NewEvent<'rescue_check_missing'> | null } {
  const view = rescueView(room, at);
  const refusal = rescueCheckRefusal(view);
  if (refusal || view.check) return { refusal, note: null };
  return {
    refusal: null,
    note: {
      kind: 'rescue_check_missing',
      occurredAt: at,
      author: ROOM_AUTHOR,
      payload: { day: view.day, rule: view.rule },
    },
  };
}

/** Written with the discharge: the follow-up call is due on the clinic's next day (and overdue the day after). */
export function followUpDueEvent(room: RoomApi, dischargedAt: number): NewEvent<'follow_up_due'> {
  const zone = room.settings.get().clinicTimeZone;
  const dueDay = addDays(clinicDay(dischargedAt, zone), 1);
  return {
    kind: 'follow_up_due',
    occurredAt: dischargedAt,
    author: ROOM_AUTHOR,
    payload: {
      dueDay,
      dueFrom: startOfClinicDay(dueDay, zone),
      overdueFrom: startOfClinicDay(addDays(dueDay, 1), zone),
    },
  };
}

interface FollowUpSqlRow {
  id: string;
  patient_ref: string;
  preset_id: string;
  closed_at: number;
  due: string;
  call_seq: number | null;
  call_at: number | null;
  call_by: string | null;
  call_role: string | null;
  call: string | null;
}

/** The rescue check of the day, the orthostatic check before discharge, and the next-day follow-up call. */
export function careHandlers(room: RoomApi): Pick<Handlers, CareMethods> {
  const store = () => new RescueChecks(room.db);

  return {
    getRescueCheck: () => rescueView(room),

    recordRescueCheck: async (args) => {
      // What is not in place is said before any PIN is asked for.
      const problem = rescueItemsProblem(args.items);
      if (problem) throw new RoomError('rescue_check_incomplete', problem);
      const zone = room.settings.get().clinicTimeZone;
      const day = clinicDay(room.clock.now(), zone);
      const signature = await room.sign(
        args,
        'recordRescueCheck',
        `checked the rescue equipment for ${day}: ${RESCUE_ITEMS_SHORT}, each in place and working`,
        'The rescue check',
      );
      const now = room.clock.now();
      const items = Object.fromEntries(RESCUE_ITEMS.map((i) => [i, true])) as Record<RescueItem, true>;
      const check = store().add({
        day: clinicDay(now, zone),
        checkedAt: now,
        validUntil: endOfClinicDay(now, zone),
        signature,
        items,
        ...(args.note ? { note: args.note } : {}),
      });
      // The session in progress carries the check in its own record (and so to the clinic's board).
      const active = room.activeSessionId();
      if (active && closedRefusal(room.state(active), 'rescue_check') === null)
        room.record(active, rescueCopy(check, now));
      return rescueView(room, now);
    },

    recordOrthostatic: (args) => {
      const by = room.recordingAuthor(args.author);
      const state = room.state(args.sessionId);
      const first = state.doses[0];
      if (!first)
        throw new RoomError(
          'not_dosed',
          'Record the dose first: the orthostatic check is taken before discharge, after the dose.',
        );
      const at = room.clinicalTime(args.occurredAt, 'orthostatic check');
      if (at < first.at)
        throw new RoomError(
          'orthostatic_before_dose',
          'An orthostatic check cannot come before the first dose. Check its time.',
        );
      return room.record(args.sessionId, {
        kind: 'orthostatic',
        occurredAt: at,
        ...by,
        payload: {
          lying: args.lying,
          standing: args.standing,
          symptoms: args.symptoms,
          ...(args.note ? { note: args.note } : {}),
        },
      });
    },

    listFollowUps: ({ limit }) => {
      const now = room.clock.now();
      const rows = room.db
        .prepare(
          `SELECT s.id, s.patient_ref, s.preset_id, s.closed_at, d.payload AS due,
             c.seq AS call_seq, c.occurred_at AS call_at, c.author AS call_by, c.author_role AS call_role, c.payload AS call
           FROM sessions s
           JOIN events d ON d.session_id = s.id AND d.kind = 'follow_up_due'
           LEFT JOIN events c ON c.session_id = s.id AND c.seq = (SELECT MAX(seq) FROM events WHERE session_id = s.id AND kind = 'follow_up_call')
           WHERE s.outcome = 'discharged'
           ORDER BY s.closed_at DESC LIMIT ?`,
        )
        .all(limit) as FollowUpSqlRow[];
      return rows.map((r): FollowUpRow => {
        const due = JSON.parse(r.due) as Payload<'follow_up_due'>;
        const payload = r.call ? (JSON.parse(r.call) as Payload<'follow_up_call'>) : null;
        const call: FollowUpCallView | null =
          payload && r.call_seq !== null && r.call_at !== null
            ? {
                seq: r.call_seq,
                at: r.call_at,
                by: r.call_by ?? '',
                role: r.call_role,
                night: payload.night,
                adverseEffect: payload.adverseEffect,
                adverseEffectText: payload.adverseEffectText ?? null,
                mood: payload.mood,
              }
            : null;
        return {
          sessionId: r.id,
          patientRef: r.patient_ref,
          presetId: r.preset_id,
          dischargedAt: r.closed_at,
          ...due,
          status: followUpStatus(due, call !== null, now),
          call,
        };
      });
    },

    recordFollowUpCall: (args) => {
      const by = room.recordingAuthor(args.author);
      const state = room.state(args.sessionId);
      const d = state.discharge;
      if (d.leftAgainstAdvice) {
        throw new RoomError(
          'no_follow_up',
          "This patient left against advice: the next-day follow-up call is recorded for a discharged session. Note any call in the clinic's own record.",
        );
      }
      if (!d.discharged)
        throw new RoomError(
          'no_follow_up',
          'The follow-up call comes after the discharge: this session has not been discharged.',
        );
      return room.record(args.sessionId, {
        kind: 'follow_up_call',
        occurredAt: room.clock.now(),
        ...by,
        payload: {
          night: args.night,
          adverseEffect: args.adverseEffect,
          ...(args.adverseEffectText ? { adverseEffectText: args.adverseEffectText } : {}),
          mood: args.mood,
        },
      });
    },
  };
}
