import { RoomError } from '../pure/errors';
import { permit } from '../pure/staff/permissions';
import type { Handlers, RoomApi } from '../room-api';
import { observationContentSchema, scoreContentSchema, vitalsValuesSchema, type Payload } from '../session/events';
import type { EntryRecord, SessionState } from '../pure/session/fold';
import { moaasAlert, vitalsAlerts, type VitalsValues } from '../pure/observations/vitals';
import { presetRules } from '../pure/discharge/rules';

type ObservationMethods = 'recordObservation' | 'recordVitals' | 'recordScore' | 'recordCheckIn' | 'acknowledgeAlert' | 'amendEntry';

/** A sentence from the first schema issue, for a correction's replacement. */
function firstIssue(result: { success: false; error: { issues: { message: string }[] } }): string {
  return result.error.issues[0]?.message ?? 'The corrected values are not valid.';
}

/** The record methods the sitter and therapist use during a session: entries, alerts, amendments. */
export function observationHandlers(room: RoomApi): Pick<Handlers, ObservationMethods> {
  const thresholds = () => room.settings.get().thresholds;
  const isPreDose = (state: SessionState, at: number) => !state.doses[0] || at < state.doses[0].at;
  const vitalsPayload = (values: VitalsValues, preDose: boolean, state: SessionState): Payload<'vitals'> => ({
    values,
    preDose,
    alerts: vitalsAlerts(values, thresholds(), preDose, presetRules(state.preset).bpRecheckMin),
  });
  const scorePayload = (content: Payload<'score'>['content']): Payload<'score'> => {
    const alert = content.scale === 'moaas' ? moaasAlert(content.score, thresholds()) : null;
    return { content, alerts: alert ? [alert] : [] };
  };

  return {
    recordObservation: (args) => {
      room.state(args.sessionId);
      const at = room.clinicalTime(args.occurredAt, 'note');
      return room.record(args.sessionId, { kind: 'observation', occurredAt: at, author: args.author, payload: args.content });
    },

    recordVitals: (args) => {
      const state = room.state(args.sessionId);
      const at = room.clinicalTime(args.occurredAt, 'vitals');
      return room.record(args.sessionId, { kind: 'vitals', occurredAt: at, author: args.author, payload: vitalsPayload(args.values, isPreDose(state, at), state) });
    },

    recordScore: (args) => {
      room.state(args.sessionId);
      const at = room.clinicalTime(args.occurredAt, 'score');
      return room.record(args.sessionId, { kind: 'score', occurredAt: at, author: args.author, payload: scorePayload(args.content) });
    },

    recordCheckIn: (args) => {
      room.state(args.sessionId);
      const at = room.clinicalTime(args.occurredAt, 'check-in');
      return room.record(args.sessionId, { kind: 'check_in', occurredAt: at, author: args.author, payload: args.note ? { note: args.note } : {} });
    },

    acknowledgeAlert: (args) => {
      const state = room.state(args.sessionId);
      const alert = state.alerts.find((a) => a.entrySeq === args.targetSeq && a.signal === args.signal);
      if (!alert) throw new RoomError('no_such_alert', 'That alert is not in this session. Reload the room.');
      if (alert.acknowledged) throw new RoomError('already_acknowledged', `That alert was already acknowledged by ${alert.acknowledged.by}.`);
      if (alert.level === 'urgent') permit(room.settings.get().staff, 'acknowledgeUrgentAlert', args.author);
      // Acknowledging the pre-dose BP alert is the decision to dose despite it (CLINICAL.md section 2): a clinician's.
      if (alert.signal === 'pre_dose_bp') permit(room.settings.get().staff, 'reviewPreDoseBp', args.author);
      const note = args.note?.trim();
      if (alert.level === 'urgent' && !note) {
        throw new RoomError('urgent_needs_note', `"${alert.message.replace(/\.$/, '')}" is urgent: say in a short note what was done before acknowledging it.`);
      }
      return room.record(args.sessionId, { kind: 'alert_ack', occurredAt: room.clock.now(), author: args.author, payload: { targetSeq: args.targetSeq, signal: args.signal, ...(note ? { note } : {}) } });
    },

    amendEntry: (args) => {
      const state = room.state(args.sessionId);
      const entry = state.entries.find((e) => e.seq === args.targetSeq);
      const doseOrMark = state.doses.some((d) => d.seq === args.targetSeq) || state.marks.some((m) => m.seq === args.targetSeq);
      // Striking a dose changes every clock of the session (and can close it as "no dose"); the infusion end is a clinician's mark.
      if (state.doses.some((d) => d.seq === args.targetSeq) || state.marks.some((m) => m.seq === args.targetSeq && m.kind === 'infusion_ended')) {
        permit(room.settings.get().staff, 'strikeDose', args.author);
      }
      if (!entry && !doseOrMark) throw new RoomError('no_such_entry', 'That entry cannot be corrected: it is not in this session, or it was already struck.');
      if (entry && (entry.struck || entry.correctedBy)) throw new RoomError('already_amended', 'That entry was already struck or corrected. Correct the newest version instead.');
      const base = { targetSeq: args.targetSeq, action: args.action, reason: args.reason };
      if (args.action === 'strike') {
        return room.record(args.sessionId, { kind: 'amendment', occurredAt: room.clock.now(), author: args.author, payload: base });
      }
      if (!entry) throw new RoomError('correct_dose_or_mark', 'A dose or a mark cannot be edited: strike it with a reason, then record it again.');
      const replacement = replacementFor(entry, args.replacement, state);
      return room.record(args.sessionId, { kind: 'amendment', occurredAt: room.clock.now(), author: args.author, payload: { ...base, replacement } });
    },
  };

  function replacementFor(entry: EntryRecord, raw: unknown, state: SessionState): unknown {
    switch (entry.kind) {
      case 'observation': {
        const r = observationContentSchema.safeParse(raw);
        if (!r.success) throw new RoomError('invalid_arguments', firstIssue(r));
        return r.data;
      }
      case 'vitals': {
        const r = vitalsValuesSchema.safeParse(raw);
        if (!r.success) throw new RoomError('invalid_arguments', firstIssue(r));
        return vitalsPayload(r.data, entry.payload.preDose, state);
      }
      case 'score': {
        const r = scoreContentSchema.safeParse(raw);
        if (!r.success) throw new RoomError('invalid_arguments', firstIssue(r));
        return scorePayload(r.data);
      }
      case 'check_in':
        throw new RoomError('correct_check_in', 'A check-in has nothing to correct: strike it with a reason if it was recorded by mistake.');
    }
  }
}
