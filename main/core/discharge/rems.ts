import type { SessionState } from '../session/fold';
import { clockText } from '../time-text';
import { cadssTotal, liveScores, liveVitals, type VitalsEntry } from './evidence';
import { REMS_LABELS, type RemsAnswerField } from './rems-fields';

const MIN = 60_000;
/** "~40 min after dosing": the reading nearest 40 minutes within this window counts. */
const BP40_WINDOW = { from: 25, to: 60 };

export type RemsFieldId = 'date' | 'dose' | 'totalMinutes' | 'bpPre' | 'bp40' | 'bpEnd' | RemsAnswerField;
export interface RemsField {
  id: RemsFieldId;
  label: string;
  value: string | null;
  /** Read from the session's record, or answered on the form (by whom). */
  source: 'record' | 'answer' | null;
  by?: string;
  /** What to do when it is empty: a sentence. */
  missing: string | null;
  /** Asked on the form (the room shows an input for it). */
  asked: boolean;
}
export interface RemsForm {
  fields: RemsField[];
  complete: boolean;
  missing: string[];
}

/** The REMS monitoring form is for a Spravato session in which a dose was given: nothing given, nothing to monitor. */
export const remsApplies = (state: SessionState) => state.preset.id === 'spravato' && state.doses.length > 0;

const bp = (e: VitalsEntry) => `${e.payload.values.systolic}/${e.payload.values.diastolic} at ${clockOf(e.at)}`;
const clockOf = clockText;

/**
 * The Spravato REMS Patient Monitoring Form (CLINICAL.md section 2): filled from the record where it can be
 * (date, dose and lot, total minutes from the first device to the end of monitoring, BP before, at ~40 min and
 * at the end, sedation from MOAA/S, dissociation from CADSS-6 and tags) and asked for the rest. `endAt` is the
 * end of monitoring: the discharge or departure time, or now while the session is open.
 */
export function remsForm(state: SessionState, endAt: number): RemsForm {
  const answers = state.discharge.rems;
  const first = state.doses[0];
  const lastDose = state.doses[state.doses.length - 1];
  const withBp = liveVitals(state).filter((e) => e.payload.values.systolic !== undefined);
  const pre = first ? [...withBp].reverse().find((e) => e.at < first.at) : undefined;
  const near40 = lastDose
    ? withBp
        .filter((e) => e.at >= lastDose.at + BP40_WINDOW.from * MIN && e.at <= lastDose.at + BP40_WINDOW.to * MIN)
        .sort((a, b) => Math.abs(a.at - lastDose.at - 40 * MIN) - Math.abs(b.at - lastDose.at - 40 * MIN))[0]
    : undefined;
  const lastBp = withBp[withBp.length - 1];
  const end = lastBp && near40 && lastBp.at > near40.at ? lastBp : undefined;

  const afterDose = first ? liveScores(state).filter((e) => e.at >= first.at) : [];
  const moaas = afterDose.flatMap((e) => (e.payload.content.scale === 'moaas' ? [e.payload.content.score] : []));
  const cadss = afterDose.flatMap((e) => {
    const total = cadssTotal(e);
    return total === null ? [] : [total];
  });
  const dissociationTagged = state.entries.some((e) => e.kind === 'observation' && !e.struck && !e.correctedBy && e.payload.tags.some((t) => /dissociat/i.test(t)));
  const derivedSedation = moaas.length === 0 ? null : moaas.some((s) => s < 5) ? `yes (lowest MOAA/S ${Math.min(...moaas)})` : 'no (MOAA/S 5 throughout)';
  const derivedDissociation =
    cadss.some((t) => t > 0) || dissociationTagged
      ? `yes (${cadss.length ? `highest CADSS-6 total ${Math.max(...cadss)}` : 'observed and tagged'})`
      : cadss.length
        ? 'no (CADSS-6 total 0)'
        : null;

  const lotsMissing = state.doses.some((d) => !d.lot);
  const devices = state.doses.every((d) => d.device);
  const lots = [...new Set(state.doses.flatMap((d) => (d.lot ? [d.lot] : [])))];
  const doseText = !state.doses.length
    ? null
    : devices
      ? `${state.doses.reduce((sum, d) => sum + d.mg, 0)} mg: ${state.doses.map((d) => `device ${d.device!.n} of ${d.device!.of} at ${clockOf(d.at)}`).join(', ')}${lots.length ? `, lot ${lots.join(', ')}` : ''}`
      : state.doses.map((d) => `${d.mg} mg at ${clockOf(d.at)}${d.lot ? `, lot ${d.lot}` : ''}`).join('; ');

  const fromRecord = (id: RemsFieldId, label: string, value: string | null, missing: string): RemsField => ({
    id,
    label,
    value,
    source: value === null ? null : 'record',
    missing: value === null ? missing : null,
    asked: false,
  });
  const asked = (id: RemsAnswerField, derived: string | null = null): RemsField => {
    const answer = answers[id];
    const value = answer ? String(answer.value) : derived;
    return {
      id,
      label: REMS_LABELS[id],
      value,
      source: answer ? 'answer' : derived === null ? null : 'record',
      ...(answer ? { by: answer.by } : {}),
      missing: value === null ? `answer "${REMS_LABELS[id]}"` : null,
      asked: true,
    };
  };

  const fields: RemsField[] = [
    fromRecord('date', 'Date', first ? new Date(first.at).toISOString().slice(0, 10) : null, 'record the dose'),
    fromRecord('dose', 'Dose and lot', doseText, 'record the dose'),
    ...(lotsMissing && state.doses.length ? [asked('lot')] : []),
    asked('monitoringProvider'),
    asked('benzodiazepines'),
    asked('nonBenzodiazepineSleepAids'),
    asked('psychostimulants'),
    asked('maois'),
    fromRecord(
      'totalMinutes',
      'Total minutes from the first device to the end of monitoring',
      first ? String(Math.max(0, Math.round((endAt - first.at) / MIN))) : null,
      'record the dose',
    ),
    asked('readyToLeaveAfterMin'),
    asked('vitalsAcceptablePreDose'),
    asked('vitalsAcceptableBeforeEnd'),
    fromRecord('bpPre', 'BP before dosing', pre ? bp(pre) : null, 'record a blood pressure before the dose'),
    fromRecord('bp40', 'BP about 40 minutes after dosing', near40 ? bp(near40) : null, 'record a blood pressure about 40 minutes after the dose'),
    fromRecord('bpEnd', 'BP before the end of monitoring', end ? bp(end) : null, 'record a blood pressure before the session ends'),
    asked('sedation', derivedSedation),
    asked('dissociation', derivedDissociation),
    asked('respiratoryDepression'),
  ];
  const missing = fields.flatMap((f) => (f.missing ? [f.missing] : []));
  return { fields, complete: missing.length === 0, missing };
}

