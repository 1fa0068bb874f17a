import { RoomError } from '../pure/errors';
import type { Handlers, RoomApi } from '../room-api';
import type { NewEvent } from '../session/events';
import type { SessionState } from '../pure/session/fold';
import { checklistFor, CHECKLIST_LABELS } from '../pure/discharge/checklist';
import { dischargeGate, notReadySentence } from '../pure/rules/gate';
import { remsApplies, remsForm } from '../pure/rules/rems';
import { remsRecord, withRemsContext } from '../pure/rules/rems-record';
import { remsAnswerProblem } from '../pure/rules/rems-answers';
import { ROUTES } from '../pure/timeline/routes';
import { REMS_JUDGEMENT_FIELDS, REMS_LABELS, type RemsAnswerField } from '../pure/discharge/rems-fields';
import { escortProblem } from '../pure/discharge/escort';
import { presetRules } from '../pure/discharge/rules';
import { DOSING_LIMIT_BP } from '../pure/observations/vitals';
import { followUpDueEvent } from '../care/handlers';
import { baselineBpYesRefusal } from '../pure/rules/dose-rules';

import type { Outcome } from '../pure/discharge/state';

type DischargeMethods =
  | 'answerChecklist'
  | 'recordDriver'
  | 'confirmDriver'
  | 'attest'
  | 'answerRems'
  | 'discharge'
  | 'recordLeftAgainstAdvice'
  | 'closeSession';

/** The day-of checklist, the discharge gate, leaving against advice and closing the session. */
export function dischargeHandlers(room: RoomApi): Pick<Handlers, DischargeMethods> {
  const now = () => room.clock.now();
  // The gate judges blood pressure at discharge against the clinic's own dosing limit (its thresholds' pre-dose BP).
  const remsOptions = () => {
    const settings = room.settings.get();
    return {
      timeZone: settings.clinicTimeZone,
      endBpWithinMin: settings.remsEndBpWithinMin,
      setting: settings.remsSetting,
      dosingLimit: settings.thresholds.preDoseBp ?? DOSING_LIMIT_BP,
    };
  };
  /** The gate's options with what only the session's event log holds (the REMS form's "ready to leave", every attestation). */
  const gateOptions = (sessionId: string) => withRemsContext(room.sessions.events(sessionId), remsOptions());
  /** The healthcare setting kept with the end of monitoring, so the REMS form keeps naming it when the settings change. */
  const remsSettingAtEnd = (state: SessionState) =>
    remsApplies(state) ? { remsSetting: room.settings.get().remsSetting } : {};
  /** The escort is a known adult: a taxi or rideshare alone is refused with its sentence. */
  const knownAdult = (escort: { name: string; relationship?: string | undefined }) => {
    const problem = escortProblem(escort);
    if (problem) throw new RoomError('escort_not_known_adult', problem);
  };
  const dosed = (state: SessionState, what: string) => {
    if (!state.doses[0]) throw new RoomError('not_dosed', `Record the dose first: ${what} comes after it.`);
  };
  const ended = (state: SessionState) => {
    if (state.discharge.discharged)
      throw new RoomError(
        'already_discharged',
        `The patient was already discharged by ${state.discharge.discharged.by}.`,
      );
    if (state.discharge.leftAgainstAdvice)
      throw new RoomError(
        'already_left',
        `The patient's departure against advice is already recorded by ${state.discharge.leftAgainstAdvice.by}.`,
      );
  };
  /** The closing event, and the history row, land in the same transaction as the outcome. */
  const closing = (sessionId: string, outcome: Outcome, author: string, at: number, reason?: string) => ({
    event: {
      kind: 'session_closed',
      occurredAt: at,
      author,
      payload: { outcome, ...(reason ? { reason } : {}) },
    } satisfies NewEvent<'session_closed'>,
    mark: () => room.sessions.markClosed(sessionId, at, outcome),
  });

  return {
    answerChecklist: ({ sessionId, author: typed, item, answer, reason }) => {
      const { author, authorRole } = room.recordingAuthor(typed);
      const state = room.state(sessionId);
      if (!checklistFor(state.preset).includes(item)) {
        throw new RoomError('not_on_checklist', `"${CHECKLIST_LABELS[item]}" is not on this route's checklist.`);
      }
      if (item === 'baseline_bp' && answer === 'yes') {
        const settings = room.settings.get();
        const limit = settings.thresholds.preDoseBp ?? DOSING_LIMIT_BP;
        const refusal = baselineBpYesRefusal(state, limit, settings.clinicTimeZone);
        if (refusal) throw new RoomError('baseline_bp_contradicted', refusal);
      }
      return room.record(sessionId, {
        kind: 'checklist_answer',
        occurredAt: now(),
        author,
        ...(authorRole ? { authorRole } : {}),
        payload: { item, answer, ...(reason ? { reason } : {}) },
      });
    },

    recordDriver: ({ sessionId, author, name, relationship, phone }) => {
      room.state(sessionId);
      knownAdult({ name, relationship });
      return room.record(sessionId, {
        kind: 'driver_details',
        occurredAt: now(),
        ...room.recordingAuthor(author),
        payload: { name, phone, ...(relationship ? { relationship } : {}) },
      });
    },

    confirmDriver: ({ sessionId, author, name, relationship, phone, presence }) => {
      const state = room.state(sessionId);
      knownAdult({ name, relationship });
      // Waiting nearby, reached by phone, is the clinic's choice in the route preset; otherwise the escort is seen in person.
      if (presence === 'waiting_reachable' && presetRules(state.preset).escortRule !== 'waiting_reachable') {
        throw new RoomError(
          'escort_in_person',
          "This route's preset asks for the escort in person at discharge: confirm them when they are here. (A clinic that lets the escort wait nearby, reachable by phone, while staff walk the patient to the car chooses that under Admin, Route presets.)",
        );
      }
      return room.record(sessionId, {
        kind: 'driver_confirmed',
        occurredAt: now(),
        ...room.recordingAuthor(author),
        payload: { name, relationship, phone, ...(presence ? { presence } : {}) },
      });
    },

    attest: async (args) => {
      const { sessionId, item, answer, note } = args;
      dosed(room.state(sessionId), 'discharge readiness');
      // The exception stands in for vitals in range: it is a clinician's judgement, signed, as the gate names it.
      const signature =
        item === 'vitals_exception'
          ? await room.sign(
              args,
              'vitalsException',
              `documented why discharge is safe with vitals out of range: ${note ?? answer}`,
              'The exception for vitals out of range',
            )
          : null;
      const by = signature ? { author: signature.name, authorRole: signature.role } : room.recordingAuthor(args.author);
      return room.record(sessionId, {
        kind: 'attestation',
        occurredAt: now(),
        ...by,
        payload: { item, answer, ...(note ? { note } : {}), ...(signature ? { signature } : {}) },
      });
    },

    answerRems: async (args) => {
      const { sessionId, answers } = args;
      const current = room.state(sessionId);
      if (!ROUTES[current.preset.id].rems)
        throw new RoomError('not_spravato', 'The REMS monitoring form is for Spravato sessions only.');
      if (current.discharge.closed && !remsApplies(current))
        throw new RoomError(
          'no_rems_form',
          'This session closed with no dose given: there is no REMS monitoring form for it.',
        );
      // Answers never contradict the record, and the form is fixed at the end of monitoring: said before any PIN is asked for.
      const refuse = () => {
        const problem = remsAnswerProblem(room.sessions.events(sessionId), answers, now(), remsOptions());
        if (problem) throw new RoomError(problem.code, problem.message);
      };
      refuse();
      // The form's clinical questions are the clinician's judgement: answered with their signature; the rest by whoever records.
      const judged = REMS_JUDGEMENT_FIELDS.filter((f) => answers[f] !== undefined);
      const signature = judged.length
        ? await room.sign(
            args,
            'remsJudgement',
            `answered on the REMS form: ${judged.map((f) => `${REMS_LABELS[f]} ${String(answers[f])}`).join('; ')}`,
            `"${REMS_LABELS[judged[0]!]}"`,
          )
        : null;
      const by = signature ? { author: signature.name, authorRole: signature.role } : room.recordingAuthor(args.author);
      const state = room.state(sessionId);
      refuse();
      // "Not obtained" is for a question nobody answered: it never erases an answer (a clinician's "no" included).
      for (const { field } of answers.notObtained ?? []) {
        const given = state.discharge.rems[field as RemsAnswerField];
        if (given) {
          throw new RoomError(
            'rems_answered',
            `"${REMS_LABELS[field as RemsAnswerField]}" is answered "${given.value}" by ${given.by}: answer it again to change it. "Not obtained" is for a question with no answer.`,
          );
        }
      }
      return room.record(sessionId, {
        kind: 'rems_answers',
        occurredAt: now(),
        ...by,
        payload: { answers, ...(signature ? { signature } : {}) },
      });
    },

    discharge: async (args) => {
      const { sessionId } = args;
      // What still holds the discharge is said before any PIN is asked for.
      const before = room.state(sessionId);
      ended(before);
      const waiting = dischargeGate(before, now(), args.signer, gateOptions(sessionId));
      if (!waiting.ready) throw new RoomError('discharge_not_ready', notReadySentence(waiting));
      const signature = await room.sign(
        args,
        'discharge',
        'discharged the patient: every discharge condition met',
        'Discharge',
      );
      const clinician = signature.name;
      const state = room.state(sessionId);
      ended(state);
      const at = now();
      const gate = dischargeGate(state, at, clinician, gateOptions(sessionId));
      if (!gate.ready) throw new RoomError('discharge_not_ready', notReadySentence(gate));
      const close = closing(sessionId, 'discharged', clinician, at);
      const discharged: NewEvent<'discharged'> = {
        kind: 'discharged',
        occurredAt: at,
        author: clinician,
        authorRole: signature.role,
        payload: {
          padss: gate.padss.total,
          conditions: gate.conditions.map((c) => ({ label: c.label, evidence: c.evidence })),
          ...remsSettingAtEnd(state),
          signature,
        },
      };
      // The next-day follow-up call is due from the discharge on: written with it.
      return room.recordAll(sessionId, [discharged, followUpDueEvent(room, at), close.event], close.mark);
    },

    recordLeftAgainstAdvice: async (args) => {
      const { sessionId, reason, actions, note } = args;
      ended(room.state(sessionId));
      const signature = await room.sign(
        args,
        'recordLeftAgainstAdvice',
        `recorded that the patient left against advice: ${reason}`,
        'A departure against advice',
      );
      const author = signature.name;
      const state = room.state(sessionId);
      ended(state);
      const at = now();
      // The record keeps which conditions were unmet when the patient left, with their evidence, as the gate saw them then.
      // (The screen's one-line summary is not part of the record.)
      const gateAtDeparture = dischargeGate(state, at, author, gateOptions(sessionId))
        .conditions.filter((c) => c.id !== 'clinician')
        .map(({ id, label, met, evidence, missing }) => ({ id, label, met, evidence, missing }));
      const left: NewEvent<'left_against_advice'> = {
        kind: 'left_against_advice',
        occurredAt: at,
        author,
        authorRole: signature.role,
        payload: { reason, actions, ...(note ? { note } : {}), ...remsSettingAtEnd(state), gateAtDeparture, signature },
      };
      // A Spravato session stays open after the patient leaves until its REMS form is complete.
      if (
        remsApplies(state) &&
        !remsForm(state, at, { ...gateOptions(sessionId), setting: room.settings.get().remsSetting }).complete
      )
        return room.recordAll(sessionId, [left]);
      const close = closing(sessionId, 'left_against_advice', author, at);
      return room.recordAll(sessionId, [left, close.event], close.mark);
    },

    closeSession: ({ sessionId, author: typed, reason }) => {
      const { author } = room.recordingAuthor(typed);
      const state = room.state(sessionId);
      const left = state.discharge.leftAgainstAdvice;
      if (state.discharge.closed) throw new RoomError('already_closed', 'This session is already closed.');
      // No dose given (withheld, or the patient did not go ahead): the session closes with its reason, and the
      // room is free for the next one. Nothing was given, so there is no REMS monitoring form to fill.
      if (!state.doses[0] && !left && !state.discharge.discharged) {
        const why = reason?.trim();
        if (!why)
          throw new RoomError(
            'no_dose_reason',
            'Say why the session closes without a dose (for example "BP above 140/90: dose withheld").',
          );
        const close = closing(sessionId, 'no_dose', author, now(), why);
        return room.recordAll(sessionId, [close.event], close.mark);
      }
      if (!left)
        throw new RoomError(
          'not_ended',
          'A dose was given: discharge the patient, or record that they left against advice, before closing the session.',
        );
      if (remsApplies(state)) {
        // The form as filed: fixed when the patient left, with what was answered since.
        const form = remsRecord(room.sessions.events(sessionId), now(), remsOptions())!;
        if (!form.complete)
          throw new RoomError(
            'rems_incomplete',
            `The session cannot close until the REMS monitoring form is complete. Still missing: ${form.missing.join(', ')}.`,
          );
      }
      const close = closing(sessionId, 'left_against_advice', author, now());
      return room.recordAll(sessionId, [close.event], close.mark);
    },
  };
}
