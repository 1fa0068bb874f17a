import { VITAL_SIGNS, VITALS_FIELDS, type AlertFlag, type VitalsValues } from '../observations/vitals';
import type { SessionState } from '../session/fold';
import { baselineValues, liveVitals, percent, withinFraction, type VitalsEntry } from './evidence';
import { afterLastDose, isRecent, staleText, tPlus, type EvidenceWindow } from './recent';

/** The signs the discharge reads, each from its own latest reading: blood pressure (both numbers), HR, SpO2, RR. */
/** Read together from the registry: the signs sharing an alert signal (systolic and diastolic: BP) are one reading. */
const SIGNS: { id: string; label: string; fields: (keyof VitalsValues)[]; signal: AlertFlag['signal']; unit: string }[] = [
  ...new Set(VITALS_FIELDS.map((f) => VITAL_SIGNS[f].signal)),
].map((signal) => {
  const fields = VITALS_FIELDS.filter((f) => VITAL_SIGNS[f].signal === signal);
  const one = VITAL_SIGNS[fields[0]!];
  return fields.length > 1 ? { id: 'bp', label: 'BP', fields, signal, unit: '' } : { id: fields[0]!, label: one.label, fields, signal, unit: one.unit === '%' ? '%' : '' };
});
const FIELD_LABELS = Object.fromEntries(VITALS_FIELDS.map((f) => [f, f === 'spo2' ? 'SpO2' : VITAL_SIGNS[f].label.replace(/ BP$/, '').toLowerCase()])) as Record<keyof VitalsValues, string>;

export interface SignAtDischarge {
  id: string;
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
  /** Out of the thresholds or more than 20% from baseline: a clinician may document why discharge is safe. */
  outOfRange: string[];
  /** The time of the newest reading counted. */
  latestAt: number | null;

  /** The largest change from baseline among the recent readings, as a fraction (for PADSS). */
  maxChange: number | null;
}

const valueText = (id: string, v: VitalsValues, unit: string) => (id === 'bp' ? `${v.systolic}/${v.diastolic}` : `${v[id as keyof VitalsValues]}${unit}`);

/** " (corrected from 186/112 by Dr Kim: misread)": a corrected reading says what it was, who changed it and why. */
function correctionText(state: SessionState, entry: VitalsEntry, sign: { id: string; fields: (keyof VitalsValues)[]; unit: string }): string {
  if (entry.corrects === undefined) return '';
  const original = state.entries.find((e) => e.seq === entry.corrects);
  if (!original || original.kind !== 'vitals' || !original.correctedBy) return '';
  const was = original.payload.values;
  if (sign.fields.every((f) => was[f] === entry.payload.values[f])) return '';
  const wasText = sign.fields.every((f) => was[f] !== undefined) ? valueText(sign.id, was, sign.unit) : 'not measured';
  return ` (corrected from ${wasText} by ${original.correctedBy.by}: ${original.correctedBy.reason})`;
}

/**
 * Vitals at discharge (issue: every sign's latest reading counts, so a later partial set never hides an earlier
 * abnormal value). Each sign must be recent, inside the alert thresholds the room applied when it was recorded,
 * and within 20% of the pre-dose baseline.
 */
export function vitalsAtDischarge(state: SessionState, w: EvidenceWindow | null): VitalsAtDischarge {
  const baseline = baselineValues(state);
  const after = w ? liveVitals(state).filter((e) => afterLastDose(w, e.at)) : [];
  const toMeasure: string[] = [];
  const outOfRange: string[] = [];
  const signs = SIGNS.map((sign): SignAtDischarge => {
    const entry = [...after].reverse().find((e) => sign.fields.every((f) => e.payload.values[f] !== undefined)) ?? null;
    if (!entry || !w) {
      toMeasure.push(`a ${sign.id === 'bp' ? 'blood pressure' : FIELD_LABELS[sign.fields[0]!]} after the last dose`);
      return { id: sign.id, entry: null, text: null, recent: false, flag: null, changes: [] };
    }
    const text = `${sign.label} ${valueText(sign.id, entry.payload.values, sign.unit)}${correctionText(state, entry, sign)}`;
    const recent = isRecent(w, entry.at);
    const flag = entry.payload.alerts.find((a) => a.signal === sign.signal) ?? null;
    const changes = sign.fields.flatMap((field) => {
      const b = baseline[field];
      const value = entry.payload.values[field]!;
      return b === undefined ? [] : [{ field, value, baseline: b, change: (value - b) / b }];
    });
    if (!recent) toMeasure.push(staleText(w, flag ? `${text} (outside the alert thresholds)` : text, entry.at, 'measure again'));
    else if (flag) outOfRange.push(`${flag.message.replace(/:.*$/, '').replace(/\.$/, '')} at ${tPlus(w, entry.at)} (${flag.level === 'urgent' ? 'urgent' : 'warning'} threshold)`);
    else {
      const far = changes.filter((c) => !withinFraction(c.change));
      if (far.length) outOfRange.push(`${far.map((c) => `${FIELD_LABELS[c.field]} ${c.value} vs baseline ${c.baseline} (${percent(c.change)})`).join(', ')} at ${tPlus(w, entry.at)}: more than 20% from baseline`);
    }
    return { id: sign.id, entry, text, recent, flag, changes };
  });
  if (baseline.systolic === undefined && baseline.heartRate === undefined) outOfRange.push('a baseline set before the dose to compare with');
  const counted = signs.filter((s) => s.entry && s.recent);
  const changes = counted.flatMap((s) => s.changes.map((c) => Math.abs(c.change)));
  return {
    signs,
    toMeasure,
    outOfRange,
    latestAt: signs.reduce<number | null>((t, s) => (s.entry && (t === null || s.entry.at > t) ? s.entry.at : t), null),
    maxChange: changes.length ? Math.max(...changes) : null,
  };
}
