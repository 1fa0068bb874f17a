import { useState, type ReactNode } from 'react';
import type { Settings } from '@core/settings/schema';
import { ROUTE_IDS, type RouteId } from '@core/pure/timeline/routes';

/** Saves a change to the room's settings; resolves to the problem as a sentence, or null when saved. */
export type SaveSettings = (patch: Partial<Record<keyof Settings, unknown>>) => Promise<string | null>;

/** A number as typed: sent as a number when it is one, else as typed, so the room's schema can say what is wrong. */
export function typedNumber(text: string): number | string {
  const n = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

/** "0, 20, 40" as numbers (an entry that is not a number is kept as typed, for the room to refuse). */
export function typedList(text: string): (number | string)[] {
  return text
    .split(/[,\s]+/)
    .filter((s) => s !== '')
    .map(typedNumber);
}

export function NumberField({
  label,
  value,
  onChange,
  unit,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  unit?: string;
}) {
  return (
    <label>
      {label}
      {unit ? ` (${unit})` : ''}
      <input
        className="short"
        type="text"
        inputMode="decimal"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

export function Source({ children }: { children: ReactNode }) {
  return <p className="source">Source: {children}</p>;
}

/** One part of the settings, saved as a whole; the room's answer (saved, or the sentence why not) shown beside it. */
export function Section({
  title,
  onSave,
  children,
}: {
  title: string;
  onSave: () => Promise<string | null>;
  children: ReactNode;
}) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    const error = await onSave();
    setBusy(false);
    setMessage(error ? { ok: false, text: error } : { ok: true, text: `${title}: saved.` });
  };
  return (
    <fieldset aria-label={title}>
      <legend>{title}</legend>
      {children}
      <div className="section-actions">
        <button type="button" onClick={() => void save()} disabled={busy}>
          Save {title.toLowerCase()}
        </button>
        {message &&
          (message.ok ? (
            <p role="status" className="saved">
              {message.text}
            </p>
          ) : (
            <p role="alert" className="error">
              {message.text}
            </p>
          ))}
      </div>
    </fieldset>
  );
}

/** A labelled choice of route preset, by each preset's own label. */
export function RouteSelect({
  label,
  presets,
  value,
  onChange,
}: {
  label: string;
  presets: Settings['presets'];
  value: RouteId;
  onChange: (id: RouteId) => void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value as RouteId)}>
        {ROUTE_IDS.map((id) => (
          <option key={id} value={id}>
            {presets[id].label}
          </option>
        ))}
      </select>
    </label>
  );
}
