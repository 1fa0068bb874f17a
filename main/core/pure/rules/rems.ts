import { systemTimeZone, zonedClock, zonedDate } from '../clinic-time';
import { countText } from '../count-text';
import type { SessionState } from '../session/fold';
import { ROUTES } from '../timeline/routes';
import { cadssTotal, liveScores, liveVitals, type ScoreEntry, type VitalsEntry } from './evidence';
import {
  EMPTY_TREATMENT_SETTING,
  REMS_JUDGEMENT_FIELDS,
  REMS_LABELS,
  settingAddressText,
  usDate,
  type RemsAnswerField,
  type RemsDerivedField,
  type RemsFieldId,
  type TreatmentSetting,
} from '../discharge/rems-fields';

export type { RemsFieldId } from '../discharge/rems-fields';

const MIN = 60_000;
/** "~40 min after dosing": the reading nearest 40 minutes within this window counts. */
const BP40_WINDOW = { from: 25, to: 60 };
/** Respiratory depression as the record shows it: SpO2 below 90 % or a respiratory rate below 10 after the dose. */
export const RESPIRATORY_DEPRESSION = { spo2Below: 90, respiratoryRateBelow: 10 } as const;

/** One piece of the record a field was read from (a BP reading, each MOAA/S and CADSS-6 of the session). */
export interface RemsEvidence {
  text: string;
  at: number;
  by: string;
  /** Written well after it happened: the record says so. */
  late: boolean;
  recordedAt: number;
  /** The event it was read from (a correction after the end of monitoring names it). */
  seq?: number;
}
/** A change made after the end of monitoring: shown beside the value the form was fixed with, never in its place. */
export interface RemsAddendum {
  /** When it was written, by whom (with their role), and why. */
  at: number;
  by: string;
  role: string | null;
  reason: string;
  /** What was done: "corrected", "struck", "answered again". */
  what: string;
  /** The field as the record now reads it. */
  value: string | null;
}
/** What the record answers for a field it can answer: the value, and what shows it ("sedation (MOAA/S 2 at 10:40)"). */
export interface RecordAnswer {
  value: string;
  shows: string;
}
export interface RemsField {
  id: RemsFieldId;
  /** The form's section: the printable page groups the fields by it. */
  section: RemsSection;
  label: string;
  value: string | null;
  /** Read from the session's record, the clinic's settings, answered on the form (by whom), or answered "not obtained" with a reason. */
  source: 'record' | 'settings' | 'answer' | 'not_obtained' | null;
  by?: string;
  /** For a field answered "not obtained": why. For an answer different from the record: the signed note saying why. */
  reason?: string;
  /** What the value was read from. */
  evidence: RemsEvidence[];
  /** Some of the evidence was recorded late. */
  late: boolean;
  /** What to do when it is empty (or when its answer contradicts the record): words after "Still missing: ". */
  missing: string | null;
  /** Asked on the form (the room shows an input for it). */
  asked: boolean;
  /** Which reading of the record the field uses, where the record could offer more than one (the 40-minute BP). */
  basis?: string;
  /** For a field the record can answer: what it answers, beside any answer given. */
  record?: RecordAnswer;
  /** On the fixed form: filled after the end of monitoring (by whom, when). */
  afterEnd?: { by: string; at: number };
  /** On the fixed form: changes made after the end of monitoring. */
  addenda: RemsAddendum[];
}
export type RemsSection =
  | 'Patient information'
  | 'Concomitant medication'
  | 'Healthcare provider conducting patient monitoring'
  | 'Healthcare setting information'
  | 'Treatment session'
  | 'Monitoring of vital signs'
  | 'Monitoring of blood pressure'
  | 'Pulse oximetry'
  | 'Adverse events';
export interface RemsFiling {
  seq: number;
  /** The date it was filed with the REMS, "YYYY-MM-DD". */
  filedOn: string;
  method: 'online' | 'fax';
  by: string;
  /** When the filing was recorded. */
  at: number;
}
export interface RemsForm {
  fields: RemsField[];
  complete: boolean;
  missing: string[];
  /** The clinic's time zone the date and times are written in. */
  timeZone: string;
  /** The end of monitoring the form was read at. */
  endAt: number;
  endBpWithinMin: number;
  /** Fixed at the end of monitoring (discharge, departure against advice, or close): later changes are addenda. */
  fixed: boolean;
  /** The treatment date, "YYYY-MM-DD" in the clinic's zone; null before the dose. */
  treatmentDate: string | null;
  /** The last day to file it (7 days after the treatment date), "YYYY-MM-DD". */
  dueDate: string | null;
  /** Each time it was marked filed with the REMS, oldest first. */
  filings: RemsFiling[];
}
export interface RemsReadiness {
  /** The first moment every discharge condition but the time (and the form itself) held. */
  at: number;
  evidence: RemsEvidence[];
}
/** What only the event log holds, read by rems-record.ts: the fold keeps the latest attestation of each item only. */
export interface RemsContext {
  readiness: RemsReadiness | null;
  /** Every dissociation attestation after the first dose, oldest first. */
  dissociationAttestations: {
    seq: number;
    at: number;
    recordedAt: number;
    by: string;
    answer: string;
    late: boolean;
  }[];
}
export interface RemsOptions {
  /** The clinic's IANA time zone: the form's date and times. */
  timeZone: string;
  /** The end-of-monitoring BP counts only when taken this many minutes or fewer before the end. */
  endBpWithinMin: number;
  /** The healthcare setting (the clinic's settings); absent: asked of the admin. */
  setting?: TreatmentSetting;
  /** What the event log adds (rems-record.ts); absent: the form reads the folded state alone. */
  context?: RemsContext;
}
export const DEFAULT_REMS_OPTIONS: RemsOptions = { timeZone: systemTimeZone(), endBpWithinMin: 15 };

/** The form's options from the room's settings. */
export const remsOptionsFrom = (s: {
  clinicTimeZone: string;
  remsEndBpWithinMin: number;
  remsSetting?: TreatmentSetting;
}): RemsOptions => ({
  timeZone: s.clinicTimeZone,
  endBpWithinMin: s.remsEndBpWithinMin,
  setting: s.remsSetting ?? EMPTY_TREATMENT_SETTING,
});

/** The REMS monitoring form is for a Spravato session in which a dose was given: nothing given, nothing to monitor. */
export const remsApplies = (state: SessionState) => ROUTES[state.preset.id].rems && state.doses.length > 0;

const isJudgement = (id: RemsAnswerField) => (REMS_JUDGEMENT_FIELDS as readonly string[]).includes(id);

/**
 * The sentence an answer different from the record gets: "The record shows sedation (MOAA/S 2 at 10:40): answer yes, or
 * have a clinician sign a note saying why not." (`lead` false: the same words after "Still missing: ".)
 */
export function contradictionSentence(id: RemsDerivedField, record: RecordAnswer, lead = true): string {
  const value = id === 'readyToLeaveAfterMin' ? `${record.value} minutes` : record.value;
  const how = isJudgement(id)
    ? `have a clinician sign a note saying why${record.value === 'no' ? '' : ' not'}`
    : 'give the reason for another answer';
  return `${lead ? 'The record shows' : `"${REMS_LABELS[id]}" is answered otherwise, while the record shows`} ${record.shows}: answer ${value}, or ${how}${lead ? '.' : ''}`;
}

/**
 * The SPRAVATO® REMS Patient Monitoring Form, field by field as the REMS's current form asks: filled from the record
 * where it can be and asked for the rest. The record answers the treatment date (in the clinic's time zone), dose and
 * lot, total minutes, BP before, about 40 minutes after and before the end, the pulse oximetry, sedation (every
 * MOAA/S), dissociation (every CADSS-6, tag and attestation), respiratory depression (SpO2 and respiratory rate), the
 * REMS enrolment (the day-of checklist) and, with the event log's context, when the patient was ready to leave. An
 * answer different from what the record shows counts only with a reason (for a judgement, the clinician's signed
 * note). Any field can be answered "not obtained" with a reason, where the record has no answer. `endAt` is the end of
 * monitoring: nothing recorded after it counts.
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
    seq: e.seq,
  });
  const bpText = (e: VitalsEntry) =>
    `${e.payload.values.systolic}/${e.payload.values.diastolic} mmHg at ${clock(e.at)}`;

  // Readings taken after the end of monitoring (the patient had left) never count.
  const vitals = liveVitals(state).filter((e) => e.at <= endAt);
  const withBp = vitals.filter((e) => e.payload.values.systolic !== undefined);
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

  // Sedation: every MOAA/S after the dose; any below 5 is sedation.
  const afterDose = first ? liveScores(state).filter((e) => e.at >= first.at && e.at <= endAt) : [];
  const moaas = afterDose.flatMap((e) =>
    e.payload.content.scale === 'moaas' ? [{ e, score: e.payload.content.score }] : [],
  );
  const sedationEvidence = moaas.map(({ e, score }) => evidenceOf(e, `MOAA/S ${score} at ${clock(e.at)}`));
  /** "all 3 scores", "the one score": how many scores a derived answer was read from, in words. */
  const allOf = (n: number) => (n === 1 ? 'the one score' : `all ${n} scores`);
  const lowest = moaas.length ? moaas.reduce((low, m) => (m.score < low.score ? m : low)) : null;
  const sedation: Derived = !lowest
    ? null
    : lowest.score < 5
      ? {
          value: 'yes',
          shows: `sedation (MOAA/S ${lowest.score} at ${clock(lowest.e.at)})`,
          text: `yes (lowest MOAA/S ${lowest.score} in ${countText(moaas.length, 'score')})`,
        }
      : {
          value: 'no',
          shows: `no sedation (MOAA/S 5 in ${allOf(moaas.length)})`,
          text: `no (MOAA/S 5 in ${allOf(moaas.length)})`,
        };

  // Dissociation: every CADSS-6 (a total above 0), every "dissociation" tag, every attestation but "resolved".
  const cadss = afterDose.flatMap((e) => {
    const total = cadssTotal(e);
    return total === null ? [] : [{ e, total }];
  });
  const tagged = first
    ? state.entries.filter(
        (e) =>
          e.kind === 'observation' &&
          !e.struck &&
          !e.correctedBy &&
          e.at >= first.at &&
          e.at <= endAt &&
          e.payload.tags.some((t) => /dissociat/i.test(t)),
      )
    : [];
  const attested = (options.context?.dissociationAttestations ?? latestAttestation(state)).filter(
    (a) => first && a.at >= first.at && a.at <= endAt,
  );
  const attestedSome = attested.filter((a) => a.answer !== 'resolved');
  const dissociationEvidence = [
    ...cadss.map(({ e, total }) => evidenceOf(e, `CADSS-6 total ${total} at ${clock(e.at)}`)),
    ...tagged.map((e) => ({
      text: `Tagged "dissociation" at ${clock(e.at)}`,
      at: e.at,
      by: e.author,
      late: e.late,
      recordedAt: e.recordedAt,
      seq: e.seq,
    })),
    ...attested.map((a) => ({
      text: `Dissociation attested "${a.answer}" at ${clock(a.at)}`,
      at: a.at,
      by: a.by,
      late: a.late,
      recordedAt: a.recordedAt,
      seq: a.seq,
    })),
  ].sort((a, b) => a.at - b.at);
  const highest = cadss.length ? cadss.reduce((high, c) => (c.total > high.total ? c : high)) : null;
  const dissociation: Derived =
    highest && highest.total > 0
      ? {
          value: 'yes',
          shows: `dissociation (CADSS-6 total ${highest.total} at ${clock(highest.e.at)})`,
          text: `yes (highest CADSS-6 total ${highest.total} in ${countText(cadss.length, 'score')})`,
        }
      : tagged.length
        ? {
            value: 'yes',
            shows: `dissociation ("dissociation" tagged at ${clock(tagged[0]!.at)})`,
            text: 'yes (observed and tagged)',
          }
        : attestedSome.length
          ? {
              value: 'yes',
              shows: `dissociation (attested "${attestedSome[0]!.answer}" at ${clock(attestedSome[0]!.at)})`,
              text: `yes (attested "${attestedSome[0]!.answer}")`,
            }
          : highest
            ? {
                value: 'no',
                shows: `no dissociation (CADSS-6 total 0 in ${allOf(cadss.length)})`,
                text: `no (CADSS-6 total 0 in ${allOf(cadss.length)})`,
              }
            : null;

  // Respiratory depression and the pulse oximetry: every SpO2 and respiratory rate after the dose.
  const afterDoseVitals = first ? vitals.filter((e) => e.at >= first.at) : [];
  const spo2 = afterDoseVitals.flatMap((e) =>
    e.payload.values.spo2 !== undefined ? [{ e, v: e.payload.values.spo2 }] : [],
  );
  const rr = afterDoseVitals.flatMap((e) =>
    e.payload.values.respiratoryRate !== undefined ? [{ e, v: e.payload.values.respiratoryRate }] : [],
  );
  const low = <T extends { v: number }>(list: T[]) => (list.length ? list.reduce((a, b) => (b.v < a.v ? b : a)) : null);
  const lowSpo2 = low(spo2);
  const lowRr = low(rr);
  const depressed = [
    ...spo2
      .filter((x) => x.v < RESPIRATORY_DEPRESSION.spo2Below)
      .map((x) => ({ x, text: `SpO2 ${x.v}% at ${clock(x.e.at)}` })),
    ...rr
      .filter((x) => x.v < RESPIRATORY_DEPRESSION.respiratoryRateBelow)
      .map((x) => ({ x, text: `respiratory rate ${x.v} at ${clock(x.e.at)}` })),
  ].sort((a, b) => a.x.e.at - b.x.e.at);
  const lows = [lowSpo2 && `lowest SpO2 ${lowSpo2.v}%`, lowRr && `lowest respiratory rate ${lowRr.v}`]
    .filter(Boolean)
    .join(', ');
  const respiratory: Derived = depressed.length
    ? {
        value: 'yes',
        shows: `respiratory depression (${depressed[0]!.text})`,
        text: `yes (${depressed.map((d) => d.text).join('; ')})`,
      }
    : lowSpo2 || lowRr
      ? { value: 'no', shows: `no respiratory depression (${lows})`, text: `no (${lows})` }
      : null;
  const respiratoryEvidence = depressed.length
    ? depressed.map(({ x, text }) => evidenceOf(x.e, text))
    : [
        lowSpo2 && evidenceOf(lowSpo2.e, `SpO2 ${lowSpo2.v}% at ${clock(lowSpo2.e.at)} (lowest of ${spo2.length})`),
        lowRr && evidenceOf(lowRr.e, `respiratory rate ${lowRr.v} at ${clock(lowRr.e.at)} (lowest of ${rr.length})`),
      ].filter((x): x is RemsEvidence => Boolean(x));
  const oximetryText = lowSpo2
    ? `lowest SpO2 ${lowSpo2.v}% at ${clock(lowSpo2.e.at)} (${spo2.length} ${spo2.length === 1 ? 'reading' : 'readings'}${spo2.length > 1 ? `, ${clock(spo2[0]!.e.at)} to ${clock(spo2[spo2.length - 1]!.e.at)}` : ''})`
    : null;

  // REMS enrolment: the day-of checklist asks it of every Spravato session before the dose.
  const enrolment = state.discharge.checklist.rems_enrolment;
  const enrolled: Derived =
    enrolment && enrolment.answer !== 'skipped'
      ? {
          value: enrolment.answer,
          shows: `${enrolment.answer === 'yes' ? 'the patient enrolled' : 'the patient not enrolled'} in the REMS (day-of checklist "${enrolment.answer}" by ${enrolment.by} at ${clock(enrolment.at)})`,
          text: enrolment.answer,
        }
      : null;
  const enrolledEvidence = enrolment
    ? [
        {
          text: `Day-of checklist: enrolled in the REMS "${enrolment.answer}" at ${clock(enrolment.at)}`,
          at: enrolment.at,
          by: enrolment.by,
          late: false,
          recordedAt: enrolment.at,
          seq: enrolment.seq,
        },
      ]
    : [];

  // Ready to leave without the 2-hour minimum: the first moment every other discharge condition held (rems-record.ts).
  const readiness =
    options.context?.readiness && first && options.context.readiness.at <= endAt ? options.context.readiness : null;
  const readyMin = readiness && first ? Math.max(0, Math.round((readiness.at - first.at) / MIN)) : null;
  const ready: Derived =
    readiness && readyMin !== null
      ? {
          value: String(readyMin),
          shows: `the patient ready to leave at ${readyMin} minutes (every other discharge condition held at ${clock(readiness.at)})`,
          text: `${readyMin} (every other discharge condition held at ${clock(readiness.at)})`,
        }
      : null;

  const lotsMissing = state.doses.some((d) => !d.lot);
  const devices = state.doses.every((d) => d.device);
  const lots = [...new Set(state.doses.flatMap((d) => (d.lot ? [d.lot] : [])))];
  const doseText = !state.doses.length
    ? null
    : devices
      ? `${state.doses.reduce((sum, d) => sum + d.mg, 0)} mg: ${state.doses.map((d) => `device ${d.device!.n} of ${d.device!.of} at ${clock(d.at)}`).join(', ')}${lots.length ? `, lot ${lots.join(', ')}` : ''}`
      : `${state.doses.reduce((s, d) => s + d.mg, 0)} mg: ${state.doses.map((d) => `${d.mg} mg at ${clock(d.at)}${d.lot ? `, lot ${d.lot}` : ''}`).join('; ')}`;

  const base = (id: RemsFieldId, section: RemsSection, label: string, asked: boolean, evidence: RemsEvidence[]) => ({
    id,
    section,
    label,
    asked,
    evidence,
    late: evidence.some((x) => x.late),
    addenda: [] as RemsAddendum[],
  });
  /** A field only the record (or the settings) fills; "not obtained" with a reason where it cannot. */
  const fromRecord = (
    id: RemsFieldId,
    section: RemsSection,
    label: string,
    value: string | null,
    missing: string,
    evidence: RemsEvidence[] = [],
    source: 'record' | 'settings' = 'record',
  ): RemsField => {
    const no = value === null ? notObtained[id] : undefined;
    if (no)
      return {
        ...base(id, section, label, false, evidence),
        value: 'not obtained',
        source: 'not_obtained',
        by: no.by,
        reason: no.reason,
        missing: null,
      };
    return {
      ...base(id, section, label, false, evidence),
      value,
      source: value === null ? null : source,
      missing: value === null ? missing : null,
    };
  };
  /** A field asked on the form; where the record answers it, the record's answer stands unless an answer with its reason differs. */
  const asked = (
    id: RemsAnswerField,
    section: RemsSection,
    derived: Derived = null,
    evidence: RemsEvidence[] = [],
  ): RemsField => {
    const label = REMS_LABELS[id];
    const answer = answers[id];
    const record = derived ? { record: { value: derived.value, shows: derived.shows } } : {};
    if (answer) {
      const differs = derived !== null && String(answer.value) !== derived.value;
      const reason = answer.reason;
      return {
        ...base(id, section, label, true, evidence),
        ...record,
        // Dates as the form writes them: MM/DD/YYYY.
        value: id === 'patientBirthDate' ? usDate(String(answer.value)) : String(answer.value),
        source: 'answer',
        by: answer.by,
        ...(reason ? { reason } : {}),
        missing: differs && !reason ? contradictionSentence(id as RemsDerivedField, derived, false) : null,
      };
    }
    const no = derived === null ? notObtained[id] : undefined;
    if (no)
      return {
        ...base(id, section, label, true, evidence),
        value: 'not obtained',
        source: 'not_obtained',
        by: no.by,
        reason: no.reason,
        missing: null,
      };
    if (derived)
      return {
        ...base(id, section, label, true, evidence),
        ...record,
        value: derived.text,
        source: 'record',
        missing: null,
      };
    return { ...base(id, section, label, true, evidence), value: null, source: null, missing: `answer "${label}"` };
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
  const treatmentDate = first ? zonedDate(first.at, timeZone) : null;
  const setting = options.setting ?? EMPTY_TREATMENT_SETTING;
  const settingsMissing = (what: string) =>
    `the treatment setting's ${what} (Admin, Settings: Exports and the REMS form)`;
  /** Read without the room's settings (the chair board): the setting is the room's to check, not counted missing here. */
  const settingField = (
    id: 'settingName' | 'settingAddress',
    label: string,
    value: string | null,
    what: string,
  ): RemsField =>
    options.setting === undefined && value === null
      ? { ...base(id, 'Healthcare setting information', label, false, []), value: null, source: null, missing: null }
      : fromRecord(id, 'Healthcare setting information', label, value, settingsMissing(what), [], 'settings');

  const fields: RemsField[] = [
    fromRecord(
      'patient',
      'Patient information',
      'Patient (the room keeps the reference; the name is written from the chart)',
      state.patientRef,
      'the patient reference',
    ),
    asked('patientBirthDate', 'Patient information'),
    asked('patientSex', 'Patient information'),
    asked('firstTreatment', 'Patient information'),
    asked('enrolledInRems', 'Patient information', enrolled, enrolledEvidence),
    asked('benzodiazepines', 'Concomitant medication'),
    asked('nonBenzodiazepineSleepAids', 'Concomitant medication'),
    asked('psychostimulants', 'Concomitant medication'),
    asked('maois', 'Concomitant medication'),
    asked('opioids', 'Concomitant medication'),
    asked('monitoringProvider', 'Healthcare provider conducting patient monitoring'),
    asked('monitoringProviderPhone', 'Healthcare provider conducting patient monitoring'),
    asked('monitoringProviderEmail', 'Healthcare provider conducting patient monitoring'),
    settingField('settingName', 'Healthcare setting name', setting.name.trim() || null, 'name'),
    settingField(
      'settingAddress',
      'Healthcare setting address',
      settingAddressText(setting),
      'address (street, city, state and ZIP)',
    ),
    fromRecord(
      'date',
      'Treatment session',
      'Treatment date',
      treatmentDate ? usDate(treatmentDate) : null,
      'record the dose',
    ),
    fromRecord('dose', 'Treatment session', 'Dose administered', doseText, 'record the dose'),
    ...(lotsMissing && state.doses.length ? [asked('lot', 'Treatment session')] : []),
    fromRecord(
      'totalMinutes',
      'Treatment session',
      'Total time in minutes, from the first device to the completion of monitoring',
      first ? String(Math.max(0, Math.round((endAt - first.at) / MIN))) : null,
      'record the dose',
    ),
    asked('readyToLeaveAfterMin', 'Treatment session', ready, readiness?.evidence ?? []),
    asked('vitalsAcceptablePreDose', 'Monitoring of vital signs'),
    asked('vitalsAcceptableBeforeEnd', 'Monitoring of vital signs'),
    bpField('bpPre', 'BP prior to administration', pre, 'record a blood pressure before the dose'),
    {
      ...bpField(
        'bp40',
        'BP 40 minutes post-administration',
        near40,
        'record a blood pressure about 40 minutes after the dose',
      ),
      // The due list's "Vitals 40 min after the last device" is the same rule: one reading, said which.
      ...(lastDose
        ? {
            basis: `the reading nearest 40 min after the last ${lastDose.device ? 'device' : 'dose'} (at ${clock(lastDose.at)}), from ${BP40_WINDOW.from} to ${BP40_WINDOW.to} min after it`,
          }
        : {}),
    },
    bpField(
      'bpEnd',
      'BP prior to the completion of the treatment session',
      end,
      `record a blood pressure within ${endBpWithinMin} minutes before the end of monitoring`,
    ),
    fromRecord(
      'pulseOximetry',
      'Pulse oximetry',
      'Pulse oximetry during monitoring',
      oximetryText,
      'record SpO2 (pulse oximetry) after the dose',
      lowSpo2 ? spo2.map((x) => evidenceOf(x.e, `SpO2 ${x.v}% at ${clock(x.e.at)}`)) : [],
    ),
    asked('sedation', 'Adverse events', sedation, sedationEvidence),
    asked('dissociation', 'Adverse events', dissociation, dissociationEvidence),
    asked('respiratoryDepression', 'Adverse events', respiratory, respiratoryEvidence),
    asked('seriousAdverseEvents', 'Adverse events'),
  ];
  const missing = fields.flatMap((f) => (f.missing ? [f.missing] : []));
  return {
    fields,
    complete: missing.length === 0,
    missing,
    timeZone,
    endAt,
    endBpWithinMin,
    fixed: false,
    treatmentDate,
    dueDate: null,
    filings: [],
  };
}

/** What the record answers for a field: the value compared with an answer, what shows it, and the words the form prints. */
type Derived = (RecordAnswer & { text: string }) | null;

/** Without the event log, the latest dissociation attestation is all the folded state keeps. */
function latestAttestation(state: SessionState): RemsContext['dissociationAttestations'] {
  const a = state.discharge.attestations.dissociation;
  return a ? [{ seq: a.seq, at: a.at, recordedAt: a.at, by: a.by, answer: a.answer, late: false }] : [];
}
