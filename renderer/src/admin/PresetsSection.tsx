import { useState, type ReactNode } from 'react';
import type { AdminSettingsView } from '../../../main/core/admin/view';
import type { Preset } from '../../../main/core/timeline/presets';
import { ROUTE_IDS, type RouteId } from '../../../main/core/pure/timeline/routes';
import { CHECKLIST_LABELS, checklistFor, type ChecklistItemId } from '../../../main/core/pure/discharge/checklist';
import { alwaysCritical } from '../../../main/core/pure/discharge/rules';
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
  infusion: string;
  preDoseBp: boolean;
  critical: ChecklistItemId[];
}
/** The fields typed as text. */
type TextField = { [K in keyof PresetDraft]: PresetDraft[K] extends string ? K : never }[keyof PresetDraft];
type Part = 'phases' | 'vitals' | 'checkIn' | 'discharge' | 'rules';
const PART_FIELDS: Record<Part, (keyof PresetDraft)[]> = {
  phases: ['onsetMin', 'onsetMax', 'peakMin', 'peakMax', 'endMin', 'endMax'],
  vitals: ['vitalsAt', 'vitalsRequired', 'vitalsEvery'],
  checkIn: ['checkIn'],
  discharge: ['discharge', 'infusion'],
  rules: ['evidenceWindow', 'bpRecheck', 'preDoseBp', 'critical'],
};

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
  infusion: p.infusionMin === undefined ? '' : String(p.infusionMin),
  preDoseBp: p.preDoseBpRequired,
  critical: [...p.criticalChecklist],
});

const fromDraft = (p: Preset, d: PresetDraft) => ({
  ...p,
  onset: { min: typedNumber(d.onsetMin), max: typedNumber(d.onsetMax) },
  peak: { min: typedNumber(d.peakMin), max: typedNumber(d.peakMax) },
  effectsEnd: { min: typedNumber(d.endMin), max: typedNumber(d.endMax) },
  vitals: { atMin: typedList(d.vitalsAt), requiredAtMin: typedList(d.vitalsRequired), thenEveryMin: typedNumber(d.vitalsEvery) },
  checkInEveryMin: typedNumber(d.checkIn),
  earliestDischargeMin: typedNumber(d.discharge),
  evidenceWindowMin: typedNumber(d.evidenceWindow),
  bpRecheckMin: typedNumber(d.bpRecheck),
  preDoseBpRequired: d.preDoseBp,
  criticalChecklist: d.critical,
  ...(p.infusionMin === undefined ? {} : { infusionMin: typedNumber(d.infusion) }),
});

/** The route presets: phase ranges, vitals cadence, check-in interval and earliest discharge, each with its source and a reset. */
export function PresetsSection({ view, save }: { view: AdminSettingsView; save: SaveSettings }) {
  const [routeId, setRouteId] = useState<RouteId>(view.settings.defaultPresetId);
  const [drafts, setDrafts] = useState(() => Object.fromEntries(ROUTE_IDS.map((id) => [id, toDraft(view.settings.presets[id])])) as Record<RouteId, PresetDraft>);
  const draft = drafts[routeId];
  const preset = view.settings.presets[routeId];
  const sources = view.sources.presets[routeId];
  const set = <K extends keyof PresetDraft>(field: K, value: PresetDraft[K]) => setDrafts((d) => ({ ...d, [routeId]: { ...d[routeId], [field]: value } }));
  const reset = (part: Part) => {
    const shipped = toDraft(view.defaults.presets[routeId]);
    setDrafts((d) => ({ ...d, [routeId]: { ...d[routeId], ...Object.fromEntries(PART_FIELDS[part].map((f) => [f, shipped[f]])) } }));
  };
  const field = (key: TextField, label: string, unit = 'min') => <NumberField label={label} unit={unit} value={draft[key]} onChange={(v) => set(key, v)} />;
  const resetButton = (part: Part, what: string) => (
    <button type="button" onClick={() => reset(part)}>
      Reset {what} to the shipped default
    </button>
  );
  /** One part of the preset: its fields, the button that resets them, and where the shipped values come from. */
  const group = (part: Part, label: string, what: string, fields: ReactNode) => (
    <div role="group" aria-label={label}>
      <div className="row">
        {fields}
        {resetButton(part, what)}
      </div>
      <Source>{sources[part]}</Source>
    </div>
  );

  return (
    <Section
      title="Route presets"
      onSave={() => save({ presets: Object.fromEntries(ROUTE_IDS.map((id) => [id, fromDraft(view.settings.presets[id], drafts[id])])) })}
    >
      <RouteSelect label="Preset to edit" presets={view.settings.presets} value={routeId} onChange={setRouteId} />
      {group(
        'phases',
        'Phase ranges',
        'phase ranges',
        <>
          {field('onsetMin', 'Onset from')}
          {field('onsetMax', 'Onset to')}
          {field('peakMin', 'Expected peak from')}
          {field('peakMax', 'Expected peak to')}
          {field('endMin', 'Main effects end from')}
          {field('endMax', 'Main effects end to')}
        </>,
      )}
      {group(
        'vitals',
        'Vitals cadence',
        'vitals cadence',
        <>
          {field('vitalsAt', 'Vitals at', 'min after dose, 0 = baseline')}
          {field('vitalsRequired', 'Required vitals at', 'min')}
          {field('vitalsEvery', 'Then vitals every')}
        </>,
      )}
      {group(
        'checkIn',
        'Check-in interval',
        'check-in interval',
        <>
          {field('checkIn', 'Check in every')}
        </>,
      )}
      {group(
        'discharge',
        'Earliest discharge',
        'earliest discharge',
        <>
          {field('discharge', 'Earliest discharge after the last dose')}
          {preset.infusionMin !== undefined && field('infusion', 'Planned infusion length')}
          {preset.dischargeFloorMin !== undefined && <span className="hint">never less than {preset.dischargeFloorMin} min for this route</span>}
        </>,
      )}
      {group(
        'rules',
        'Discharge evidence and dosing rules',
        'evidence window, BP re-check and dosing rules',
        <>
          {field('evidenceWindow', 'Discharge evidence counts when taken within')}
          {field('bpRecheck', 'Re-check a high blood pressure after')}
          <label className="check">
            <input type="checkbox" checked={preset.id === 'spravato' || draft.preDoseBp} disabled={preset.id === 'spravato'} onChange={(e) => set('preDoseBp', e.target.checked)} />
            Blood pressure required before the first dose{preset.id === 'spravato' ? ' (always for Spravato)' : ''}
          </label>
          <fieldset className="critical-checklist">
            <legend>Checklist items that must be "yes" before the dose (any other "no" needs a clinician's decision)</legend>
            {checklistFor(preset).map((item) => {
              const always = alwaysCritical(preset.id).includes(item);
              const critical = always || draft.critical.includes(item);
              return (
                <label key={item} className="check">
                  <input
                    type="checkbox"
                    checked={critical}
                    disabled={always}
                    onChange={(e) => set('critical', e.target.checked ? [...draft.critical, item] : draft.critical.filter((i) => i !== item))}
                  />
                  {CHECKLIST_LABELS[item]}
                  {always ? ' (always)' : ''}
                </label>
              );
            })}
          </fieldset>
        </>,
      )}
    </Section>
  );
}
