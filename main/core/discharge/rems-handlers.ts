import { RoomError } from '../pure/errors';
import type { Handlers, RoomApi } from '../room-api';
import { zonedDate } from '../pure/clinic-time';
import { remsApplies } from '../pure/rules/rems';
import { remsFilingStatus, remsRecord, type RemsFilingStatus } from '../pure/rules/rems-record';
import { daysBetween, usDate } from '../pure/discharge/rems-fields';
import { ROUTES, type RouteId } from '../pure/timeline/routes';
import { DOSING_LIMIT_BP } from '../pure/observations/vitals';
import type { SessionRow } from '../session/row';

const DAY = 86_400_000;
/** The forms the room lists without being asked for sessions: those of the last 30 days (the REMS asks for each within 7). */
const RECENT_DAYS = 30;

/** The REMS monitoring form's filing: marking it filed with the REMS, and where each form stands against its 7 days. */
export function remsHandlers(room: RoomApi): Pick<Handlers, 'markRemsFiled' | 'listRemsForms'> {
  const now = () => room.clock.now();
  const options = () => {
    const s = room.settings.get();
    return {
      timeZone: s.clinicTimeZone,
      endBpWithinMin: s.remsEndBpWithinMin,
      setting: s.remsSetting,
      dosingLimit: s.thresholds.preDoseBp ?? DOSING_LIMIT_BP,
    };
  };
  const isRems = (row: SessionRow) => Boolean(ROUTES[row.presetId as RouteId]?.rems);
  /**
   * An ended session's form changes only with a new event (an answer, a correction, the filing) or the settings: its
   * status is kept per session and read again when either changes; only the days left follow the clock.
   */
  const kept = new Map<string, { key: string; status: RemsFilingStatus }>();
  const statusOf = (sessionId: string, at: number): RemsFilingStatus | null => {
    const opts = options();
    const events = room.sessions.events(sessionId);
    const key = JSON.stringify([events.length, events[events.length - 1]?.seq ?? 0, opts]);
    const ended = events.some(
      (e) => e.kind === 'discharged' || e.kind === 'left_against_advice' || e.kind === 'session_closed',
    );
    const hit = kept.get(sessionId);
    if (ended && hit && hit.key === key)
      return { ...hit.status, daysLeft: daysBetween(zonedDate(at, opts.timeZone), hit.status.dueDate) };
    const status = remsFilingStatus(sessionId, events, at, opts);
    if (status && ended) kept.set(sessionId, { key, status });
    return status;
  };

  return {
    markRemsFiled: ({ sessionId, author: typed, filedOn, method }) => {
      const by = room.recordingAuthor(typed);
      const state = room.state(sessionId);
      if (!ROUTES[state.preset.id].rems)
        throw new RoomError('not_spravato', 'The REMS monitoring form is for Spravato sessions only.');
      if (!remsApplies(state))
        throw new RoomError(
          'no_rems_form',
          'No dose was given in this session: there is no REMS monitoring form to file.',
        );
      const at = now();
      const form = remsRecord(room.sessions.events(sessionId), at, options())!;
      if (!form.fixed)
        throw new RoomError(
          'rems_not_ended',
          'The form is filed once monitoring has ended: discharge the patient, or record that they left, first.',
        );
      if (!form.complete)
        throw new RoomError(
          'rems_incomplete',
          `The form cannot be marked filed while it still misses: ${form.missing.join(', ')}. Complete it first.`,
        );
      const today = zonedDate(at, room.settings.get().clinicTimeZone);
      if (daysBetween(form.treatmentDate!, filedOn) < 0) {
        throw new RoomError(
          'rems_filed_date',
          `The filing date ${usDate(filedOn)} is before the treatment date ${usDate(form.treatmentDate!)}: check the date.`,
        );
      }
      if (daysBetween(filedOn, today) < 0)
        throw new RoomError(
          'rems_filed_date',
          `The filing date ${usDate(filedOn)} is after today (${usDate(today)}): enter the date it was filed.`,
        );
      return room.record(sessionId, { kind: 'rems_filed', occurredAt: at, ...by, payload: { filedOn, method } });
    },

    listRemsForms: ({ sessionIds }) => {
      const at = now();
      const rows = sessionIds
        ? sessionIds.flatMap((id) => {
            const row = room.sessions.session(id);
            return row ? [row] : [];
          })
        : room.sessions.sessionsSince(at - RECENT_DAYS * DAY);
      return rows.filter(isRems).flatMap((row): RemsFilingStatus[] => {
        const status = statusOf(row.id, at);
        return status ? [status] : [];
      });
    },
  };
}
