/** Where each shipped default comes from (CLINICAL.md), shown beside its field in the admin settings. */
import { THRESHOLD_SOURCES } from '../observations/thresholds';
import { DEFAULT_PRESETS, ROUTE_IDS, type RouteId } from '../timeline/presets';

export interface PresetFieldSources {
  phases: string;
  vitals: string;
  checkIn: string;
  discharge: string;
  /** The discharge evidence window, the BP re-check, the pre-dose BP and the critical checklist items. */
  rules: string;
}

export interface SettingsSources {
  presets: Record<RouteId, PresetFieldSources>;
  thresholds: string;
  tags: string;
  music: string;
}

const VITALS =
  'CLINICAL.md section 2: ASA moderate sedation, BP and HR every 5 min with pulse oximetry; IV ketamine studies, every 10 min during infusion and 15 min after; KAP (sublingual/IM), baseline, +20, +40 (required), +60, then every 15-30 min and a pre-discharge set; Spravato REMS, BP before dosing, ~40 min after, then as warranted.';
const CHECK_IN = 'CLINICAL.md section 2: remote-chaperone protocols check on the patient visually every 15 minutes.';
const DISCHARGE: Record<RouteId, string> = {
  iv: 'CLINICAL.md section 1: IV infusion, earliest discharge 100 min, and at least 60 min after the infusion ends; the discharge waits for the infusion end to be marked, the planned length is only an estimate.',
  im: 'CLINICAL.md section 1: IM, earliest discharge 90 min.',
  intranasal: 'CLINICAL.md section 1: intranasal, earliest discharge 120 min.',
  spravato: 'Spravato REMS: observe at least 2 hours after the last device; never shortened.',
  sublingual: 'CLINICAL.md section 1: sublingual, earliest discharge 120 min (slot 180).',
  oral: 'CLINICAL.md section 1: oral, earliest discharge 180 min.',
};

const RULES =
  'Evidence window: clinic convention, to be signed off by your medical director; PACU practice scores readiness at the time of discharge and re-assesses every 30 minutes (Chung PADSS), so a score, reading or attestation older than 30 minutes does not say how the patient is now. ' +
  'BP re-check 5 minutes after a reading over the warning threshold: transient hypertension after esketamine peaks about 40 minutes after dosing and settles (Spravato label; Del Sant 2020). ' +
  'Pre-dose blood pressure: the Spravato label requires it before every dose; for other routes a clinic convention, on by default. ' +
  'Critical checklist items (consent always; Spravato REMS enrolment; pregnancy) must be "yes" before the dose; any other "no" needs a named clinician who decides to proceed. ' +
  'No route discharges sooner than 60 minutes after the last dose (clinic floor); Spravato never sooner than 2 hours (REMS).';

export const SETTINGS_SOURCES: SettingsSources = {
  presets: Object.fromEntries(
    ROUTE_IDS.map((id) => [id, { phases: `CLINICAL.md section 1: ${DEFAULT_PRESETS[id].source}`, vitals: VITALS, checkIn: CHECK_IN, discharge: DISCHARGE[id], rules: RULES }]),
  ) as Record<RouteId, PresetFieldSources>,
  thresholds: `CLINICAL.md section 3: ${THRESHOLD_SOURCES}`,
  tags: 'CLINICAL.md section 5: Spravato label adverse-event rates and session notes.',
  music: 'Even loudness at -20 LUFS (EBU R128 measurement, true peak kept under -1 dBTP); fades long enough not to startle.',
};
