/**
 * The shipped music sets as recipes: for each set and phase, its tracks (title, length) and the
 * sound of each (slow drones of detuned sine pairs over soft coloured noise, no attacks, nothing
 * that jumps). Deterministic: the same recipe always gives the same tracks, sample for sample.
 * scripts/synth.mjs renders a track's samples, scripts/make-music.mjs encodes them with sox and
 * writes playlists/<set>.json; docs/music-set-format.md describes the result.
 */

/** Raise this when a recipe or the synthesis changes: every generated file is made again. */
export const RECIPE_VERSION = 1;
/** Mono at 8 kHz: the drones sit below 2.2 kHz, and it keeps 13 hours of music fast to make and small (16 kbps mp3, about 120 KB a minute). */
export const SAMPLE_RATE = 8000;
export const BITRATE_KBPS = 16;
export const ARTIST = 'Session Room';

/**
 * Minutes each shipped set's phase music must last: the longest the phase runs for any route in CLINICAL.md
 * section 1 (oral is the longest), plus margin for boosters and for a therapist holding a phase.
 * The one place these figures live; test/unit/shipped-sets.test.ts checks the shipped sets against them.
 *
 * settling  25 min  up to 20 before the dose
 * onset     65 min  dose to peak: oral, up to 60
 * peak      95 min  up to 90 when the therapist holds the peak or a booster restarts it
 * return   155 min  oral: effects end up to 240 min after the dose, 150 after the peak
 * after     65 min  integration, up to 60
 */
export const PHASE_COVER_MINUTES = { settling: 25, onset: 65, peak: 95, return: 155, after: 65 };
export const PHASES = /** @type {const} */ (['settling', 'onset', 'peak', 'return', 'after']);

/** A small seeded generator (mulberry32), so every run picks the same values. */
export function random(seedText) {
  let seed = 2166136261;
  for (const ch of seedText) seed = Math.imul(seed ^ ch.charCodeAt(0), 16777619) >>> 0;
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Each phase's sound. chord: semitones above the set's root; roots: where a track's chord
 * may sit (semitones), chosen per track; cutoff: the brightest the track gets (Hz);
 * noise: the bed's colour, level and breathing period (s); air: whistling resonances;
 * lfo: the slowest and fastest swell of a voice (s).
 */
const STILL_WATER = {
  id: 'still-water',
  name: 'Still Water',
  description:
    'Warm, open drones over the sound of slow water, in D major. Gentle breathing swells while settling, a widening chord through onset and peak, warmth on the way back, light and air after.',
  rootHz: 73.42,
  minutes: [9, 13],
  phases: {
    settling: { chord: [0, 7, 12], roots: [0, 5], cutoff: 700, noise: ['pink', 0.32, 10], air: [], lfo: [40, 70] },
    onset: {
      chord: [0, 7, 12, 14, 19],
      roots: [0, 5, 7],
      cutoff: 1000,
      noise: ['pink', 0.2, 13],
      air: [24],
      lfo: [45, 80],
    },
    peak: {
      chord: [0, 7, 12, 16, 19, 24, 26],
      roots: [0, 5, 7, -3],
      cutoff: 1500,
      noise: ['pink', 0.12, 17],
      air: [24, 31],
      lfo: [60, 120],
    },
    return: {
      chord: [0, 7, 12, 16, 19],
      roots: [0, 5, -5, 7],
      cutoff: 900,
      noise: ['pink', 0.22, 12],
      air: [19],
      lfo: [50, 90],
    },
    after: {
      chord: [12, 19, 24, 28],
      roots: [0, 5],
      cutoff: 2200,
      noise: ['pink', 0.18, 11],
      air: [31],
      lfo: [40, 75],
    },
  },
  titles: {
    settling: ['Shoreline', 'Arriving', 'Slow Breath', 'Harbour'],
    onset: ['Loosening', 'Tide Turning', 'Ripples', 'Drift', 'Softening', 'Open Sky', 'Widening', 'Lifting'],
    peak: [
      'Open Water',
      'Depth',
      'Wide Light',
      'Suspended',
      'Stillness',
      'Horizon',
      'Clear Deep',
      'Vast',
      'Floating',
      'Luminous',
      'Current',
      'Boundless',
    ],
    return: [
      'Returning Tide',
      'Warm Sand',
      'Gathering',
      'Homeward',
      'Slow Current',
      'Low Sun',
      'Soft Landing',
      'Estuary',
      'Settling Silt',
      'Evening Pool',
      'Reeds',
      'Gentle Bank',
      'Quiet Cove',
      'Lantern',
      'Heron',
      'Mooring',
      'Dusk Water',
      'Resting Oar',
    ],
    after: [
      'Clear Morning',
      'Integration',
      'Rain on Glass',
      'Calm Surface',
      'Light Held',
      'Open Window',
      'Still',
      'Warm Cup',
    ],
  },
};

const NIGHT_DRONES = {
  id: 'night-drones',
  name: 'Night Drones',
  description:
    'Low, dark drones in A minor over distant wind, for long sessions. Deep and slowly beating through the peak, embers and a soft dawn after.',
  rootHz: 55,
  minutes: [10, 14],
  phases: {
    settling: { chord: [0, 7, 12, 15], roots: [0, 5], cutoff: 550, noise: ['brown', 0.4, 12], air: [], lfo: [50, 80] },
    onset: {
      chord: [0, 7, 12, 15, 19],
      roots: [0, -4, 5],
      cutoff: 800,
      noise: ['brown', 0.3, 15],
      air: [19],
      lfo: [55, 95],
    },
    peak: {
      chord: [0, 7, 10, 12, 15, 19, 22],
      roots: [0, -4, 3, 5],
      cutoff: 1100,
      noise: ['brown', 0.22, 19],
      air: [24, 27],
      lfo: [70, 140],
    },
    return: {
      chord: [0, 7, 12, 15],
      roots: [0, -4, 5, 3],
      cutoff: 700,
      noise: ['brown', 0.32, 14],
      air: [15],
      lfo: [60, 100],
    },
    after: {
      chord: [12, 19, 24, 27],
      roots: [3, 0],
      cutoff: 1600,
      noise: ['pink', 0.16, 12],
      air: [27],
      lfo: [45, 80],
    },
  },
  titles: {
    settling: ['Dusk', 'Lamplight', 'Lying Down', 'Night Air'],
    onset: ['Descent', 'Going Under', 'Dark Field', 'Low Hum', 'Thinning', 'Night Road', 'Falling Slowly', 'Deep Blue'],
    peak: [
      'Deep Field',
      'Night Sky',
      'Orbit',
      'Starless',
      'Nebula',
      'The Hollow',
      'Gravity',
      'Abyssal',
      'Far Signal',
      'Dark Matter',
      'Event Horizon',
      'Vault',
    ],
    return: [
      'Slow Orbit',
      'Moonrise',
      'Earthward',
      'Night Garden',
      'Owl Hours',
      'Cooling Stone',
      'Embers',
      'Old Forest',
      'Tide at Night',
      'Candle',
      'Distant Bell',
      'Hearth',
      'Long Hour',
      'Blue Hour',
      'Night Rain',
      'Pine Dark',
      'Lantern Path',
      'Sleepers',
    ],
    after: ['First Light', 'Waking', 'Grey Dawn', 'Warm Room', 'Morning Hum', 'Quiet House', 'Returning Day', 'Kettle'],
  },
};

export const SETS = [STILL_WATER, NIGHT_DRONES];

const slug = (title) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Track lengths (whole seconds) for a phase: random lengths in the set's range until the phase is covered. */
function phaseLengths(set, phase) {
  const rand = random(`${set.id}/${phase}/lengths`);
  const needed = PHASE_COVER_MINUTES[phase] * 60;
  const [lo, hi] = set.minutes;
  const lengths = [];
  let total = 0;
  while (total < needed) {
    const sec = Math.round((lo + rand() * (hi - lo)) * 60);
    lengths.push(sec);
    total += sec;
  }
  return lengths;
}

/** Every track of a set, in phase order: where it goes, its title and length, and the voice plan to render it. */
export function setTracks(set) {
  return PHASES.flatMap((phase) =>
    phaseLengths(set, phase).map((durationSec, i) => {
      const title = set.titles[phase][i] ?? `${set.titles[phase][0]} ${i + 1}`;
      const number = String(i + 1).padStart(2, '0');
      return {
        phase,
        title,
        durationSec,
        file: `${set.id}/${phase}-${number}-${slug(title)}.mp3`,
        plan: trackPlan(set, phase, i, durationSec),
      };
    }),
  );
}

/**
 * What one track is made of, every random choice taken here (seeded by set, phase and track):
 * drone voices (frequency, level, swell period and phase), the noise bed, the air resonances, the tone.
 */
function trackPlan(set, phase, index, durationSec) {
  const sound = set.phases[phase];
  const rand = random(`${set.id}/${phase}/${index}`);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const between = (a, b) => a + rand() * (b - a);
  const root = set.rootHz * 2 ** (pick(sound.roots) / 12);
  // Each chord tone, quieter as it rises, swelling on its own period and beating slowly as a detuned pair would.
  const voices = sound.chord.map((semitones, k) => ({
    hz: root * 2 ** (semitones / 12),
    level: 1 / (1 + k * 0.7),
    swellSec: between(...sound.lfo),
    beatHz: between(0.15, 0.6),
    phase: rand() * 2 * Math.PI,
  }));
  const [colour, noiseLevel, breathSec] = sound.noise;
  return {
    sampleRate: SAMPLE_RATE,
    durationSec,
    voices,
    bed: {
      colour,
      level: noiseLevel,
      cutoffHz: sound.cutoff * 0.6,
      breathSec: breathSec * between(0.9, 1.1),
      seed: Math.floor(rand() * 2 ** 31),
    },
    air: sound.air.map((semitones) => ({
      hz: root * 2 ** (semitones / 12) + between(-0.5, 0.5),
      swellSec: between(1.5, 3) * between(...sound.lfo),
      phase: rand() * 2 * Math.PI,
      seed: Math.floor(rand() * 2 ** 31),
    })),
    cutoffHz: sound.cutoff * between(0.85, 1.1),
    fadeInSec: 4,
    fadeOutSec: 10,
  };
}

/** The set file for a set (the music set format, version 1), as an object. */
export function setFile(set, tracks) {
  const phases = Object.fromEntries(PHASES.map((p) => [p, []]));
  for (const t of tracks)
    phases[t.phase].push({ file: t.file, title: t.title, artist: ARTIST, durationSec: t.durationSec });
  return {
    format: 'session-room/music-set',
    version: 1,
    id: set.id,
    name: set.name,
    description: set.description,
    phases,
  };
}
