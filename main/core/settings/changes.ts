import { DEFAULT_PRESETS, ROUTE_IDS } from '../timeline/presets';
import type { Settings } from './schema';
import { PRESET_SOURCE_FIELDS, type PresetFieldSources, type SettingChange, type SourceKey } from './sources';

/** The values each source line speaks for, as text to compare. */
function valuesBySource(s: Pick<Settings, 'presets' | 'thresholds' | 'tags' | 'music'>): Record<SourceKey, string> {
  const out: Partial<Record<SourceKey, string>> = {};
  for (const id of ROUTE_IDS) {
    const preset = (s.presets[id] ?? DEFAULT_PRESETS[id]) as unknown as Record<string, unknown>;
    for (const [field, keys] of Object.entries(PRESET_SOURCE_FIELDS) as [
      keyof PresetFieldSources,
      readonly string[],
    ][]) {
      out[`presets.${id}.${field}`] = JSON.stringify(keys.map((k) => preset[k] ?? null));
    }
  }
  out.thresholds = JSON.stringify(s.thresholds);
  out.tags = JSON.stringify(s.tags);
  const { targetLufs, crossfadeSec, trackOverlapSec, quietFadeSec, endMarginSec } = s.music;
  out.music = JSON.stringify([targetLufs, crossfadeSec, trackOverlapSec, quietFadeSec, endMarginSec]);
  return out as Record<SourceKey, string>;
}

/**
 * The change record after a save: a value the save changed is stamped with who and when; a value back at the shipped
 * default loses its stamp (the shipped source speaks for it again); the rest keep theirs.
 */
export function stampChanges(
  before: Settings,
  after: Settings,
  defaults: Settings,
  by: string,
  at: number,
): Partial<Record<SourceKey, SettingChange>> {
  const was = valuesBySource(before);
  const now = valuesBySource(after);
  const shipped = valuesBySource(defaults);
  const changes: Partial<Record<SourceKey, SettingChange>> = {
    ...(before.sourceChanges as Partial<Record<SourceKey, SettingChange>>),
  };
  for (const key of Object.keys(now) as SourceKey[]) {
    if (now[key] === shipped[key]) delete changes[key];
    else if (now[key] !== was[key]) changes[key] = { by, at };
  }
  return changes;
}
