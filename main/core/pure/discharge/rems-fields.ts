import { isoDate, parseCalendarDate } from '../clinic-time';
/** The calendar-date helpers live with the clinic's time; re-exported where the form's fields are read. */
export { isoDate, parseCalendarDate, usDate } from '../clinic-time';
/** The SPRAVATO® REMS Patient Monitoring Form's asked fields (the form the REMS publishes at www.SPRAVATOrems.com). */

export const PATIENT_SEXES = ['female', 'male', 'other'] as const;
export type PatientSex = (typeof PATIENT_SEXES)[number];
export const FILING_METHODS = ['online', 'fax'] as const;
export type FilingMethod = (typeof FILING_METHODS)[number];
/** The REMS asks for the form within this many days of each session. */
export const REMS_FILING_DAYS = 7;

export interface RemsAnswers {
  /** The patient's date of birth, "YYYY-MM-DD" (printed MM/DD/YYYY as the form asks). */
  patientBirthDate?: string;
  patientSex?: PatientSex;
  firstTreatment?: 'yes' | 'no';
  /** Read from the day-of checklist's REMS enrolment; asked only when the record cannot say. */
  enrolledInRems?: 'yes' | 'no';
  monitoringProvider?: string;
  monitoringProviderPhone?: string;
  monitoringProviderEmail?: string;
  /** Only asked when a dose was recorded without its lot. */
  lot?: string;
  /** Minutes after dosing the patient would have been ready to leave without the 2-hour minimum: read from the record. */
  readyToLeaveAfterMin?: number;
  benzodiazepines?: 'yes' | 'no';
  nonBenzodiazepineSleepAids?: 'yes' | 'no';
  psychostimulants?: 'yes' | 'no';
  maois?: 'yes' | 'no';
  opioids?: 'yes' | 'no';
  vitalsAcceptablePreDose?: 'yes' | 'no';
  vitalsAcceptableBeforeEnd?: 'yes' | 'no';
  sedation?: 'yes' | 'no';
  dissociation?: 'yes' | 'no';
  respiratoryDepression?: 'yes' | 'no';
  /** "none", or what happened. */
  seriousAdverseEvents?: string;
}
export type RemsAnswerField = keyof RemsAnswers;

export const REMS_ANSWER_FIELDS = [
  'patientBirthDate',
  'patientSex',
  'firstTreatment',
  'enrolledInRems',
  'monitoringProvider',
  'monitoringProviderPhone',
  'monitoringProviderEmail',
  'lot',
  'readyToLeaveAfterMin',
  'benzodiazepines',
  'nonBenzodiazepineSleepAids',
  'psychostimulants',
  'maois',
  'opioids',
  'vitalsAcceptablePreDose',
  'vitalsAcceptableBeforeEnd',
  'sedation',
  'dissociation',
  'respiratoryDepression',
  'seriousAdverseEvents',
] as const satisfies readonly RemsAnswerField[];

/** The answers the record gives on its own: an answer different from the record's needs a reason (a clinician's signed note). */
export const REMS_DERIVED_FIELDS = [
  'enrolledInRems',
  'readyToLeaveAfterMin',
  'sedation',
  'dissociation',
  'respiratoryDepression',
] as const satisfies readonly RemsAnswerField[];
export type RemsDerivedField = (typeof REMS_DERIVED_FIELDS)[number];

/** The form's questions that are a clinician's judgement, answered with their signature. */
export const REMS_JUDGEMENT_FIELDS = [
  'readyToLeaveAfterMin',
  'vitalsAcceptablePreDose',
  'vitalsAcceptableBeforeEnd',
  'sedation',
  'dissociation',
  'respiratoryDepression',
  'seriousAdverseEvents',
] as const satisfies readonly RemsAnswerField[];

export const REMS_LABELS: Record<RemsAnswerField, string> = {
  patientBirthDate: 'Birthdate (MM/DD/YYYY)',
  patientSex: 'Sex',
  firstTreatment: "Is this the patient's first treatment?",
  enrolledInRems: 'Patient enrolled in the SPRAVATO® REMS',
  monitoringProvider: 'Monitoring provider',
  monitoringProviderPhone: "Monitoring provider's telephone",
  monitoringProviderEmail: "Monitoring provider's email",
  lot: 'Lot number',
  readyToLeaveAfterMin: 'Without the 2-hour minimum, ready to leave at (minutes from the start of administration)',
  benzodiazepines: 'Concomitant benzodiazepines',
  nonBenzodiazepineSleepAids: 'Concomitant non-benzodiazepine sedative hypnotics',
  psychostimulants: 'Concomitant psychostimulants',
  maois: 'Concomitant MAOIs',
  opioids: 'Concomitant opioids',
  vitalsAcceptablePreDose: 'Vital signs in acceptable range before administration',
  vitalsAcceptableBeforeEnd: 'Vital signs in acceptable range before the session ended',
  sedation: 'Did the patient experience sedation?',
  dissociation: 'Did the patient experience dissociation?',
  respiratoryDepression: 'Did the patient experience respiratory depression?',
  seriousAdverseEvents: 'Serious adverse events',
};

/** Every field of the form, in its order: those the record fills and those asked. */
export const REMS_FIELD_IDS = [
  'patient',
  'patientBirthDate',
  'patientSex',
  'firstTreatment',
  'enrolledInRems',
  'benzodiazepines',
  'nonBenzodiazepineSleepAids',
  'psychostimulants',
  'maois',
  'opioids',
  'monitoringProvider',
  'monitoringProviderPhone',
  'monitoringProviderEmail',
  'settingName',
  'settingAddress',
  'date',
  'dose',
  'lot',
  'totalMinutes',
  'readyToLeaveAfterMin',
  'vitalsAcceptablePreDose',
  'vitalsAcceptableBeforeEnd',
  'bpPre',
  'bp40',
  'bpEnd',
  'pulseOximetry',
  'sedation',
  'dissociation',
  'respiratoryDepression',
  'seriousAdverseEvents',
] as const;
export type RemsFieldId = (typeof REMS_FIELD_IDS)[number];

/** The healthcare setting the form names: the clinic's, from its settings (Admin, Settings). */
export interface TreatmentSetting {
  name: string;
  address1: string;
  address2: string;
  city: string;
  state: string;
  zip: string;
}
export const EMPTY_TREATMENT_SETTING: TreatmentSetting = {
  name: '',
  address1: '',
  address2: '',
  city: '',
  state: '',
  zip: '',
};

/** "1 Main St, Suite 2, Springfield, IL 62701", or null while a part the form needs is empty. */
export function settingAddressText(s: TreatmentSetting): string | null {
  if (!s.address1.trim() || !s.city.trim() || !s.state.trim() || !s.zip.trim()) return null;
  return (
    [s.address1, s.address2, s.city]
      .map((x) => x.trim())
      .filter(Boolean)
      .join(', ') + `, ${s.state.trim()} ${s.zip.trim()}`
  );
}

/** Whole days from one calendar date to another ("2026-11-22" to "2026-11-29" is 7). */
export function daysBetween(fromIso: string, toIso: string): number {
  const a = parseCalendarDate(fromIso);
  const b = parseCalendarDate(toIso);
  if (!a || !b) return NaN;
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}
/** The calendar date `days` after "2026-11-22". */
export function addDays(iso: string, days: number): string {
  const c = parseCalendarDate(iso)!;
  const t = new Date(Date.UTC(c.y, c.m - 1, c.d + days));
  return isoDate({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() });
}
