/** Turns the settings schema's first complaint into a sentence an admin can act on. */
import type { z } from 'zod';
import { ROUTE_SHORT_NAMES } from '../pure/timeline/routes';
import { PHASE_LABELS } from '../pure/timeline/timeline';

const FIELD_LABELS: Record<string, string> = {
  version: 'The settings version',
  roomName: 'The room name',
  clinicName: "The clinic's name",
  presets: 'The route presets',
  thresholds: 'The alert thresholds',
  music: 'The music settings',
  sourceChanges: 'The record of changed defaults',
  defaultPresetId: 'The default route',
  themeBrightness: 'Theme brightness',
  staff: 'The staff list',
  clinicTimeZone: 'The clinic time zone',
  patientIdentifierSystem: 'The patient identifier system',
  remsEndBpWithinMin: 'The REMS end-of-monitoring BP window',
  remsSetting: 'The REMS treatment setting',
  address1: 'address line 1',
  address2: 'address line 2',
  city: 'city',
  state: 'state',
  zip: 'ZIP code',
  rescueCheck: 'The rescue check before the first dose',
  orthostaticCheck: 'orthostatic check before discharge',
  tags: 'The observation tags',
  onset: 'onset range',
  peak: 'expected peak range',
  effectsEnd: 'main effects end range',
  earliestDischargeMin: 'earliest discharge',
  infusionMin: 'planned infusion length',
  evidenceWindowMin: 'discharge evidence window',
  bpRecheckMin: 'blood pressure re-check after a warning',
  urgentRecheckMin: 're-check after an urgent alert',
  preDoseBpRequired: 'blood pressure required before the dose',
  preDoseBpWithinMin: 'pre-dose blood pressure window before the dose',
  boosterCapPercent: 'booster cap (percent of the planned dose)',
  escortRule: 'escort rule at discharge',
  dischargeAfterInfusionEndMin: 'wait after the infusion ends',
  criticalChecklist: 'checklist items that must be yes',
  checkInEveryMin: 'check-in interval',
  thenEveryMin: 'vitals interval after the listed times',
  atMin: 'vitals times',
  requiredAtMin: 'required vitals times',
  min: 'earliest minute',
  max: 'latest minute',
  label: 'label',
  key: 'key',
  id: 'id',
  name: 'name',
  role: 'role',
  preDoseBp: 'pre-dose blood pressure',
  bpWarning: 'blood pressure warning',
  bpUrgent: 'blood pressure urgent',
  bpLow: 'low blood pressure (systolic)',
  heartRate: 'heart rate',
  spo2: 'SpO2',
  respiratoryRate: 'respiratory rate',
  moaas: 'MOAA/S',
  systolic: 'systolic',
  diastolic: 'diastolic',
  high: 'high',
  low: 'low',
  urgentLow: 'urgent low',
  urgentHigh: 'urgent high',
  warning: 'warning',
  urgent: 'urgent',
  targetLufs: 'The target loudness',
  crossfadeSec: 'The crossfade time',
  trackOverlapSec: 'The overlap between tracks',
  quietFadeSec: 'The quiet fade time',
  endMarginSec: 'The wait for a track to end',
  volume: 'The volume',
};

/** "The Oral preset's expected peak range, latest minute", "Alert threshold heart rate high", "Tag 3's key". */
export function settingsFieldName(path: readonly PropertyKey[]): string {
  const [top, second, ...rest] = path.map(String);
  const tail = rest.map((k) => (/^\d+$/.test(k) ? `entry ${Number(k) + 1}` : (FIELD_LABELS[k] ?? k))).join(', ');
  const withTail = (head: string) => (tail ? `${head}, ${tail}` : head);
  if (top === 'presets' && second)
    return withTail(`The ${(ROUTE_SHORT_NAMES as Record<string, string>)[second] ?? second} preset's settings`).replace(
      "preset's settings, ",
      'preset: ',
    );
  if (top === 'thresholds' && second) return withTail(`The ${FIELD_LABELS[second] ?? second} alert threshold`);
  if (top === 'tags' && second !== undefined)
    return /^\d+$/.test(second) ? withTail(`Tag ${Number(second) + 1}`) : 'The observation tags';
  if (top === 'staff' && second !== undefined)
    return /^\d+$/.test(second) ? withTail(`Staff member ${Number(second) + 1}`) : 'The staff list';
  if (top === 'music' && second) return FIELD_LABELS[second] ?? `The music setting ${second}`;
  if (top && top in PHASE_LABELS) return top;
  return FIELD_LABELS[top ?? ''] ?? (top ? `The setting ${top}` : 'The settings');
}

function plain(n: unknown): string {
  return typeof n === 'bigint' || typeof n === 'number' ? String(n) : String(n);
}

/** One sentence: which field, what is wrong, what to do. */
export function describeSettingsIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The settings are not valid. Check the values and save again.';
  const field = settingsFieldName(issue.path);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return `${field} cannot be empty. Enter a value.`;
      if (issue.origin === 'array') return `${field} needs at least ${plain(issue.minimum)} entries.`;
      return `${field} must be at least ${plain(issue.minimum)}. Enter a larger number.`;
    case 'too_big':
      if (issue.origin === 'string')
        return `${field} is too long (${plain(issue.maximum)} characters at most). Shorten it.`;
      if (issue.origin === 'array') return `${field} can have at most ${plain(issue.maximum)} entries. Remove some.`;
      return `${field} must be at most ${plain(issue.maximum)}. Enter a smaller number.`;
    case 'invalid_type':
      if (issue.expected === 'number') return `${field} must be a number. Enter digits only.`;
      if (issue.expected === 'string') return `${field} must be text. Enter it again.`;
      return `${field} is missing or not valid. Enter a value.`;
    case 'invalid_value':
      return `${field} must be one of: ${issue.values.map(String).join(', ')}. Choose one from the list.`;
    case 'invalid_format':
      return `${field} is not in the right form. ${issue.message.endsWith('.') ? issue.message : 'Check it and save again.'}`;
    default: {
      const message = issue.message.replace(/\.$/, '');
      if (/^[A-Z]/.test(message)) return `${message}.`;
      return `${field}: ${message}. Change it and save again.`;
    }
  }
}
