/**
 * The clinic's own music sets (<data>/sets/*.json): saved, duplicated and deleted from the admin area.
 * Shipped sets are read-only (duplicate one to change it). A set's file is separate from every session's
 * log: a session records the tracks that actually played, so editing a set never changes a past record.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RoomError } from '../pure/errors';
import { readSetsFolder, type MusicLibraryPlaces } from '../music/library';
import {
  formatMusicSet,
  parseMusicSet,
  PHASES,
  type MusicSet,
  type MusicTrack,
  type SessionPhase,
} from '../music/set-format';
import { SET_ID_PATTERN } from '../music/set-schema';
import type { MusicCatalogue } from './catalogue';
import { writeFileDurably } from '../durable-file';

export interface StoredSet {
  set: MusicSet;
  source: 'shipped' | 'clinic';
}

export async function readAllSets(places: MusicLibraryPlaces): Promise<{ sets: StoredSet[]; problems: string[] }> {
  const [shipped, clinic] = await Promise.all([
    readSetsFolder(places.shippedSetsDir, 'shipped'),
    readSetsFolder(places.clinicSetsDir, 'clinic'),
  ]);
  return { sets: [...shipped.sets, ...clinic.sets], problems: [...shipped.problems, ...clinic.problems] };
}

/** An id from a name: "Night Drones" -> "night-drones", made unique against `taken`. */
export function setIdFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || 'set';
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(id) && SET_ID_PATTERN.test(id)) return id;
  }
}

/** A name not yet used: "Night Drones (copy)", "Night Drones (copy 2)". */
export function freeSetName(name: string, suffix: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const candidate = `${name} (${n === 1 ? suffix : `${suffix} ${n}`})`.slice(0, 120);
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

export const setFilePath = (places: MusicLibraryPlaces, id: string) => path.join(places.clinicSetsDir, `${id}.json`);

/** Writes a clinic set through a temporary name, after checking it reads back as a valid set. */
export function writeClinicSet(places: MusicLibraryPlaces, set: MusicSet): MusicSet {
  const text = formatMusicSet(set);
  const parsed = parseMusicSet(text, `'${set.name}'`);
  if (!parsed.ok)
    throw new RoomError('invalid_set', parsed.errors[0]!.replace(/^'[^']*': /, `The set '${set.name}': `));
  fs.mkdirSync(places.clinicSetsDir, { recursive: true });
  const target = setFilePath(places, set.id);
  writeFileDurably(target, text);
  return parsed.set;
}

export interface SetDraft {
  id: string | null;
  name: string;
  description: string;
  phases: Record<SessionPhase, string[]>;
}

/** A set from the admin's draft: each track's details from the catalogue, or from the set it was already in. */
export function setFromDraft(
  draft: SetDraft,
  id: string,
  catalogue: MusicCatalogue,
  previous: MusicSet | null,
): MusicSet {
  const known = new Map<string, MusicTrack>();
  if (previous) for (const phase of PHASES) for (const t of previous.phases[phase]) known.set(t.file, t);
  const phases = {} as Record<SessionPhase, MusicTrack[]>;
  for (const phase of PHASES) {
    phases[phase] = draft.phases[phase].map((file, i) => {
      const entry = catalogue.byFile(file);
      if (entry) {
        return {
          file,
          title: entry.title,
          artist: entry.artist,
          durationSec: entry.durationSec,
          ...(entry.loudness ? { loudness: entry.loudness } : {}),
        };
      }
      const before = known.get(file);
      if (before) return before;
      throw new RoomError(
        'unknown_track',
        `Track ${i + 1} of '${phase}' is not in the music library any more. Remove it from the set, or import the file again.`,
      );
    });
  }
  return {
    format: 'session-room/music-set',
    version: 1,
    id,
    name: draft.name.trim(),
    description: draft.description.trim(),
    phases,
  };
}

/** Moves a deleted set's file aside (<data>/deleted-sets/), so a mistake can be undone by hand. */
export function removeClinicSet(places: MusicLibraryPlaces, id: string, now: number): void {
  const from = setFilePath(places, id);
  const keep = path.join(path.dirname(places.clinicSetsDir), 'deleted-sets');
  fs.mkdirSync(keep, { recursive: true });
  fs.renameSync(from, path.join(keep, `${id}.${new Date(now).toISOString().replace(/[:.]/g, '-')}.json`));
}
