/** Where each shipped default comes from (CLINICAL.md), shown beside its field in the admin settings. */
import { THRESHOLD_SOURCES } from '../observations/thresholds';
import { DEFAULT_PRESETS, ROUTE_IDS, type RouteId } from '../timeline/presets';

export interface PresetFieldSources {
  phases: string;
  vitals: string;
  checkIn: string;
  discharge: string;
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
  iv: 'CLINICAL.md section 1: IV infusion, earliest discharge 100 min, and at least 60 min after the infusion ends.',
  im: 'CLINICAL.md section 1: IM, earliest discharge 90 min.',
  intranasal: 'CLINICAL.md section 1: intranasal, earliest discharge 120 min.',
  spravato: 'Spravato REMS: observe at least 2 hours after the last device; never shortened.',
  sublingual: 'CLINICAL.md section 1: sublingual, earliest discharge 120 min (slot 180).',
  oral: 'CLINICAL.md section 1: oral, earliest discharge 180 min.',
};

export const SETTINGS_SOURCES: SettingsSources = {
  presets: Object.fromEntries(
    ROUTE_IDS.map((id) => [id, { phases: `CLINICAL.md section 1: ${DEFAULT_PRESETS[id].source}`, vitals: VITALS, checkIn: CHECK_IN, discharge: DISCHARGE[id] }]),
  ) as Record<RouteId, PresetFieldSources>,
  thresholds: `CLINICAL.md section 3: ${THRESHOLD_SOURCES}`,
  tags: 'CLINICAL.md section 5: Spravato label adverse-event rates and session notes.',
  music: 'Even loudness at -20 LUFS (EBU R128 measurement, true peak kept under -1 dBTP); fades long enough not to startle.',
};
