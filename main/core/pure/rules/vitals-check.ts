import { DOSING_LIMIT_BP, VITAL_SIGNS, VITALS_FIELDS, type AlertFlag, type VitalsValues } from '../observations/vitals';
import type { SessionState } from '../session/fold';
import { baselineValues, liveVitals, percent, withinFraction, type VitalsEntry } from './evidence';
import { afterLastDose, isRecent, staleText, tPlus, type EvidenceWindow } from './recent';

/** The signs the discharge reads, each from its own latest reading: blood pressure (both numbers), HR, SpO2, RR. */
/** Read together from the registry: the signs sharing an alert signal (systolic and diastolic: BP) are one reading. */
const SIGNS: {
  id: string;
  label: string;
  short: string;
  fields: (keyof VitalsValues)[];
  signal: AlertFlag['signal'];
  unit: string;
}[] = [...new Set(VITALS_FIELDS.map((f) => VITAL_SIGNS[f].signal))].map((signal) => {
  const fields = VITALS_FIELDS.filter((f) => VITAL_SIGNS[f].signal === signal);
  const one = VITAL_SIGNS[fields[0]!];
  return fields.length > 1
    ? { id: 'bp', label: 'BP', short: 'BP', fields, signal, unit: '' }
    : { id: fields[0]!, label: one.label, short: one.short, fields, signal, unit: one.unit === '%' ? '%' : '' };
});
const FIELD_LABELS = Object.fromEntries(
  VITALS_FIELDS.map((f) => [f, f === 'spo2' ? 'SpO2' : VITAL_SIGNS[f].label.replace(/ BP$/, '').toLowerCase()]),
) as Record<keyof VitalsValues, string>;

export interface SignAtDischarge {
  id: string;
  /** Its short name on the condition's one line: BP, HR, SpO2, RR. */
  short: string;
  /** Its latest value alone ("185/112", "98%"), or null without a reading. */
  value: string | null;
  /** Where it stands at discharge: no reading after the dose, too old, past an urgent or a warning threshold or the baseline, or fine. */
  standing: 'none' | 'stale' | 'urgent' | 'out' | 'ok';
  /** The latest live reading of this sign after the last dose. */
  entry: VitalsEntry | null;
  text: string | null;
  recent: boolean;
  /** The alert the reading raised, when it is outside the clinic's thresholds. */
  flag: AlertFlag | null;
  /** Each value against its baseline, where the baseline has it. */
  changes: { field: keyof VitalsValues; value: number; baseline: number; change: number }[];
}
export interface VitalsAtDischarge {
  signs: SignAtDischarge[];
  /** Missing or stale: measure again (a clinician's note cannot stand in for a reading). */
  toMeasure: string[];
  /**
   * Past a warning threshold, BP or heart rate more than 20% from baseline, or BP above the higher of the dosing limit and
   * the pre-dose value: a clinician may document why discharge is safe.
   */
  outOfRange: string[];
  /** Past an urgent threshold: no exception covers it; it must resolve (a new reading inside the threshold). */
  pastUrgent: string[];
  /** No pre-dose blood pressure or heart rate to compare with. */
  noBaseline: boolean;
  /** The time of the newest reading counted. */
  latestAt: number | null;

  /** The largest change from baseline of blood pressure and heart rate among the recent readings, as a fraction (for PADSS). */
  maxChange: number | null;
}

const valueText = (id: string, v: VitalsValues, unit: string) =>
  id === 'bp' ? `${v.systolic}/${v.diastolic}` : `${v[id as keyof VitalsValues]}${unit}`;

/** " (corrected from 186/112 by Dr Kim: misread)": a corrected reading says what it was, who changed it and why. */
function correctionText(
  state: SessionState,
  entry: VitalsEntry,
  sign: { id: string; fields: (keyof VitalsValues)[]; unit: string },
): string {
  if (entry.corrects === undefined) return '';
  const original = state.entries.find((e) => e.seq === entry.corrects);
  if (!original || original.kind !== 'vitals' || !original.correctedBy) return '';
  const was = original.payload.values;
  if (sign.fields.every((f) => was[f] === entry.payload.values[f])) return '';
  const wasText = sign.fields.every((f) => was[f] !== undefined) ? valueText(sign.id, was, sign.unit) : 'not measured';
  return ` (corrected from ${wasText} by ${original.correctedBy.by}: ${original.correctedBy.reason})`;
}

/** The blood pressure limit at discharge: a dosing limit, the clinic's own (thresholds.preDoseBp) or the shipped one. */
export interface BpLimit {
  systolic: number;
  diastolic: number;
}

/**
 * Vitals at discharge: every sign's latest reading counts, so a later partial set never hides an earlier abnormal value.
 * Each sign must be recent and inside the alert thresholds the room applied when it was recorded; blood pressure and
 * heart rate within 20% of the pre-dose baseline (as PADSS and Aldrete judge them; SpO2 and respiratory rate by their
 * thresholds alone); and blood pressure at or below the higher of the dosing limit and the patient's own pre-dose value.
 * A value past an urgent threshold is kept apart: no clinician's exception covers it.
 */
export function vitalsAtDischarge(
  state: SessionState,
  w: EvidenceWindow | null,
  dosingLimit: BpLimit = DOSING_LIMIT_BP,
): VitalsAtDischarge {
  const baseline = baselineValues(state);
  const after = w ? liveVitals(state).filter((e) => afterLastDose(w, e.at)) : [];
  const toMeasure: string[] = [];
  const outOfRange: string[] = [];
  const pastUrgent: string[] = [];
  const signs = SIGNS.map((sign): SignAtDischarge => {
    const entry = [...after].reverse().find((e) => sign.fields.every((f) => e.payload.values[f] !== undefined)) ?? null;
    if (!entry || !w) {
      toMeasure.push(`a ${sign.id === 'bp' ? 'blood pressure' : FIELD_LABELS[sign.fields[0]!]} after the last dose`);
      return {
        id: sign.id,
        short: sign.short,
        value: null,
        standing: 'none',
        entry: null,
        text: null,
        recent: false,
        flag: null,
        changes: [],
      };
    }
    const text = `${sign.label} ${valueText(sign.id, entry.payload.values, sign.unit)}${correctionText(state, entry, sign)}`;
    const recent = isRecent(w, entry.at);
    const flag = entry.payload.alerts.find((a) => a.signal === sign.signal) ?? null;
    const changes = sign.fields.flatMap((field) => {
      const b = baseline[field];
      const value = entry.payload.values[field]!;
      return b === undefined ? [] : [{ field, value, baseline: b, change: (value - b) / b }];
    });
    const when = `at ${tPlus(w, entry.at)}`;
    const value = valueText(sign.id, entry.payload.values, sign.unit);
    let standing: SignAtDischarge['standing'] = 'ok';
    if (!recent) {
      standing = 'stale';
      toMeasure.push(staleText(w, flag ? `${text} (outside the alert thresholds)` : text, entry.at, 'measure again'));
    } else if (flag?.level === 'urgent') {
      standing = 'urgent';
      pastUrgent.push(`${flagText(flag)} ${when} (urgent threshold)`);
    } else if (flag) {
      standing = 'out';
      outOfRange.push(`${flagText(flag)} ${when} (warning threshold)`);
    } else {
      const far = changes.filter((c) => VITAL_SIGNS[c.field].againstBaseline && !withinFraction(c.change));
      if (far.length) standing = 'out';
      if (far.length)
        outOfRange.push(
          `${far.map((c) => `${FIELD_LABELS[c.field]} ${c.value} vs baseline ${c.baseline} (${percent(c.change)})`).join(', ')} ${when}: more than 20% from baseline`,
        );
      if (sign.id === 'bp') {
        const above = bpAboveCeiling(entry.payload.values, baseline, dosingLimit);
        if (above) standing = 'out';
        if (above) outOfRange.push(`BP ${valueText('bp', entry.payload.values, '')} ${when}: ${above}`);
      }
    }
    return { id: sign.id, short: sign.short, value, standing, entry, text, recent, flag, changes };
  });
  const noBaseline = baseline.systolic === undefined && baseline.heartRate === undefined;
  if (noBaseline) outOfRange.push('a baseline set before the dose to compare with');
  const counted = signs.filter((s) => s.entry && s.recent);
  const changes = counted.flatMap((s) =>
    s.changes.filter((c) => VITAL_SIGNS[c.field].againstBaseline).map((c) => Math.abs(c.change)),
  );
  return {
    signs,
    toMeasure,
    outOfRange,
    pastUrgent,
    noBaseline,
    latestAt: signs.reduce<number | null>((t, s) => (s.entry && (t === null || s.entry.at > t) ? s.entry.at : t), null),
    maxChange: changes.length ? Math.max(...changes) : null,
  };
}

/** "SpO2 87% is below 90%": the alert's words, without what to do next. */
const flagText = (flag: AlertFlag) => flag.message.replace(/:.*$/, '').replace(/\.$/, '');

/**
 * Why a blood pressure is above what discharge allows: the higher of the dosing limit and the pre-dose value, number by
 * number (a patient whose own pre-dose BP was 150/95 may leave at 150/95, not at 176/106); null when it is at or below.
 */
export function bpAboveCeiling(v: VitalsValues, baseline: VitalsValues, limit: BpLimit): string | null {
  if (v.systolic === undefined || v.diastolic === undefined) return null;
  const ceiling = {
    systolic: Math.max(limit.systolic, baseline.systolic ?? 0),
    diastolic: Math.max(limit.diastolic, baseline.diastolic ?? 0),
  };
  if (v.systolic <= ceiling.systolic && v.diastolic <= ceiling.diastolic) return null;
  const limitText = `${limit.systolic}/${limit.diastolic}`;
  const pre =
    baseline.systolic !== undefined && baseline.diastolic !== undefined
      ? `${baseline.systolic}/${baseline.diastolic}`
      : null;
  const ownHigher = pre !== null && (ceiling.systolic > limit.systolic || ceiling.diastolic > limit.diastolic);
  return ownHigher
    ? `above ${ceiling.systolic}/${ceiling.diastolic}, the higher of the dosing limit (${limitText}) and the pre-dose BP (${pre})`
    : `above the dosing limit ${limitText}${pre ? ` (the pre-dose BP was ${pre})` : ''}`;
}

/**
 * Whether a reading after the dose, were it the latest of its signs, would hold the discharge beyond its own alerts:
 * blood pressure or heart rate more than 20% from the pre-dose value, or blood pressure above the higher of the dosing
 * limit and the pre-dose value. (SpO2 and respiratory rate hold it only through their alert thresholds.)
 */
export function holdsDischargeAgainstBaseline(
  values: VitalsValues,
  baseline: VitalsValues,
  dosingLimit: BpLimit = DOSING_LIMIT_BP,
): boolean {
  const far = VITALS_FIELDS.some((f) => {
    const b = baseline[f];
    const v = values[f];
    return VITAL_SIGNS[f].againstBaseline && b !== undefined && v !== undefined && !withinFraction((v - b) / b);
  });
  return far || bpAboveCeiling(values, baseline, dosingLimit) !== null;
}
