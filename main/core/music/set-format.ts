/**
 * Reading and writing music set files ("session-room/music-set", version 1).
 * The format is documented in docs/music-set-format.md. Every refusal is a list of
 * sentences, each naming the file, the place in it and what to do.
 */
import type { z } from 'zod';
import { locateJsonError } from './json-error';
import { kindOf, musicSetSchema, PHASES, type MusicSet, type SessionPhase } from './set-schema';

export { PHASES, MAX_TRACK_DURATION_SEC, MAX_TRACKS_PER_PHASE } from './set-schema';
export type { MusicSet, MusicTrack, SessionPhase, TrackLoudness } from './set-schema';

export const MUSIC_SET_FORMAT = 'session-room/music-set';
/** The version of the format this app reads and writes. */
export const MUSIC_SET_VERSION = 1;
/** Largest music set file read, in bytes (2 MB); a set of a thousand tracks is under 300 KB. */
export const MAX_SET_FILE_BYTES = 2 * 1024 * 1024;
/** Beyond this many problems, the rest are counted rather than listed. */
const MAX_MESSAGES = 20;

export type MusicSetParse = { ok: true; set: MusicSet } | { ok: false; errors: string[] };

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Refuses a file too large to be a music set, before it is read. Callers that
 * stat the file first pass its size; parseMusicSet checks the text it is given.
 */
export function setFileSizeProblem(sizeBytes: number, fileName: string): string | null {
  if (sizeBytes <= MAX_SET_FILE_BYTES) return null;
  return (
    `${fileName}: the file is ${megabytes(sizeBytes)}; a music set file may be at most ${megabytes(MAX_SET_FILE_BYTES)}. ` +
    'Check that this is a music set file (audio files are imported separately), or split the set into smaller ones.'
  );
}

/** Where an issue sits, in words: "track 3 of 'peak'" (1-based) or "the set". */
function placeOf(path: readonly PropertyKey[]): string {
  const [top, phase, index] = path;
  if (top === 'phases' && typeof phase === 'string' && typeof index === 'number')
    return `track ${index + 1} of '${phase}'`;
  return 'the set';
}

function formatAndVersionProblem(data: unknown, fileName: string): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return `${fileName}: this is not a Session Room music set (the file holds ${kindOf(data)}, not an object with "format": "${MUSIC_SET_FORMAT}"). Choose a music set file exported from Session Room.`;
  }
  const { format, version } = data as { format?: unknown; version?: unknown };
  if (format !== MUSIC_SET_FORMAT) {
    const found = format === undefined ? 'it has no "format"' : `its "format" is ${JSON.stringify(format)}`;
    return `${fileName}: this is not a Session Room music set (${found}; a music set says "format": "${MUSIC_SET_FORMAT}"). Choose a music set file exported from Session Room.`;
  }
  if (version === MUSIC_SET_VERSION) return null;
  if (typeof version === 'number' && Number.isInteger(version) && version > MUSIC_SET_VERSION) {
    return (
      `${fileName}: the set is written in version ${version} of the music set format, and this version of Session Room reads version ${MUSIC_SET_VERSION}. ` +
      `Update Session Room on this computer, or export the set again from a room that writes version ${MUSIC_SET_VERSION}.`
    );
  }
  const found =
    version === undefined
      ? 'has no "version"'
      : `has "version": ${JSON.stringify(version)}, which is not a version of the format`;
  return `${fileName}: the set ${found}; this version of Session Room reads version ${MUSIC_SET_VERSION}. Add "version": ${MUSIC_SET_VERSION} if the set was written for it, or export the set again.`;
}

function issueMessages(issues: readonly z.core.$ZodIssue[], fileName: string): string[] {
  const messages = issues.map((issue) => `${fileName}: ${placeOf(issue.path)} ${issue.message}`);
  if (messages.length <= MAX_MESSAGES) return messages;
  const rest = messages.length - MAX_MESSAGES;
  return [
    ...messages.slice(0, MAX_MESSAGES),
    `${fileName}: ${rest} more problem${rest === 1 ? '' : 's'} like these. Fix the ones above, then open the file again.`,
  ];
}

/** Reads a music set file's text. `fileName` is how messages name the file (its base name). */
export function parseMusicSet(text: string, fileName: string): MusicSetParse {
  const sizeProblem = setFileSizeProblem(new TextEncoder().encode(text).length, fileName);
  if (sizeProblem) return { ok: false, errors: [sizeProblem] };
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;

  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    const place = locateJsonError(body);
    const where = place ? ` at line ${place.line}, column ${place.column} (${place.problem})` : '';
    return {
      ok: false,
      errors: [`${fileName}: the text is not valid JSON${where}. Fix it in a text editor, or export the set again.`],
    };
  }

  const versionProblem = formatAndVersionProblem(data, fileName);
  if (versionProblem) return { ok: false, errors: [versionProblem] };

  const result = musicSetSchema.safeParse(data);
  if (!result.success) return { ok: false, errors: issueMessages(result.error.issues, fileName) };
  const set = result.data;
  if (PHASES.every((phase) => set.phases[phase].length === 0)) {
    return {
      ok: false,
      errors: [`${fileName}: the set has no tracks in any phase. Add tracks to at least one phase.`],
    };
  }
  return { ok: true, set };
}

/** A music set as file text: the same format it is read in, fields in the documented order. */
export function formatMusicSet(set: MusicSet): string {
  const ordered = {
    format: MUSIC_SET_FORMAT,
    version: MUSIC_SET_VERSION,
    id: set.id,
    name: set.name,
    description: set.description,
    phases: Object.fromEntries(
      PHASES.map((phase) => [
        phase,
        set.phases[phase].map((t) => ({
          file: t.file,
          title: t.title,
          artist: t.artist,
          durationSec: t.durationSec,
          ...(t.loudness ? { loudness: t.loudness } : {}),
        })),
      ]),
    ),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** How long each phase's music lasts, in seconds. */
export function phaseDurations(set: MusicSet): Record<SessionPhase, number> {
  const totals = {} as Record<SessionPhase, number>;
  for (const phase of PHASES) totals[phase] = set.phases[phase].reduce((sum, track) => sum + track.durationSec, 0);
  return totals;
}
