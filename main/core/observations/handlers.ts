import { RoomError } from '../pure/errors';
import type { Handlers, RoomApi } from '../room-api';
import { observationContentSchema, scoreContentSchema, vitalsValuesSchema, type Payload } from '../session/events';
import type { EntryRecord, SessionState } from '../pure/session/fold';
import {
  moaasAlert,
  SIGNAL_BACK_TAG,
  SIGNAL_LOST_TAG,
  vitalsAlerts,
  type VitalsValues,
} from '../pure/observations/vitals';
import { presetRules } from '../pure/discharge/rules';
import { baselineValues } from '../pure/rules/evidence';
import { holdsDischargeAgainstBaseline, type BpLimit } from '../pure/rules/vitals-check';

type ObservationMethods =
  'recordObservation' | 'recordVitals' | 'recordScore' | 'recordCheckIn' | 'acknowledgeAlert' | 'amendEntry';

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
      monitorTagRefusal(args.content.tags);
      const at = room.clinicalTime(args.occurredAt, 'note');
      return room.record(args.sessionId, {
        kind: 'observation',
        occurredAt: at,
        ...room.recordingAuthor(args.author),
        payload: args.content,
      });
    },

    recordVitals: (args) => {
      const state = room.state(args.sessionId);
      const at = room.clinicalTime(args.occurredAt, 'vitals');
      // A reading from a Bluetooth device keeps its source: the device's name and own time, and the room's time it arrived.
      const source = args.device
        ? {
            source: {
              device: args.device.name,
              deviceTime: args.device.deviceTime ?? at,
              receivedAt: room.clock.now(),
              kind: 'reading' as const,
            },
          }
        : {};
      return room.record(args.sessionId, {
        kind: 'vitals',
        occurredAt: at,
        ...room.recordingAuthor(args.author),
        payload: { ...vitalsPayload(args.values, isPreDose(state, at), state), ...source },
      });
    },

    recordScore: (args) => {
      room.state(args.sessionId);
      const at = room.clinicalTime(args.occurredAt, 'score');
      return room.record(args.sessionId, {
        kind: 'score',
        occurredAt: at,
        ...room.recordingAuthor(args.author),
        payload: scorePayload(args.content),
      });
    },

    recordCheckIn: (args) => {
      room.state(args.sessionId);
      const at = room.clinicalTime(args.occurredAt, 'check-in');
      return room.record(args.sessionId, {
        kind: 'check_in',
        occurredAt: at,
        ...room.recordingAuthor(args.author),
        payload: args.note ? { note: args.note } : {},
      });
    },

    acknowledgeAlert: async (args) => {
      const found = findAlert(room.state(args.sessionId), args);
      // An urgent alert, and the pre-dose BP above the dosing limit (the decision to dose despite it), are a clinician's signature.
      const action =
        found.signal === 'pre_dose_bp' ? 'reviewPreDoseBp' : found.level === 'urgent' ? 'acknowledgeUrgentAlert' : null;
      const note = args.note?.trim();
      // Every acknowledgement says in a short note what was seen or done: a warning's by whoever records, an urgent one's by the clinician.
      if (found.level === 'urgent' && !note) {
        throw new RoomError(
          'urgent_needs_note',
          `"${found.message.replace(/\.$/, '')}" is urgent: say in a short note what was done before acknowledging it.`,
        );
      }
      if (!note) {
        throw new RoomError(
          'warning_needs_note',
          found.signal === 'pre_dose_bp'
            ? `Acknowledging "${found.message.replace(/:.*$/, '').replace(/\.$/, '')}" takes a short note: say what was reviewed and decided (for example "re-measured after rest: 146/88; dosing").`
            : `Acknowledging "${found.message.replace(/:.*$/, '').replace(/\.$/, '')}" takes a short note: say what was seen or done (for example "re-measured: 150/92, patient calm").`,
        );
      }
      const signature = action
        ? await room.sign(
            args,
            action,
            `acknowledged "${found.message.replace(/\.$/, '')}"${note ? `: ${note}` : ''}`,
            `Acknowledging "${found.message.replace(/\.$/, '')}"`,
          )
        : null;
      const by = signature ? { author: signature.name, authorRole: signature.role } : room.recordingAuthor(args.author);
      // Checked again after the PIN: another screen may have acknowledged it meanwhile.
      findAlert(room.state(args.sessionId), args);
      return room.record(args.sessionId, {
        kind: 'alert_ack',
        occurredAt: room.clock.now(),
        ...by,
        payload: {
          targetSeq: args.targetSeq,
          signal: args.signal,
          ...(note ? { note } : {}),
          ...(signature ? { signature } : {}),
        },
      });
    },

    amendEntry: async (args) => {
      const before = amendable(room.state(args.sessionId), args.targetSeq);
      const action = signedAmendment(
        room.state(args.sessionId),
        args.targetSeq,
        before.entry,
        room.settings.get().thresholds.preDoseBp,
      );
      const verb = args.action === 'strike' ? 'struck' : 'corrected';
      const signature = action
        ? await room.sign(
            args,
            action,
            `${verb} ${before.what}: ${args.reason}`,
            `${args.action === 'strike' ? 'Striking' : 'Correcting'} ${before.what}`,
          )
        : null;
      const by = signature ? { author: signature.name, authorRole: signature.role } : room.recordingAuthor(args.author);
      const state = room.state(args.sessionId);
      const { entry } = amendable(state, args.targetSeq);
      const base = {
        targetSeq: args.targetSeq,
        action: args.action,
        reason: args.reason,
        ...(signature ? { signature } : {}),
      };
      if (args.action === 'strike') {
        return room.record(args.sessionId, { kind: 'amendment', occurredAt: room.clock.now(), ...by, payload: base });
      }
      if (!entry)
        throw new RoomError(
          'correct_dose_or_mark',
          'A dose or a mark cannot be edited: strike it with a reason, then record it again.',
        );
      const replacement = replacementFor(entry, args.replacement, state);
      return room.record(args.sessionId, {
        kind: 'amendment',
        occurredAt: room.clock.now(),
        ...by,
        payload: { ...base, replacement },
      });
    },
  };

  function findAlert(state: SessionState, args: { targetSeq: number; signal: string }) {
    const alert = state.alerts.find((a) => a.entrySeq === args.targetSeq && a.signal === args.signal);
    if (!alert) throw new RoomError('no_such_alert', 'That alert is not in this session. Reload the room.');
    if (alert.acknowledged)
      throw new RoomError('already_acknowledged', `That alert was already acknowledged by ${alert.acknowledged.by}.`);
    if (alert.closed)
      throw new RoomError(
        'alert_closed',
        'That alert closed by itself when the SpO2 signal came back: nothing to acknowledge.',
      );
    return alert;
  }

  function replacementFor(entry: EntryRecord, raw: unknown, state: SessionState): unknown {
    switch (entry.kind) {
      case 'observation': {
        const r = observationContentSchema.safeParse(raw);
        if (!r.success) throw new RoomError('invalid_arguments', firstIssue(r));
        monitorTagRefusal(r.data.tags);
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
        throw new RoomError(
          'correct_check_in',
          'A check-in has nothing to correct: strike it with a reason if it was recorded by mistake.',
        );
    }
  }
}

/** The entry (or dose or mark) an amendment targets, refused with a sentence when it cannot be amended; `what` names it. */
function amendable(state: SessionState, targetSeq: number): { entry: EntryRecord | undefined; what: string } {
  const entry = state.entries.find((e) => e.seq === targetSeq);
  const dose = state.doses.find((d) => d.seq === targetSeq);
  const mark = state.marks.find((m) => m.seq === targetSeq);
  if (!entry && !dose && !mark)
    throw new RoomError(
      'no_such_entry',
      'That entry cannot be corrected: it is not in this session, or it was already struck.',
    );
  if (entry && (entry.struck || entry.correctedBy))
    throw new RoomError(
      'already_amended',
      'That entry was already struck or corrected. Correct the newest version instead.',
    );
  const what = dose
    ? `the dose of ${dose.mg} mg`
    : mark
      ? `the mark "${mark.kind.replace('_', ' ')}"`
      : entry
        ? entryWords(entry)
        : 'the entry';
  return { entry, what };
}

/** "vitals BP 186/112, HR 90" / "MOAA/S 3": how a signature names the reading it corrects. */
function entryWords(entry: EntryRecord): string {
  if (entry.kind === 'vitals') {
    const v = entry.payload.values;
    const parts = [
      v.systolic !== undefined || v.diastolic !== undefined ? `BP ${v.systolic ?? '?'}/${v.diastolic ?? '?'}` : null,
      ...(['heartRate', 'spo2', 'respiratoryRate'] as const).map((f) =>
        v[f] !== undefined ? `${f === 'heartRate' ? 'HR' : f === 'spo2' ? 'SpO2' : 'RR'} ${v[f]}` : null,
      ),
    ];
    return `the vitals ${parts.filter(Boolean).join(', ')}`;
  }
  if (entry.kind === 'score')
    return entry.payload.content.scale === 'moaas' ? `the MOAA/S ${entry.payload.content.score}` : 'the CADSS-6 score';
  return entry.kind === 'observation' ? 'the note' : 'the check-in';
}

/**
 * Which amendments are a clinician's signed act: a dose or the infusion end (every clock of the session moves), and a
 * reading that raised an alert, or that holds the dose (a pre-dose BP) or the discharge (the latest reading of a sign
 * after the dose): correcting one of those changes what a clinical rule decides.
 */
function signedAmendment(
  state: SessionState,
  targetSeq: number,
  entry: EntryRecord | undefined,
  dosingLimit: BpLimit,
): 'strikeDose' | 'amendHoldingReading' | null {
  if (
    state.doses.some((d) => d.seq === targetSeq) ||
    state.marks.some((m) => m.seq === targetSeq && m.kind === 'infusion_ended')
  )
    return 'strikeDose';
  if (!entry || (entry.kind !== 'vitals' && entry.kind !== 'score')) return null;
  if (entry.payload.alerts.length > 0 || state.alerts.some((a) => a.entrySeq === entry.seq))
    return 'amendHoldingReading';
  if (entry.kind === 'vitals' && entry.payload.preDose) return 'amendHoldingReading';
  // The latest reading after the dose is the discharge's evidence: one that holds the discharge (a MOAA/S below 5, a BP or
  // heart rate more than 20% from its baseline, a BP above the dosing limit and the patient's own) is changed only by a clinician. A sitter still corrects a typo in a reading that holds nothing.
  const later = state.entries.some((e) => e.kind === entry.kind && e.at > entry.at && !e.struck && !e.correctedBy);
  if (!state.doses[0] || entry.at < state.doses[0].at || later) return null;
  if (entry.kind === 'score')
    return entry.payload.content.scale === 'moaas' && entry.payload.content.score < 5 ? 'amendHoldingReading' : null;
  return holdsDischargeAgainstBaseline(entry.payload.values, baselineValues(state), dosingLimit)
    ? 'amendHoldingReading'
    : null;
}

/** The monitor's own tags raise and close its "SpO2 signal lost" alert: a person's note cannot carry them, or typing one would close an alert nobody acknowledged. */
function monitorTagRefusal(tags: readonly string[] | undefined): void {
  const reserved = (tags ?? []).find((t) => [SIGNAL_LOST_TAG, SIGNAL_BACK_TAG].includes(t.trim().toLowerCase()));
  if (reserved)
    throw new RoomError(
      'monitor_tag',
      `"${reserved}" is the monitor's own tag: it raises and closes the signal-lost alert. Describe what you see in the note instead, and acknowledge the alert if it is open.`,
    );
}
