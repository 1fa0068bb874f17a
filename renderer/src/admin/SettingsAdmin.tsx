import { useCallback, useEffect, useState } from 'react';
import type { AdminSettingsView } from '@core/admin/view';
import type { Settings } from '@core/settings/schema';
import { CADSS6_ITEMS } from '@core/pure/observations/scales';
import type { RouteId } from '@core/pure/timeline/routes';
import { RULE_IDS, RULE_LABELS } from '@core/pure/settings/rules';
import { call, RoomCallError } from '../bridge/bridge';
import { NumberField, RouteSelect, Section, Source, typedNumber, type SaveSettings } from './fields';
import { PresetsSection } from './PresetsSection';
import { MonitorSection } from './MonitorSection';
import { TagsSection } from './ListSections';
import { RESCUE_CHECK_RULES, type RescueCheckRule } from '@core/pure/care/rescue';

/** Room and clinic settings: each part saved on its own, every change checked by the room's settings schema. */
export function SettingsAdmin({
  adminKey,
  onLocked,
  changedBy,
  onChangedBy,
}: {
  adminKey: string;
  onLocked: () => void;
  /** The admin's name, kept by the admin area across its tabs. */
  changedBy: string;
  onChangedBy: (name: string) => void;
}) {
  const [view, setView] = useState<AdminSettingsView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const failed = useCallback(
    (err: unknown): string => {
      if (err instanceof RoomCallError && err.code === 'admin_locked') onLocked();
      return (err as Error).message;
    },
    [onLocked],
  );

  useEffect(() => {
    call('getAdminSettings', { adminKey })
      .then(setView)
      .catch((err) => setError(failed(err)));
  }, [adminKey, failed]);

  const save: SaveSettings = async (patch) => {
    try {
      setView(
        await call('updateSettings', { adminKey, patch, ...(changedBy.trim() ? { changedBy: changedBy.trim() } : {}) }),
      );
      return null;
    } catch (err) {
      return failed(err);
    }
  };

  if (error)
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  if (!view) return <div aria-busy="true" />;
  return (
    <div className="settings-admin">
      {view.problem && (
        <p className="warning" role="status">
          {view.problem}
        </p>
      )}
      <label className="changed-by">
        Your name (the sources of changed defaults name who changed them)
        <input value={changedBy} onChange={(e) => onChangedBy(e.target.value)} />
      </label>
      <RoomSection view={view} save={save} />
      <RecordSection view={view} save={save} />
      <RescueCheckSection view={view} save={save} />
      <CadssWordingSection view={view} save={save} />
      <PresetsSection view={view} save={save} />
      <ThresholdsSection view={view} save={save} />
      <TagsSection view={view} save={save} />
      <MusicSection view={view} save={save} />
      <MonitorSection view={view} save={save} />
      <RulesSources view={view} />
    </div>
  );
}

function RoomSection({ view, save }: { view: AdminSettingsView; save: SaveSettings }) {
  const [roomName, setRoomName] = useState(view.settings.roomName);
  const [clinicName, setClinicName] = useState(view.settings.clinicName);
  const [presetId, setPresetId] = useState<RouteId>(view.settings.defaultPresetId);
  const [brightness, setBrightness] = useState(String(view.settings.themeBrightness));
  return (
    <Section
      title="Room"
      onSave={() => save({ roomName, clinicName, defaultPresetId: presetId, themeBrightness: typedNumber(brightness) })}
    >
      <div className="row">
        <label>
          Room name
          <input value={roomName} onChange={(e) => setRoomName(e.target.value)} />
        </label>
        <label>
          Clinic name
          <input value={clinicName} onChange={(e) => setClinicName(e.target.value)} />
        </label>
        <RouteSelect
          label="Default route preset"
          presets={view.settings.presets}
          value={presetId}
          onChange={setPresetId}
        />
        <NumberField label="Theme brightness" unit="0.3 darkest to 1" value={brightness} onChange={setBrightness} />
        <button type="button" onClick={() => setBrightness(String(view.defaults.themeBrightness))}>
          Reset theme brightness to the shipped default
        </button>
      </div>
    </Section>
  );
}

const SETTING_FIELDS: { key: keyof Settings['remsSetting']; label: string; size: number }[] = [
  { key: 'name', label: 'Healthcare setting name (REMS form)', size: 28 },
  { key: 'address1', label: 'Setting address line 1', size: 28 },
  { key: 'address2', label: 'Setting address line 2', size: 20 },
  { key: 'city', label: 'Setting city', size: 16 },
  { key: 'state', label: 'Setting state', size: 4 },
  { key: 'zip', label: 'Setting ZIP code', size: 10 },
];

/**
 * The record that leaves the room: the clinic's time zone, its patient identifier system, the REMS end-of-monitoring BP
 * window, and the healthcare setting (name and address) the REMS monitoring form names.
 */
function RecordSection({ view, save }: { view: AdminSettingsView; save: SaveSettings }) {
  const [timeZone, setTimeZone] = useState(view.settings.clinicTimeZone);
  const [system, setSystem] = useState(view.settings.patientIdentifierSystem);
  const [window, setWindow] = useState(String(view.settings.remsEndBpWithinMin));
  const [setting, setSetting] = useState(view.settings.remsSetting);
  return (
    <Section
      title="Exports and the REMS form"
      onSave={() =>
        save({
          clinicTimeZone: timeZone,
          patientIdentifierSystem: system,
          remsEndBpWithinMin: typedNumber(window),
          remsSetting: setting,
        })
      }
    >
      <div className="row">
        <label>
          Clinic time zone (IANA name)
          <input value={timeZone} onChange={(e) => setTimeZone(e.target.value)} />
        </label>
        <label>
          Patient identifier system (URI)
          <input value={system} onChange={(e) => setSystem(e.target.value)} size={36} />
        </label>
        <NumberField
          label="REMS end-of-monitoring BP within"
          unit="min before the end"
          value={window}
          onChange={setWindow}
        />
      </div>
      <div className="row" role="group" aria-label="Healthcare setting on the REMS form">
        {SETTING_FIELDS.map((f) => (
          <label key={f.key}>
            {f.label}
            <input
              value={setting[f.key]}
              size={f.size}
              onChange={(e) => setSetting((now) => ({ ...now, [f.key]: e.target.value }))}
            />
          </label>
        ))}
      </div>
      <Source>{`REMS end-of-monitoring BP window: ${view.sources.rules.rems}`}</Source>
    </Section>
  );
}

/** The CADSS-6 items' wording, from the clinic's licensed CADSS form: the room shows it beside each item. */
function CadssWordingSection({ view, save }: { view: AdminSettingsView; save: SaveSettings }) {
  const [wording, setWording] = useState<string[]>([...view.settings.cadssWording]);
  return (
    <Section title="CADSS-6 wording" onSave={() => save({ cadssWording: wording })}>
      <div className="row" role="group" aria-label="CADSS-6 items' wording">
        {CADSS6_ITEMS.map((item, i) => (
          <label key={item}>
            CADSS item {item}
            <input
              value={wording[i] ?? ''}
              size={40}
              onChange={(e) => setWording((now) => now.map((w, j) => (j === i ? e.target.value : w)))}
            />
          </label>
        ))}
      </div>
    </Section>
  );
}

const RESCUE_RULE_LABELS: Record<RescueCheckRule, string> = {
  advised: 'Advised: the first dose may go ahead, with a notice, and the report says so',
  required: "Required: no first dose until today's check is recorded",
};

/** The rescue check before the first patient of the day: required before the first dose, or advised. */
function RescueCheckSection({ view, save }: { view: AdminSettingsView; save: SaveSettings }) {
  const [rule, setRule] = useState<RescueCheckRule>(view.settings.rescueCheck);
  return (
    <Section title="Rescue check" onSave={() => save({ rescueCheck: rule })}>
      <div className="row">
        <label>
          Rescue check before the first patient of the day
          <select value={rule} onChange={(e) => setRule(e.target.value as RescueCheckRule)}>
            {RESCUE_CHECK_RULES.map((r) => (
              <option key={r} value={r}>
                {RESCUE_RULE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Source>{view.sources.rules.rescueCheck}</Source>
    </Section>
  );
}

/** The discharge rules and the checklist, each with its source: signed off as rules rather than edited as numbers. */
function RulesSources({ view }: { view: AdminSettingsView }) {
  return (
    <section className="admin-section" aria-label="Discharge rules and checklist: sources">
      <h3>Discharge rules and checklist: sources</h3>
      <dl>
        {RULE_IDS.map((id) => (
          <div key={id}>
            <dt>{RULE_LABELS[id]}</dt>
            <dd className="source">Source: {view.sources.rules[id]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

const THRESHOLD_FIELDS: { group: keyof Settings['thresholds']; label: string; fields: [string, string][] }[] = [
  {
    group: 'preDoseBp',
    label: 'Pre-dose BP: review before dosing at or above',
    fields: [
      ['systolic', 'Systolic'],
      ['diastolic', 'Diastolic'],
    ],
  },
  {
    group: 'bpWarning',
    label: 'BP during the session: warning above',
    fields: [
      ['systolic', 'Systolic'],
      ['diastolic', 'Diastolic'],
    ],
  },
  {
    group: 'bpUrgent',
    label: 'BP during the session: urgent at or above',
    fields: [
      ['systolic', 'Systolic'],
      ['diastolic', 'Diastolic'],
    ],
  },
  {
    group: 'bpLow',
    label: 'Low systolic BP',
    fields: [
      ['warning', 'Warning below'],
      ['urgent', 'Urgent below'],
    ],
  },
  {
    group: 'heartRate',
    label: 'Heart rate',
    fields: [
      ['high', 'Above'],
      ['low', 'Below'],
      ['urgentHigh', 'Urgent above'],
      ['urgentLow', 'Urgent below'],
    ],
  },
  {
    group: 'spo2',
    label: 'SpO2 (%)',
    fields: [
      ['warning', 'Warning below'],
      ['urgent', 'Urgent below'],
    ],
  },
  {
    group: 'respiratoryRate',
    label: 'Respiratory rate',
    fields: [
      ['low', 'Below'],
      ['high', 'Above'],
      ['urgentLow', 'Urgent below'],
    ],
  },
  {
    group: 'moaas',
    label: 'MOAA/S',
    fields: [
      ['warning', 'Warning at or below'],
      ['urgent', 'Urgent at or below'],
    ],
  },
];

type ThresholdDraft = Record<string, Record<string, string>>;
const thresholdDraft = (t: Settings['thresholds']): ThresholdDraft =>
  Object.fromEntries(
    Object.entries(t).map(([group, values]) => [
      group,
      Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])),
    ]),
  );

function ThresholdsSection({ view, save }: { view: AdminSettingsView; save: SaveSettings }) {
  const [draft, setDraft] = useState(() => thresholdDraft(view.settings.thresholds));
  const set = (group: string, field: string, value: string) =>
    setDraft((d) => ({ ...d, [group]: { ...d[group], [field]: value } }));
  const patch = () =>
    Object.fromEntries(
      Object.entries(draft).map(([g, values]) => [
        g,
        Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typedNumber(v)])),
      ]),
    );
  return (
    <Section title="Alert thresholds" onSave={() => save({ thresholds: patch() })}>
      {THRESHOLD_FIELDS.map(({ group, label, fields }) => (
        <div className="row" key={group} role="group" aria-label={label}>
          <span className="label">{label}</span>
          {fields.map(([field, fieldLabel]) => (
            <NumberField
              key={field}
              label={`${label}: ${fieldLabel}`}
              value={draft[group]?.[field] ?? ''}
              onChange={(v) => set(group, field, v)}
            />
          ))}
        </div>
      ))}
      <button type="button" onClick={() => setDraft(thresholdDraft(view.defaults.thresholds))}>
        Reset alert thresholds to the shipped defaults
      </button>
      <Source>{view.sources.thresholds}</Source>
    </Section>
  );
}

const MUSIC_FIELDS: {
  key: 'targetLufs' | 'crossfadeSec' | 'trackOverlapSec' | 'quietFadeSec';
  label: string;
  unit: string;
}[] = [
  { key: 'targetLufs', label: 'Target loudness', unit: 'LUFS' },
  { key: 'crossfadeSec', label: 'Crossfade at a phase change', unit: 's' },
  { key: 'trackOverlapSec', label: 'Overlap between tracks', unit: 's' },
  { key: 'quietFadeSec', label: 'Quiet fade', unit: 's' },
];

function MusicSection({ view, save }: { view: AdminSettingsView; save: SaveSettings }) {
  const fromSettings = (m: Settings['music']) => Object.fromEntries(MUSIC_FIELDS.map((f) => [f.key, String(m[f.key])]));
  const [draft, setDraft] = useState(() => fromSettings(view.settings.music));
  return (
    <Section
      title="Loudness and crossfades"
      onSave={() =>
        save({
          music: {
            ...view.settings.music,
            ...Object.fromEntries(MUSIC_FIELDS.map((f) => [f.key, typedNumber(draft[f.key] ?? '')])),
          },
        })
      }
    >
      <div className="row">
        {MUSIC_FIELDS.map((f) => (
          <NumberField
            key={f.key}
            label={f.label}
            unit={f.unit}
            value={draft[f.key] ?? ''}
            onChange={(v) => setDraft((d) => ({ ...d, [f.key]: v }))}
          />
        ))}
        <button type="button" onClick={() => setDraft(fromSettings(view.defaults.music))}>
          Reset loudness and crossfades to the shipped defaults
        </button>
      </div>
      <Source>{view.sources.music}</Source>
    </Section>
  );
}
