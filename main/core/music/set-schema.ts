/**
 * The music set file, version 1, as a zod schema. docs/music-set-format.md describes it
 * for people; this is the same thing for the app. Each rule's error is a phrase that
 * completes "<file>: <place> ...", where the place is "track 3 of 'peak'" or "the set",
 * and ends with what to do.
 */
import { z } from 'zod';
import { PHASES } from '../pure/timeline/timeline';
import { libraryPathProblem } from './library-path';
import type { SessionPhase } from '../pure/music/view';

export { PHASES };
export type { SessionPhase };

export const MAX_TRACKS_PER_PHASE = 1000;
/** Longest single track accepted: 12 hours (some long-form ambient works run 8 hours and more). */
export const MAX_TRACK_DURATION_SEC = 12 * 3600;
export const MAX_TITLE_LENGTH = 200;
export const MAX_NAME_LENGTH = 120;
export const MAX_DESCRIPTION_LENGTH = 4000;
export const SET_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** What a wrong value turned out to be, in words. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return `${value}`;
  return 'an object';
}

/** Shows a value from the file inside a message, short and on one line. */
export function quote(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  return `'${JSON.stringify(shown).slice(1, -1)}'`;
}

const REMOVE_TRACK = 'or remove the track.';

/** "a title", "an artist". */
function a(field: string): string {
  return `${/^[aeiou]/i.test(field) ? 'an' : 'a'} ${field}`;
}

/** A text field: says whether it is missing, not text, empty or too long. */
function text(field: string, fix: string, options: { max: number; allowEmpty?: boolean }) {
  const base = z.string({
    error: (iss) =>
      iss.input === undefined
        ? `has no ${field}. ${fix}`
        : `has ${a(field)} that is not text (found ${kindOf(iss.input)}). ${fix}`,
  });
  const bounded = base.max(options.max, {
    error: `has ${a(field)} longer than ${options.max} characters. Shorten it.`,
  });
  return options.allowEmpty ? bounded : bounded.min(1, { error: `has an empty ${field}. ${fix}`, abort: true });
}

/** A number field with a plausible range, named in the message. */
function measure(field: string, min: number, max: number, unit: string, fix: string) {
  return z
    .number({
      error: (iss) =>
        iss.input === undefined
          ? `has no ${field}. ${fix}`
          : `has ${a(field)} that is not a number (found ${kindOf(iss.input)}). ${fix}`,
    })
    .refine((v) => v >= min && v <= max, {
      error: (iss) => `has ${a(field)} of ${String(iss.input)}, outside ${min} to ${max} ${unit}. ${fix}`,
    });
}

const FILE_FIX = `Give it the audio file's name inside the music library, ${REMOVE_TRACK}`;
const fileSchema = text('file', FILE_FIX, { max: 4096 }).superRefine((file, ctx) => {
  const problem = libraryPathProblem(file);
  if (problem) {
    ctx.addIssue({
      code: 'custom',
      message: `has a file, ${quote(file)}, that ${problem}. Give the file's path inside the music library, such as 'my-set/track-01.mp3', ${REMOVE_TRACK}`,
    });
  }
});

const LOUDNESS_FIX = 'Measure the track again, or remove its loudness.';
export const trackLoudnessSchema = z.object(
  {
    integratedLufs: measure('loudness integratedLufs', -70, 0, 'LUFS', LOUDNESS_FIX),
    truePeakDbtp: measure('loudness truePeakDbtp', -70, 12, 'dBTP', LOUDNESS_FIX),
    maxShortTermRiseLu: measure('loudness maxShortTermRiseLu', 0, 100, 'LU', LOUDNESS_FIX),
  },
  { error: (iss) => `has a loudness that is not an object (found ${kindOf(iss.input)}). ${LOUDNESS_FIX}` },
);

export const musicTrackSchema = z.object(
  {
    file: fileSchema,
    title: text('title', `Give it a title, ${REMOVE_TRACK}`, { max: MAX_TITLE_LENGTH }),
    artist: text('artist', `Give it an artist (it may be empty: ""), ${REMOVE_TRACK}`, {
      max: MAX_TITLE_LENGTH,
      allowEmpty: true,
    }),
    durationSec: z
      .number({
        error: (iss) =>
          iss.input === undefined
            ? `has no durationSec. Give its length in seconds, such as 312.5, ${REMOVE_TRACK}`
            : `has a durationSec that is not a number (found ${kindOf(iss.input)}). Give its length in seconds, such as 312.5, ${REMOVE_TRACK}`,
      })
      .refine((v) => v > 0 && v <= MAX_TRACK_DURATION_SEC, {
        error: (iss) =>
          `has a durationSec of ${String(iss.input)}; a track lasts more than 0 seconds and at most ${MAX_TRACK_DURATION_SEC} (12 hours). Give its length in seconds, ${REMOVE_TRACK}`,
      }),
    loudness: trackLoudnessSchema.optional(),
  },
  {
    error: (iss) =>
      `is not a track (found ${kindOf(iss.input)}). Write it as {"file": ..., "title": ..., "artist": ..., "durationSec": ...}, or remove it.`,
  },
);

function phaseSchema(phase: SessionPhase) {
  return z
    .array(musicTrackSchema, {
      error: (iss) =>
        iss.input === undefined
          ? `has no '${phase}' phase. Add "${phase}": [] (a phase may be empty), with its tracks in order.`
          : `has a '${phase}' phase that is not a list of tracks (found ${kindOf(iss.input)}). Write it as "${phase}": [ ...tracks ].`,
    })
    .max(MAX_TRACKS_PER_PHASE, {
      error: `has more than ${MAX_TRACKS_PER_PHASE} tracks in its '${phase}' phase. Split it into smaller sets.`,
    });
}

const PHASE_LIST = `${PHASES.slice(0, -1).join(', ')} and ${PHASES[PHASES.length - 1]}`;

export const phasesSchema = z.strictObject(
  Object.fromEntries(PHASES.map((p) => [p, phaseSchema(p)])) as { [P in SessionPhase]: ReturnType<typeof phaseSchema> },
  {
    error: (iss) => {
      if (iss.code === 'unrecognized_keys') {
        const names = iss.keys.map((k) => quote(k)).join(', ');
        const what =
          iss.keys.length === 1
            ? `a phase ${names} that Session Room does not know`
            : `phases ${names} that Session Room does not know`;
        return `has ${what}. The phases are ${PHASE_LIST}: rename it to one of them or remove it.`;
      }
      return iss.input === undefined
        ? `has no phases. Add "phases": {...} with ${PHASE_LIST}, each a list of tracks.`
        : `has phases that are not an object (found ${kindOf(iss.input)}). Write "phases": {...} with ${PHASE_LIST}, each a list of tracks.`;
    },
  },
);

/** The whole set, once its format and version have been checked. Fields it does not know are dropped. */
export const musicSetSchema = z.object({
  format: z.literal('session-room/music-set'),
  version: z.literal(1),
  id: text('id', "Give it an id of lowercase letters, digits and '-', such as 'night-drones'.", { max: 64 }).regex(
    SET_ID_PATTERN,
    {
      error: (iss) =>
        `has an id, ${quote(String(iss.input))}, that is not lowercase letters, digits and '-'. Use an id such as 'night-drones'.`,
    },
  ),
  name: text('name', 'Give it a name a person will recognise, such as "Night Drones".', { max: MAX_NAME_LENGTH }),
  description: text('description', 'Describe the set in a sentence or two, or leave it out.', {
    max: MAX_DESCRIPTION_LENGTH,
    allowEmpty: true,
  }).default(''),
  phases: phasesSchema,
});

export type MusicSet = z.infer<typeof musicSetSchema>;
export type MusicTrack = z.infer<typeof musicTrackSchema>;
export type TrackLoudness = z.infer<typeof trackLoudnessSchema>;
