import { useState, type ReactNode } from 'react';
import { ROUTES } from '@core/pure/timeline/routes';
import type { AdminSettingsView } from '@core/admin/view';
import type { Preset } from '@core/timeline/presets';
import { ROUTE_IDS, type RouteId } from '@core/pure/timeline/routes';
import {
  alwaysCritical,
  CHECKLIST_LABELS,
  checklistFor,
  inChecklistOrder,
  type ChecklistItemId,
} from '@core/pure/discharge/checklist';
import { ESCORT_RULE_LABELS, ESCORT_RULES, type EscortRule } from '@core/pure/discharge/escort';
import { NumberField, RouteSelect, Section, Source, typedList, typedNumber } from './fields';
import type { SaveSettings } from './fields';

interface PresetDraft {
  onsetMin: string;
  onsetMax: string;
  peakMin: string;
  peakMax: string;
  endMin: string;
  endMax: string;
  vitalsAt: string;
  vitalsRequired: string;
  vitalsEvery: string;
  checkIn: string;
  discharge: string;
  evidenceWindow: string;
  bpRecheck: string;
  urgentRecheck: string;
  preDoseBpWithin: string;
  boosterCap: string;
  infusion: string;
  afterInfusion: string;
  preDoseBp: boolean;
  escortRule: EscortRule;
  critical: ChecklistItemId[];
  orthostatic: boolean;
}
/** The fields typed as text. */
type TextField = { [K in keyof PresetDraft]: PresetDraft[K] extends string ? K : never }[keyof PresetDraft];
type Part = 'phases' | 'vitals' | 'checkIn' | 'discharge' | 'rules';

/** Each part of a preset as the form shows it: its group, what its reset names, its typed fields (label, and unit when not minutes), and its other fields. */
const PARTS: {
  part: Part;
  label: string;
  what: string;
  fields: [TextField, string, string?][];
  also?: (keyof PresetDraft)[];
}[] = [
  {
    part: 'phases',
    label: 'Phase ranges',
    what: 'phase ranges',
    fields: [
      ['onsetMin', 'Onset from'],
      ['onsetMax', 'Onset to'],
      ['peakMin', 'Expected peak from'],
      ['peakMax', 'Expected peak to'],
      ['endMin', 'Main effects end from'],
      ['endMax', 'Main effects end to'],
    ],
  },
  {
    part: 'vitals',
    label: 'Vitals cadence',
    what: 'vitals cadence',
    fields: [
      ['vitalsAt', 'Vitals at', 'min after dose, 0 = baseline'],
      ['vitalsRequired', 'Required vitals at', 'min'],
      ['vitalsEvery', 'Then vitals every'],
    ],
  },
  { part: 'checkIn', label: 'Check-in interval', what: 'check-in interval', fields: [['checkIn', 'Check in every']] },
  {
    part: 'discharge',
    label: 'Earliest discharge',
    what: 'earliest discharge',
    fields: [
      ['discharge', 'Earliest discharge after the last dose'],
      ['infusion', 'Planned infusion length'],
      ['afterInfusion', 'Wait after the infusion ends'],
    ],
  },
  {
    part: 'rules',
    label: 'Discharge evidence and dosing rules',
    what: 'evidence window, BP re-check and dosing rules',
    fields: [
      ['evidenceWindow', 'Discharge evidence counts when taken within'],
      ['bpRecheck', 'Re-check a blood pressure past a warning after'],
      ['urgentRecheck', 'Re-check a sign after an urgent alert within'],
      ['preDoseBpWithin', 'The pre-dose blood pressure counts when taken within', 'min before the dose'],
      ['boosterCap', 'Boosters together at most', '% of the planned dose'],
    ],
    also: ['preDoseBp', 'critical', 'escortRule', 'orthostatic'],
  },
];

const toDraft = (p: Preset): PresetDraft => ({
  onsetMin: String(p.onset.min),
  onsetMax: String(p.onset.max),
  peakMin: String(p.peak.min),
  peakMax: String(p.peak.max),
  endMin: String(p.effectsEnd.min),
  endMax: String(p.effectsEnd.max),
  vitalsAt: p.vitals.atMin.join(', '),
  vitalsRequired: p.vitals.requiredAtMin.join(', '),
  vitalsEvery: String(p.vitals.thenEveryMin),
  checkIn: String(p.checkInEveryMin),
  discharge: String(p.earliestDischargeMin),
  evidenceWindow: String(p.evidenceWindowMin),
  bpRecheck: String(p.bpRecheckMin),
  urgentRecheck: String(p.urgentRecheckMin),
  preDoseBpWithin: String(p.preDoseBpWithinMin),
  boosterCap: String(p.boosterCapPercent),
  infusion: p.infusionMin === undefined ? '' : String(p.infusionMin),
  afterInfusion: p.dischargeAfterInfusionEndMin === undefined ? '' : String(p.dischargeAfterInfusionEndMin),
  preDoseBp: p.preDoseBpRequired,
  escortRule: p.escortRule,
  critical: [...p.criticalChecklist],
  orthostatic: p.orthostaticCheck,
});

const fromDraft = (p: Preset, d: PresetDraft) => ({
  ...p,
  onset: { min: typedNumber(d.onsetMin), max: typedNumber(d.onsetMax) },
  peak: { min: typedNumber(d.peakMin), max: typedNumber(d.peakMax) },
  effectsEnd: { min: typedNumber(d.endMin), max: typedNumber(d.endMax) },
  vitals: {
    atMin: typedList(d.vitalsAt),
    requiredAtMin: typedList(d.vitalsRequired),
    thenEveryMin: typedNumber(d.vitalsEvery),
  },
  checkInEveryMin: typedNumber(d.checkIn),
  earliestDischargeMin: typedNumber(d.discharge),
  evidenceWindowMin: typedNumber(d.evidenceWindow),
  bpRecheckMin: typedNumber(d.bpRecheck),
  urgentRecheckMin: typedNumber(d.urgentRecheck),
  preDoseBpWithinMin: typedNumber(d.preDoseBpWithin),
  boosterCapPercent: typedNumber(d.boosterCap),
  preDoseBpRequired: d.preDoseBp,
  escortRule: d.escortRule,
  criticalChecklist: d.critical,
  orthostaticCheck: d.orthostatic,
  ...(ROUTES[p.id].infusion
    ? { infusionMin: typedNumber(d.infusion), dischargeAfterInfusionEndMin: typedNumber(d.afterInfusion) }
    : {}),
});

/** The route presets: phase ranges, vitals cadence, check-in interval and earliest discharge, each with its source and a reset. */
export function PresetsSection({ view, save }: { view: AdminSettingsView; save: SaveSettings }) {
  const [routeId, setRouteId] = useState<RouteId>(view.settings.defaultPresetId);
  const [drafts, setDrafts] = useState(
    () =>
      Object.fromEntries(ROUTE_IDS.map((id) => [id, toDraft(view.settings.presets[id])])) as Record<
        RouteId,
        PresetDraft
      >,
  );
  const draft = drafts[routeId];
  const preset = view.settings.presets[routeId];
  const sources = view.sources.presets[routeId];
  const set = <K extends keyof PresetDraft>(field: K, value: PresetDraft[K]) =>
    setDrafts((d) => ({ ...d, [routeId]: { ...d[routeId], [field]: value } }));
  const reset = ({ fields, also = [] }: (typeof PARTS)[number]) => {
    const shipped = toDraft(view.defaults.presets[routeId]);
    const keys = [...fields.map(([key]) => key), ...also];
    setDrafts((d) => ({ ...d, [routeId]: { ...d[routeId], ...Object.fromEntries(keys.map((f) => [f, shipped[f]])) } }));
  };
  /** What a part shows beside its typed fields. */
  const extras: Partial<Record<Part, ReactNode>> = {
    discharge: preset.dischargeFloorMin !== undefined && (
      <span className="hint">never less than {preset.dischargeFloorMin} min for this route</span>
    ),
    rules: (
      <>
        <label className="check">
          <input
            type="checkbox"
            checked={ROUTES[preset.id].preDoseBpAlways || draft.preDoseBp}
            disabled={ROUTES[preset.id].preDoseBpAlways}
            onChange={(e) => set('preDoseBp', e.target.checked)}
          />
          Blood pressure required before the first dose
          {ROUTES[preset.id].preDoseBpAlways ? ` (always for ${ROUTES[preset.id].shortName})` : ''}
        </label>
        <label>
          Who takes the patient home
          <select value={draft.escortRule} onChange={(e) => set('escortRule', e.target.value as EscortRule)}>
            {ESCORT_RULES.map((rule) => (
              <option key={rule} value={rule}>
                {ESCORT_RULE_LABELS[rule]}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.orthostatic} onChange={(e) => set('orthostatic', e.target.checked)} />
          Orthostatic check before discharge (lying and standing BP and heart rate)
        </label>
        <fieldset className="critical-checklist">
          <legend>
            Checklist items that must be "yes" before the dose (any other "no" needs a clinician's decision)
          </legend>
          {checklistFor(preset).map((item) => {
            const always = alwaysCritical(preset.id).includes(item);
            const critical = always || draft.critical.includes(item);
            return (
              <label key={item} className="check">
                <input
                  type="checkbox"
                  checked={critical}
                  disabled={always}
                  onChange={(e) =>
                    set(
                      'critical',
                      inChecklistOrder(
                        e.target.checked ? [...draft.critical, item] : draft.critical.filter((i) => i !== item),
                      ),
                    )
                  }
                />
                {CHECKLIST_LABELS[item]}
                {always ? ' (always)' : ''}
              </label>
            );
          })}
        </fieldset>
      </>
    ),
  };

  return (
    <Section
      title="Route presets"
      onSave={() =>
        save({
          presets: Object.fromEntries(ROUTE_IDS.map((id) => [id, fromDraft(view.settings.presets[id], drafts[id])])),
        })
      }
    >
      <RouteSelect label="Preset to edit" presets={view.settings.presets} value={routeId} onChange={setRouteId} />
      {PARTS.map((part) => (
        // One part of the preset: its fields, the button that resets them, and where the shipped values come from.
        <div key={part.part} role="group" aria-label={part.label}>
          <div className="row">
            {part.fields
              .filter(([key]) => (key !== 'infusion' && key !== 'afterInfusion') || ROUTES[preset.id].infusion)
              .map(([key, label, unit = 'min']) => (
                <NumberField key={key} label={label} unit={unit} value={draft[key]} onChange={(v) => set(key, v)} />
              ))}
            {extras[part.part]}
            <button type="button" onClick={() => reset(part)}>
              Reset {part.what} to the shipped default
            </button>
          </div>
          <Source>{sources[part.part]}</Source>
        </div>
      ))}
    </Section>
  );
}
