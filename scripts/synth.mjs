/**
 * Renders a track plan (scripts/music-recipes.mjs) to mono float samples: sine drones that swell
 * and beat slowly, air tones that waver, a breathing noise bed, a gentle low-pass and fades.
 * Written here because sox's own synth is far too slow for 13 hours of audio (about 350 ns a
 * sample for each voice, measured) while this takes a few nanoseconds; sox then encodes it.
 * It runs block by block (256 samples): gains change once a block (interpolated), oscillators
 * run in pairs (two independent rotations per loop), and the noise bed is made at a quarter rate.
 */

/** Level the tracks are brought to (RMS, dBFS): about -24 LUFS for this material, far from clipping. */
const TARGET_RMS_DB = -24;
const BLOCK = 256;
const BED_DECIMATION = 4;

/** An RBJ low-pass biquad. */
class LowPass {
  constructor(hz, sampleRate) {
    const w = (2 * Math.PI * Math.min(hz, sampleRate * 0.45)) / sampleRate;
    const alpha = Math.sin(w) / (2 * Math.SQRT1_2);
    const cos = Math.cos(w);
    const a0 = 1 + alpha;
    this.b0 = (1 - cos) / 2 / a0;
    this.b1 = (1 - cos) / a0;
    this.a1 = (-2 * cos) / a0;
    this.a2 = (1 - alpha) / a0;
    this.x1 = this.x2 = this.y1 = this.y2 = 0;
  }

  run(x) {
    const y = this.b0 * (x + this.x2) + this.b1 * this.x1 - this.a1 * this.y1 - this.a2 * this.y2;
    this.x2 = this.x1;
    this.x1 = x;
    this.y2 = this.y1;
    this.y1 = y;
    return y;
  }
}

/** Seeded noise (xorshift32): white, pink (Paul Kellet's economical filter) or brown (leaky integration). */
class Noise {
  constructor(colour, seed) {
    this.brown = colour === 'brown';
    this.state = seed >>> 0 || 1;
    this.b0 = this.b1 = this.b2 = 0;
  }

  white() {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 2147483648 - 1;
  }

  next() {
    const w = this.white();
    if (this.brown) return (this.b0 = this.b0 * 0.995 + w * 0.1);
    this.b0 = 0.99765 * this.b0 + w * 0.099046;
    this.b1 = 0.963 * this.b1 + w * 0.2965164;
    this.b2 = 0.57 * this.b2 + w * 1.0526913;
    return (this.b0 + this.b1 + this.b2 + w * 0.1848) * 0.25;
  }
}

/** A sine by rotation (two multiplies a sample); `gainAt(i)` is its level at sample i, read once a block. */
function oscillator(hz, phase, sampleRate, gainAt) {
  const w = (2 * Math.PI * hz) / sampleRate;
  return { c: Math.cos(w), s: Math.sin(w), x: Math.cos(phase), y: Math.sin(phase), gainAt };
}

const SILENT = oscillator(0, 0, 1, () => 0);

/** Adds two oscillators into the block together: their rotations are independent, so the CPU overlaps them. */
function addPair(block, len, i, a, b) {
  const ga = a.gainAt(i);
  const gb = b.gainAt(i);
  const sa = (a.gainAt(i + BLOCK) - ga) / BLOCK;
  const sb = (b.gainAt(i + BLOCK) - gb) / BLOCK;
  let { x: ax, y: ay } = a;
  let { x: bx, y: by } = b;
  const { c: ac, s: as } = a;
  const { c: bc, s: bs } = b;
  for (let j = 0; j < len; j++) {
    const nax = ax * ac - ay * as;
    ay = ax * as + ay * ac;
    ax = nax;
    const nbx = bx * bc - by * bs;
    by = bx * bs + by * bc;
    bx = nbx;
    block[j] += ay * (ga + sa * j) + by * (gb + sb * j);
  }
  // Renormalised once a block, so the rotation never drifts in level.
  const ra = 1 / Math.hypot(ax, ay);
  const rb = 1 / Math.hypot(bx, by);
  a.x = ax * ra;
  a.y = ay * ra;
  b.x = bx * rb;
  b.y = by * rb;
}

/** The track's samples, mono, at plan.sampleRate, exactly plan.durationSec long. */
export function renderTrack(plan) {
  const sr = plan.sampleRate;
  const n = Math.round(plan.durationSec * sr);
  const out = new Float32Array(n);
  const block = new Float64Array(BLOCK);
  const perSample = (periodSec) => (2 * Math.PI) / (periodSec * sr);

  const oscs = plan.voices.map((v) => {
    const swell = perSample(v.swellSec);
    const beat = (2 * Math.PI * v.beatHz) / sr;
    return oscillator(
      v.hz,
      v.phase,
      sr,
      (i) => v.level * (0.65 + 0.35 * Math.sin(swell * i + v.phase)) * (0.7 + 0.3 * Math.cos(beat * i)),
    );
  });
  // Air: a high tone whose level wanders at random (as noise through a narrow resonance would), over a slow swell.
  for (const a of plan.air) {
    const swell = perSample(a.swellSec);
    const wander = new Noise('brown', a.seed);
    const levels = new Map();
    const wanderAt = (blockIndex) => {
      if (!levels.has(blockIndex)) levels.set(blockIndex, 0.6 + 0.4 * Math.tanh(wander.next() * 3));
      if (levels.size > 4) levels.delete(levels.keys().next().value);
      return levels.get(blockIndex);
    };
    oscs.push(
      oscillator(a.hz, a.phase, sr, (i) => 0.35 * (0.5 - 0.5 * Math.cos(swell * i)) * wanderAt(Math.floor(i / BLOCK))),
    );
  }
  if (oscs.length % 2) oscs.push(SILENT);

  // The bed: coloured noise, low-passed, breathing slowly; made at a quarter rate and interpolated.
  const bedRate = sr / BED_DECIMATION;
  const bedNoise = new Noise(plan.bed.colour, plan.bed.seed);
  const bedFilter = new LowPass(plan.bed.cutoffHz, bedRate);
  const breath = perSample(plan.bed.breathSec);
  const bedLevel = plan.bed.level * 6;
  let prev = 0;
  let next = bedFilter.run(bedNoise.next());
  const tone = new LowPass(plan.cutoffHz, sr);

  let energy = 0;
  for (let i = 0; i < n; i += BLOCK) {
    const len = Math.min(BLOCK, n - i);
    block.fill(0);
    for (let k = 0; k < oscs.length; k += 2) addPair(block, len, i, oscs[k], oscs[k + 1]);
    const g = bedLevel * (0.7 + 0.3 * Math.sin(breath * i));
    for (let j = 0; j < len; j++) {
      const t = (i + j) % BED_DECIMATION;
      if (t === 0) {
        prev = next;
        next = bedFilter.run(bedNoise.next());
      }
      block[j] += g * (prev + ((next - prev) * t) / BED_DECIMATION);
    }
    for (let j = 0; j < len; j++) {
      const v = tone.run(block[j]);
      out[i + j] = v;
      energy += v * v;
    }
  }

  const gain = 10 ** (TARGET_RMS_DB / 20) / (Math.sqrt(energy / n) || 1);
  const fadeIn = plan.fadeInSec * sr;
  const fadeOut = plan.fadeOutSec * sr;
  for (let i = 0; i < n; i++) {
    const edge = Math.min(1, i / fadeIn, (n - 1 - i) / fadeOut);
    const v = out[i] * gain * (edge >= 1 ? 1 : Math.sin((Math.PI / 2) * Math.max(0, edge)));
    // A soft ceiling far above the music's level: never a clip.
    out[i] = Math.abs(v) < 0.5 ? v : Math.sign(v) * (0.5 + 0.4 * Math.tanh((Math.abs(v) - 0.5) / 0.4));
  }
  return out;
}
