import type { Thresholds } from '../../observations/thresholds';

export interface VitalsValues {
  systolic?: number;
  diastolic?: number;
  heartRate?: number;
  spo2?: number;
  respiratoryRate?: number;
}

/** The alert signals, once: each vital sign's, the pre-dose BP review, MOAA/S, the request for a clinician (F5) and a monitor's lost SpO2 signal. */
export const ALERT_SIGNALS = [
  'bp',
  'pre_dose_bp',
  'heart_rate',
  'spo2',
  'respiratory_rate',
  'moaas',
  'clinician_request',
  'spo2_signal',
] as const;
export type AlertSignal = (typeof ALERT_SIGNALS)[number];

const FHIR_PROFILE = 'http://hl7.org/fhir/StructureDefinition';

export interface VitalSign {
  /** The form, the record and the discharge gate. */
  label: string;
  /** Narrow screens and the chart. */
  short: string;
  unit: string;
  /** Beyond these a value cannot be a real reading (a typo): refused, with the field and why. */
  min: number;
  max: number;
  /**
   * FHIR R4 vital signs profile: the profile a reading of its own claims (none for the two blood-pressure values,
   * which are components of the one 85354-9 panel), its LOINC codings (the profile's required one first), the unit.
   */
  fhir: { profile: string | null; codings: readonly { code: string; display: string }[]; unit: string; ucum: string };
  /** The vitals CSV column. */
  csvColumn: string;
  /** The alert a reading past the clinic's thresholds raises. */
  signal: AlertSignal;
  /**
   * Judged at discharge against the patient's own pre-dose value (within 20%), as PADSS and Aldrete judge blood pressure
   * and pulse; the others (SpO2, respiratory rate) by their absolute thresholds only.
   */
  againstBaseline: boolean;
  /** Its reading judged alone against the clinic's thresholds (null for the two blood-pressure values: vitalsAlerts judges them as a pair). */
  alert: ((value: number, t: Thresholds) => { level: AlertLevel; message: string } | null) | null;
  /**
   * How a monitor names it (IHE PCD-01, HL7 v2 OBX-3): its IEEE 11073-10101 MDC codes (numeric) and the LOINC codes a
   * gateway may send instead, and the units accepted (MDC unit codes in OBX-6 and their UCUM or printed forms).
   */
  /** A device's codes for it; `units` starts with the unit's MDC code and reference id, then the other spellings accepted. */
  device?: { mdc: readonly DeviceCode[]; loinc: readonly string[]; units: readonly string[] };
}

/** An IEEE 11073-10101 term: its numeric code (partition * 2^16 + term) and its reference id. */
export interface DeviceCode {
  code: number;
  refid: string;
}

const MMHG_UNITS = ['266016', 'MDC_DIM_MMHG', 'mm[Hg]', 'mmHg'];
const PER_MIN_BEATS = ['264864', 'MDC_DIM_BEAT_PER_MIN', '/min', '{beats}/min', 'bpm', '1/min'];

/**
 * One definition per vital sign, read by the form, the chart, the thresholds, the discharge gate, the CSV and
 * FHIR: a new vital sign is one entry here plus its screens.
 */
export const VITAL_SIGNS: Record<keyof VitalsValues, VitalSign> = {
  systolic: {
    label: 'Systolic BP',
    short: 'Sys',
    unit: 'mmHg',
    min: 50,
    max: 300,
    fhir: {
      profile: null,
      codings: [{ code: '8480-6', display: 'Systolic blood pressure' }],
      unit: 'mmHg',
      ucum: 'mm[Hg]',
    },
    csvColumn: 'systolic_mmhg',
    signal: 'bp',
    againstBaseline: true,
    alert: null,
    device: { mdc: [{ code: 150021, refid: 'MDC_PRESS_BLD_NONINV_SYS' }], loinc: ['8480-6'], units: MMHG_UNITS },
  },
  diastolic: {
    label: 'Diastolic BP',
    short: 'Dia',
    unit: 'mmHg',
    min: 20,
    max: 200,
    fhir: {
      profile: null,
      codings: [{ code: '8462-4', display: 'Diastolic blood pressure' }],
      unit: 'mmHg',
      ucum: 'mm[Hg]',
    },
    csvColumn: 'diastolic_mmhg',
    signal: 'bp',
    againstBaseline: true,
    alert: null,
    device: { mdc: [{ code: 150022, refid: 'MDC_PRESS_BLD_NONINV_DIA' }], loinc: ['8462-4'], units: MMHG_UNITS },
  },
  heartRate: {
    label: 'Heart rate',
    short: 'HR',
    unit: '/min',
    min: 20,
    max: 250,
    fhir: {
      profile: `${FHIR_PROFILE}/heartrate`,
      codings: [{ code: '8867-4', display: 'Heart rate' }],
      unit: 'beats/minute',
      ucum: '/min',
    },
    csvColumn: 'heart_rate_per_min',
    signal: 'heart_rate',
    againstBaseline: true,
    alert: (hr, t) =>
      hr < t.heartRate.urgentLow
        ? { level: 'urgent', message: `Heart rate ${hr} is below ${t.heartRate.urgentLow}.` }
        : hr > t.heartRate.urgentHigh
          ? { level: 'urgent', message: `Heart rate ${hr} is above ${t.heartRate.urgentHigh}.` }
          : hr > t.heartRate.high
            ? {
                level: 'warning',
                message: `Heart rate ${hr} is above ${t.heartRate.high}: re-check; sustained for 5 minutes needs review.`,
              }
            : hr < t.heartRate.low
              ? { level: 'warning', message: `Heart rate ${hr} is below ${t.heartRate.low}.` }
              : null,
    // The pulse rate an oximeter or a cuff counts is recorded as the heart rate, as the form records a counted pulse.
    device: {
      mdc: [
        { code: 147842, refid: 'MDC_ECG_HEART_RATE' },
        { code: 149530, refid: 'MDC_PULS_OXIM_PULS_RATE' },
        { code: 149546, refid: 'MDC_PULS_RATE_NON_INV' },
      ],
      loinc: ['8867-4', '8889-8'],
      units: PER_MIN_BEATS,
    },
  },
  spo2: {
    label: 'SpO2',
    short: 'SpO2',
    unit: '%',
    min: 50,
    max: 100,
    fhir: {
      profile: `${FHIR_PROFILE}/oxygensat`,
      codings: [
        { code: '2708-6', display: 'Oxygen saturation in Arterial blood' },
        { code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry' },
      ],
      unit: '%',
      ucum: '%',
    },
    csvColumn: 'spo2_percent',
    signal: 'spo2',
    againstBaseline: false,
    alert: (spo2, t) =>
      spo2 < t.spo2.urgent
        ? { level: 'urgent', message: `SpO2 ${spo2}% is below ${t.spo2.urgent}%.` }
        : spo2 < t.spo2.warning
          ? { level: 'warning', message: `SpO2 ${spo2}% is below ${t.spo2.warning}%.` }
          : null,
    device: {
      mdc: [{ code: 150456, refid: 'MDC_PULS_OXIM_SAT_O2' }],
      loinc: ['59408-5', '2708-6'],
      units: ['262688', 'MDC_DIM_PERCENT', '%'],
    },
  },
  respiratoryRate: {
    label: 'Respiratory rate',
    short: 'RR',
    unit: '/min',
    min: 3,
    max: 70,
    fhir: {
      profile: `${FHIR_PROFILE}/resprate`,
      codings: [{ code: '9279-1', display: 'Respiratory rate' }],
      unit: 'breaths/minute',
      ucum: '/min',
    },
    csvColumn: 'respiratory_rate_per_min',
    signal: 'respiratory_rate',
    againstBaseline: false,
    alert: (rr, t) =>
      rr < t.respiratoryRate.urgentLow
        ? { level: 'urgent', message: `Respiratory rate ${rr} is below ${t.respiratoryRate.urgentLow}.` }
        : rr < t.respiratoryRate.low || rr > t.respiratoryRate.high
          ? {
              level: 'warning',
              message: `Respiratory rate ${rr} is outside ${t.respiratoryRate.low}-${t.respiratoryRate.high}.`,
            }
          : null,
    device: {
      mdc: [
        { code: 151562, refid: 'MDC_RESP_RATE' },
        { code: 151578, refid: 'MDC_TTHOR_RESP_RATE' },
      ],
      loinc: ['9279-1'],
      units: ['264928', 'MDC_DIM_RESP_PER_MIN', '/min', '{breaths}/min', '1/min'],
    },
  },
};
const BOUNDS = VITAL_SIGNS;
export const VITALS_FIELDS = Object.keys(VITAL_SIGNS) as (keyof VitalsValues)[];
export const vitalsLabel = (field: keyof VitalsValues) => BOUNDS[field].label;

/** The first reason these values cannot be right, as a sentence naming the field; null when they can. */
export function vitalsProblem(v: VitalsValues): string | null {
  const given = VITALS_FIELDS.filter((f) => v[f] !== undefined);
  if (given.length === 0) return 'Enter at least one vital sign.';
  for (const f of given) {
    const value = v[f]!;
    const b = BOUNDS[f];
    if (!Number.isFinite(value) || value < b.min || value > b.max) {
      return `${b.label} ${value} ${b.unit} is not a possible reading (${b.min}-${b.max}). Check for a typing error.`;
    }
  }
  if ((v.systolic === undefined) !== (v.diastolic === undefined))
    return 'Enter blood pressure as both systolic and diastolic, or leave both empty.';
  if (v.systolic !== undefined && v.diastolic !== undefined && v.systolic <= v.diastolic) {
    return `Systolic ${v.systolic} is not above diastolic ${v.diastolic}. Check they are not swapped.`;
  }
  return null;
}

export type AlertLevel = 'warning' | 'urgent';
export interface AlertFlag {
  signal: AlertSignal;
  level: AlertLevel;
  message: string;
}

/**
 * Which of these readings pass the clinic's thresholds: accepted, and flagged. A BP warning (high or low) names the
 * preset's re-check interval; every urgent alert brings its own re-check (pure/rules/due.ts).
 */
export function vitalsAlerts(v: VitalsValues, t: Thresholds, preDose: boolean, bpRecheckMin: number): AlertFlag[] {
  const flags: AlertFlag[] = [];
  const { systolic: s, diastolic: d } = v;
  if (s !== undefined && d !== undefined) {
    const bp = `${s}/${d}`;
    if (preDose && (s >= t.preDoseBp.systolic || d >= t.preDoseBp.diastolic)) {
      flags.push({
        signal: 'pre_dose_bp',
        level: 'warning',
        message: `Pre-dose BP ${bp} is at or above ${t.preDoseBp.systolic}/${t.preDoseBp.diastolic}: review before dosing.`,
      });
    }
    const recheck = `re-check in ${bpRecheckMin} minute${bpRecheckMin === 1 ? '' : 's'}`;
    if (s >= t.bpUrgent.systolic || d >= t.bpUrgent.diastolic) {
      flags.push({
        signal: 'bp',
        level: 'urgent',
        message: `BP ${bp} is at or above ${t.bpUrgent.systolic}/${t.bpUrgent.diastolic}.`,
      });
    } else if (s > t.bpWarning.systolic || d > t.bpWarning.diastolic) {
      flags.push({
        signal: 'bp',
        level: 'warning',
        message: `BP ${bp} is above ${t.bpWarning.systolic}/${t.bpWarning.diastolic}: ${recheck}.`,
      });
    } else if (s < t.bpLow.urgent) {
      flags.push({ signal: 'bp', level: 'urgent', message: `BP ${bp} is low (systolic below ${t.bpLow.urgent}).` });
    } else if (s < t.bpLow.warning) {
      flags.push({
        signal: 'bp',
        level: 'warning',
        message: `BP ${bp} is low (systolic below ${t.bpLow.warning}): ${recheck}.`,
      });
    }
  }
  // Every other sign by its own rule in the registry.
  for (const f of VITALS_FIELDS) {
    const value = v[f];
    const rule = VITAL_SIGNS[f].alert;
    const flag = value === undefined || !rule ? null : rule(value, t);
    if (flag) flags.push({ signal: VITAL_SIGNS[f].signal, ...flag });
  }
  return flags;
}

/** What a MOAA/S score at or below the urgent level means, in the scale's words. */
const MOAAS_URGENT_WORDS: Record<number, string> = {
  0: 'responds only to painful stimulus or not at all',
  1: 'responds only to painful stimulus or not at all',
  2: 'responds only to mild prodding or shaking',
  3: 'responds only when the name is called loudly or repeatedly',
  4: 'lethargic response to name',
};

export function moaasAlert(score: number, t: Thresholds): AlertFlag | null {
  if (score <= t.moaas.urgent)
    return {
      signal: 'moaas',
      level: 'urgent',
      message: `MOAA/S ${score}: ${MOAAS_URGENT_WORDS[score] ?? 'not responding readily to name'}.`,
    };
  if (score <= t.moaas.warning)
    return { signal: 'moaas', level: 'warning', message: `MOAA/S ${score}: not responding readily to name.` };
  return null;
}

/**
 * The dosing limit the shipped thresholds start from (their `preDoseBp`, Spravato label): at discharge, blood pressure
 * must be at or below the higher of this and the patient's own pre-dose value. The room passes the clinic's own limit;
 * a screen not told it uses this one.
 */
export const DOSING_LIMIT_BP: { readonly systolic: number; readonly diastolic: number } = {
  systolic: 140,
  diastolic: 90,
};

/** The quick tag that asks for a clinician to come (F5, CLINICAL.md section 5). */
export const CLINICIAN_REQUEST_TAG = 'needs clinician';

/**
 * A request for a clinician is an urgent alert: it shows in the room's alerts, the glance and the chair board, and holds
 * until a clinician acknowledges it with their PIN and what was done, as every urgent alert does.
 */
export function clinicianRequestAlert(tags: readonly string[], by: string): AlertFlag | null {
  if (!tags.some((t) => t.trim().toLowerCase() === CLINICIAN_REQUEST_TAG)) return null;
  return { signal: 'clinician_request', level: 'urgent', message: `Clinician needed in the room (asked by ${by}).` };
}

/** The tags a bound monitor's notes carry when its SpO2 stream goes silent for 30 s, and when it comes back. */
export const SIGNAL_LOST_TAG = 'spo2 signal lost';
export const SIGNAL_BACK_TAG = 'spo2 signal back';

/**
 * A monitor's SpO2 signal lost is a warning: it shows in the room's alerts, the glance and the chair board, is
 * acknowledged like any other, and closes by itself when the signal is back (the fold, on the note that says so).
 */
export function signalLostAlert(tags: readonly string[], text: string | undefined): AlertFlag | null {
  if (!tags.includes(SIGNAL_LOST_TAG)) return null;
  return { signal: 'spo2_signal', level: 'warning', message: text ?? 'SpO2 signal lost.' };
}
