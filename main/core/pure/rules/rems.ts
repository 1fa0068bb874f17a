import { clinicDateText, systemTimeZone, zonedClock } from '../clinic-time';
import { countText } from '../count-text';
import type { SessionState } from '../session/fold';
import { ROUTES } from '../timeline/routes';
import { cadssTotal, liveScores, liveVitals, type ScoreEntry, type VitalsEntry } from './evidence';
import { REMS_LABELS, type RemsAnswerField, type RemsFieldId } from '../discharge/rems-fields';

export type { RemsFieldId } from '../discharge/rems-fields';

const MIN = 60_000;
/** "~40 min after dosing": the reading nearest 40 minutes within this window counts. */
const BP40_WINDOW = { from: 25, to: 60 };

/** One piece of the record a field was read from (a BP reading, each MOAA/S and CADSS-6 of the session). */
export interface RemsEvidence {
  text: string;
  at: number;
  by: string;
  /** Written well after it happened: the record says so. */
  late: boolean;
  recordedAt: number;
}
export interface RemsField {
  id: RemsFieldId;
  /** The form's section: the printable page groups the fields by it. */
  section: RemsSection;
  label: string;
  value: string | null;
  /** Read from the session's record, answered on the form (by whom), or answered "not obtained" with a reason. */
  source: 'record' | 'answer' | 'not_obtained' | null;
  by?: string;
  /** For a field answered "not obtained": why. */
  reason?: string;
  /** What the value was read from. */
  evidence: RemsEvidence[];
  /** Some of the evidence was recorded late. */
  late: boolean;
  /** What to do when it is empty: a sentence. */
  missing: string | null;
  /** Asked on the form (the room shows an input for it). */
  asked: boolean;
}
export type RemsSection =
  | 'Concomitant medication'
  | 'Healthcare provider conducting patient monitoring'
  | 'Treatment session'
  | 'Monitoring of vital signs'
  | 'Monitoring of blood pressure'
  | 'Adverse events';
export interface RemsForm {
  fields: RemsField[];
  complete: boolean;
  missing: string[];
  /** The clinic's time zone the date and times are written in. */
  timeZone: string;
  /** The end of monitoring the form was read at. */
  endAt: number;
  endBpWithinMin: number;
}
export interface RemsOptions {
  /** The clinic's IANA time zone: the form's date and times. */
  timeZone: string;
  /** The end-of-monitoring BP counts only when taken this many minutes or fewer before the end. */
  endBpWithinMin: number;
}
export const DEFAULT_REMS_OPTIONS: RemsOptions = { timeZone: systemTimeZone(), endBpWithinMin: 15 };

/** The REMS monitoring form is for a Spravato session in which a dose was given: nothing given, nothing to monitor. */
export const remsApplies = (state: SessionState) => ROUTES[state.preset.id].rems && state.doses.length > 0;

/**
 * The SPRAVATO® REMS Patient Monitoring Form, field by field as the REMS's form asks: filled from the record where it
 * can be (the treatment date in the clinic's time zone, dose and lot, total minutes from the first device to the end
 * of monitoring, BP before administration, about 40 minutes after and before the end, sedation from every MOAA/S,
 * dissociation from every CADSS-6 and tag) and asked for the rest. Any field can be answered "not obtained" with a
 * reason. `endAt` is the end of monitoring: the discharge or departure, or now while the session is open; nothing
 * recorded after it counts.
 */
export function remsForm(state: SessionState, endAt: number, options: RemsOptions = DEFAULT_REMS_OPTIONS): RemsForm {
  const { timeZone, endBpWithinMin } = options;
  const clock = (t: number) => zonedClock(t, timeZone);
  const answers = state.discharge.rems;
  const notObtained = state.discharge.remsNotObtained ?? {};
  const first = state.doses[0];
  const lastDose = state.doses[state.doses.length - 1];
  const evidenceOf = (e: VitalsEntry | ScoreEntry, text: string): RemsEvidence => ({
    text,
    at: e.at,
    by: e.author,
    late: e.late,
    recordedAt: e.recordedAt,
  });
  const bpText = (e: VitalsEntry) =>
    `${e.payload.values.systolic}/${e.payload.values.diastolic} mmHg at ${clock(e.at)}`;

  // Readings taken after the end of monitoring (the patient had left) never count.
  const withBp = liveVitals(state).filter((e) => e.payload.values.systolic !== undefined && e.at <= endAt);
  const pre = first ? [...withBp].reverse().find((e) => e.at < first.at) : undefined;
  const near40 = lastDose
    ? withBp
        .filter((e) => e.at >= lastDose.at + BP40_WINDOW.from * MIN && e.at <= lastDose.at + BP40_WINDOW.to * MIN)
        .sort((a, b) => Math.abs(a.at - lastDose.at - 40 * MIN) - Math.abs(b.at - lastDose.at - 40 * MIN))[0]
    : undefined;
  // Before the end of monitoring: the latest reading after the dose within the window before the end.
  const end = lastDose
    ? [...withBp].reverse().find((e) => e.at >= lastDose.at && e.at >= endAt - endBpWithinMin * MIN && e !== near40)
    : undefined;

  const afterDose = first ? liveScores(state).filter((e) => e.at >= first.at && e.at <= endAt) : [];
  const moaas = afterDose.flatMap((e) =>
    e.payload.content.scale === 'moaas' ? [{ e, score: e.payload.content.score }] : [],
  );
  const cadss = afterDose.flatMap((e) => {
    const total = cadssTotal(e);
    return total === null ? [] : [{ e, total }];
  });
  const tagged = state.entries.filter(
    (e) =>
      e.kind === 'observation' &&
      !e.struck &&
      !e.correctedBy &&
      e.at <= endAt &&
      e.payload.tags.some((t) => /dissociat/i.test(t)),
  );
  const sedationEvidence = moaas.map(({ e, score }) => evidenceOf(e, `MOAA/S ${score} at ${clock(e.at)}`));
  const dissociationEvidence = [
    ...cadss.map(({ e, total }) => evidenceOf(e, `CADSS-6 total ${total} at ${clock(e.at)}`)),
    ...tagged.map((e) => ({
      text: `Tagged "dissociation" at ${clock(e.at)}`,
      at: e.at,
      by: e.author,
      late: e.late,
      recordedAt: e.recordedAt,
    })),
  ].sort((a, b) => a.at - b.at);
  const allOf = (n: number) => (n === 1 ? 'the one score' : `all ${n} scores`);
  const lowest = moaas.length ? Math.min(...moaas.map((m) => m.score)) : null;
  const derivedSedation =
    lowest === null
      ? null
      : lowest < 5
        ? `yes (lowest MOAA/S ${lowest} in ${countText(moaas.length, 'score')})`
        : `no (MOAA/S 5 in ${allOf(moaas.length)})`;
  const highest = cadss.length ? Math.max(...cadss.map((c) => c.total)) : null;
  const derivedDissociation =
    (highest !== null && highest > 0) || tagged.length
      ? `yes (${highest !== null && highest > 0 ? `highest CADSS-6 total ${highest} in ${countText(cadss.length, 'score')}` : 'observed and tagged'})`
      : highest !== null
        ? `no (CADSS-6 total 0 in ${allOf(cadss.length)})`
        : null;

  const lotsMissing = state.doses.some((d) => !d.lot);
  const devices = state.doses.every((d) => d.device);
  const lots = [...new Set(state.doses.flatMap((d) => (d.lot ? [d.lot] : [])))];
  const doseText = !state.doses.length
    ? null
    : devices
      ? `${state.doses.reduce((sum, d) => sum + d.mg, 0)} mg: ${state.doses.map((d) => `device ${d.device!.n} of ${d.device!.of} at ${clock(d.at)}`).join(', ')}${lots.length ? `, lot ${lots.join(', ')}` : ''}`
      : `${state.doses.reduce((s, d) => s + d.mg, 0)} mg: ${state.doses.map((d) => `${d.mg} mg at ${clock(d.at)}${d.lot ? `, lot ${d.lot}` : ''}`).join('; ')}`;

  const field = (
    id: RemsFieldId,
    section: RemsSection,
    label: string,
    value: string | null,
    source: RemsField['source'],
    missing: string,
    asked: boolean,
    evidence: RemsEvidence[] = [],
    by?: string,
  ): RemsField => {
    const no = value === null || asked ? notObtained[id] : undefined;
    // An answer given on the form is newer than "not obtained" only when the fold kept it; a record value always stands.
    if (no && (value === null || source !== 'record')) {
      return {
        id,
        section,
        label,
        value: 'not obtained',
        source: 'not_obtained',
        by: no.by,
        reason: no.reason,
        evidence,
        late: evidence.some((x) => x.late),
        missing: null,
        asked,
      };
    }
    return {
      id,
      section,
      label,
      value,
      source: value === null ? null : source,
      ...(by ? { by } : {}),
      evidence,
      late: evidence.some((x) => x.late),
      missing: value === null ? missing : null,
      asked,
    };
  };
  const fromRecord = (
    id: RemsFieldId,
    section: RemsSection,
    label: string,
    value: string | null,
    missing: string,
    evidence: RemsEvidence[] = [],
  ) => field(id, section, label, value, 'record', missing, false, evidence);
  const asked = (
    id: RemsAnswerField,
    section: RemsSection,
    derived: string | null = null,
    evidence: RemsEvidence[] = [],
  ) => {
    const answer = answers[id];
    return answer
      ? field(id, section, REMS_LABELS[id], String(answer.value), 'answer', '', true, evidence, answer.by)
      : field(id, section, REMS_LABELS[id], derived, 'record', `answer "${REMS_LABELS[id]}"`, true, evidence);
  };
  const bpField = (id: RemsFieldId, label: string, e: VitalsEntry | undefined, missing: string) =>
    fromRecord(
      id,
      'Monitoring of blood pressure',
      label,
      e ? bpText(e) : null,
      missing,
      e ? [evidenceOf(e, bpText(e))] : [],
    );
  const mdy = (t: number) => clinicDateText(t, timeZone);

  const fields: RemsField[] = [
    asked('benzodiazepines', 'Concomitant medication'),
    asked('nonBenzodiazepineSleepAids', 'Concomitant medication'),
    asked('psychostimulants', 'Concomitant medication'),
    asked('maois', 'Concomitant medication'),
    asked('monitoringProvider', 'Healthcare provider conducting patient monitoring'),
    fromRecord('date', 'Treatment session', 'Treatment date', first ? mdy(first.at) : null, 'record the dose'),
    fromRecord('dose', 'Treatment session', 'Dose administered', doseText, 'record the dose'),
    ...(lotsMissing && state.doses.length ? [asked('lot', 'Treatment session')] : []),
    fromRecord(
      'totalMinutes',
      'Treatment session',
      'Total time in minutes, from the first device to the completion of monitoring',
      first ? String(Math.max(0, Math.round((endAt - first.at) / MIN))) : null,
      'record the dose',
    ),
    asked('readyToLeaveAfterMin', 'Treatment session'),
    asked('vitalsAcceptablePreDose', 'Monitoring of vital signs'),
    asked('vitalsAcceptableBeforeEnd', 'Monitoring of vital signs'),
    bpField('bpPre', 'BP prior to administration', pre, 'record a blood pressure before the dose'),
    bpField(
      'bp40',
      'BP 40 minutes post-administration',
      near40,
      'record a blood pressure about 40 minutes after the dose',
    ),
    bpField(
      'bpEnd',
      'BP prior to the completion of the treatment session',
      end,
      `record a blood pressure within ${endBpWithinMin} minutes before the end of monitoring`,
    ),
    asked('sedation', 'Adverse events', derivedSedation, sedationEvidence),
    asked('dissociation', 'Adverse events', derivedDissociation, dissociationEvidence),
    asked('respiratoryDepression', 'Adverse events'),
  ];
  const missing = fields.flatMap((f) => (f.missing ? [f.missing] : []));
  return { fields, complete: missing.length === 0, missing, timeZone, endAt, endBpWithinMin };
}
