/**
 * The music library as the renderer sees it: the shipped sets (playlists/) and the clinic's own
 * (<data>/sets/), each track with the address it is played from and whether its file is there.
 * A broken set file never hides the others: it becomes a sentence in `problems`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { evenLoudnessGainDb } from '../loudness/gain';
import { RISE_FLAG_LU } from '../loudness/rise';
import { findLibraryFile } from './media';
import { parseMusicSet, PHASES, setFileSizeProblem, type MusicSet, type MusicTrack } from './set-format';
import type { MusicLibraryView, MusicSetView, MusicTrackView, SessionPhase } from '../pure/music/view';

/** Where the music lives for one room. */
export interface MusicLibraryPlaces {
  /** The sets the app ships (playlists/), or null when started without them. */
  shippedSetsDir: string | null;
  /** The clinic's own sets: <data dir>/sets. */
  clinicSetsDir: string;
  /** Folders searched for a track's file, in order: <data dir>/music, then the shipped assets/music. */
  roots: string[];
}

/** The room's music places, from its data folder and the folder the app's own files are in (playlists/, assets/). */
export function musicLibraryPlaces(dataDir: string, appDir: string | null): MusicLibraryPlaces {
  return {
    shippedSetsDir: appDir ? path.join(appDir, 'playlists') : null,
    clinicSetsDir: path.join(dataDir, 'sets'),
    roots: [path.join(dataDir, 'music'), ...(appDir ? [path.join(appDir, 'assets', 'music')] : [])],
  };
}

/** The gain that brings a measured track to the target loudness without its true peak going above -1 dBTP (the meter's rule). */
export function playbackGainDb(loudness: MusicTrack['loudness'], targetLufs: number): number | null {
  if (!loudness) return null;
  return Math.round(evenLoudnessGainDb(loudness.integratedLufs, loudness.truePeakDbtp, targetLufs) * 100) / 100;
}

type Source = MusicSetView['source'];

async function readSetFile(file: string): Promise<{ ok: true; set: MusicSet } | { ok: false; errors: string[] }> {
  const name = path.basename(file);
  try {
    const stat = await fs.promises.stat(file);
    const tooBig = setFileSizeProblem(stat.size, name);
    if (tooBig) return { ok: false, errors: [tooBig] };
    if (!stat.isFile())
      return {
        ok: false,
        errors: [`${name}: this is a folder, not a music set file. Move it out of the sets folder.`],
      };
    return parseMusicSet(await fs.promises.readFile(file, 'utf8'), name);
  } catch (err) {
    return {
      ok: false,
      errors: [
        `${name}: the file could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'}). Check that it is still there and readable, then reload the music.`,
      ],
    };
  }
}

export async function readSetsFolder(
  dir: string | null,
  source: Source,
): Promise<{ sets: { set: MusicSet; source: Source }[]; problems: string[] }> {
  if (!dir) return { sets: [], problems: [] };
  let names: string[];
  try {
    names = (await fs.promises.readdir(dir)).filter((n) => n.toLowerCase().endsWith('.json')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { sets: [], problems: [] };
    return {
      sets: [],
      problems: [
        `The ${source} music sets folder could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'}). Check that ${dir} is readable.`,
      ],
    };
  }
  const sets: { set: MusicSet; source: Source }[] = [];
  const problems: string[] = [];
  for (const result of await Promise.all(names.map((n) => readSetFile(path.join(dir, n))))) {
    if (result.ok) sets.push({ set: result.set, source });
    else problems.push(...result.errors);
  }
  return { sets, problems };
}

async function trackView(
  setId: string,
  phase: SessionPhase,
  index: number,
  track: MusicTrack,
  context: { roots: readonly string[]; mediaUrl: (libraryPath: string) => string; targetLufs: number },
): Promise<MusicTrackView> {
  return {
    key: `${setId}/${phase}/${index}`,
    file: track.file,
    title: track.title,
    artist: track.artist,
    durationSec: track.durationSec,
    url: context.mediaUrl(track.file),
    gainDb: playbackGainDb(track.loudness, context.targetLufs),
    riseFlagged: (track.loudness?.maxShortTermRiseLu ?? 0) >= RISE_FLAG_LU,
    available: (await findLibraryFile(context.roots, track.file)).ok,
  };
}

/** Every set the room can play, shipped first, each track checked against the library folders. */
export async function listMusicLibrary(
  places: MusicLibraryPlaces,
  mediaUrl: (libraryPath: string) => string,
  targetLufs: number,
): Promise<MusicLibraryView> {
  const [shipped, clinic] = await Promise.all([
    readSetsFolder(places.shippedSetsDir, 'shipped'),
    readSetsFolder(places.clinicSetsDir, 'clinic'),
  ]);
  const problems = [...shipped.problems, ...clinic.problems];
  const seen = new Map<string, MusicSet>();
  const chosen: { set: MusicSet; source: Source }[] = [];
  for (const entry of [...shipped.sets, ...clinic.sets]) {
    const first = seen.get(entry.set.id);
    if (first) {
      problems.push(
        `The set '${entry.set.name}' has the id '${entry.set.id}', already used by '${first.name}'; only the first is offered. Give the ${entry.source} set its own id.`,
      );
      continue;
    }
    seen.set(entry.set.id, entry.set);
    chosen.push(entry);
  }
  const context = { roots: places.roots, mediaUrl, targetLufs };
  const sets = await Promise.all(
    chosen.map(async ({ set, source }): Promise<MusicSetView> => {
      const phases = {} as Record<SessionPhase, MusicTrackView[]>;
      for (const phase of PHASES)
        phases[phase] = await Promise.all(set.phases[phase].map((t, i) => trackView(set.id, phase, i, t, context)));
      return { id: set.id, name: set.name, description: set.description, source, phases };
    }),
  );
  return { sets, problems };
}
