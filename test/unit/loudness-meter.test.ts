import { describe, expect, it } from 'vitest';
import { channelWeights } from '../../main/core/loudness/channels';
import { DEFAULT_TARGET_LUFS, evenLoudnessGainDb, TRUE_PEAK_CEILING_DBTP } from '../../main/core/loudness/gain';
import { kWeightingCoefficients, type Biquad } from '../../main/core/loudness/kweighting';
import { LoudnessMeter, type LoudnessMeasurement } from '../../main/core/loudness/meter';
import { RISE_FLAG_LU } from '../../main/core/loudness/rise';
import { TRUE_PEAK_PHASES, TruePeakMeter } from '../../main/core/loudness/truepeak';
import { concat, dbToAmp, pinkNoise, seeded, sine, whiteNoise } from './loudness-fixtures';

function measure(
  channels: Float32Array[],
  rate: number,
  chunk = 4096,
  weights = channelWeights(channels.length),
): LoudnessMeasurement {
  const meter = new LoudnessMeter(rate, weights);
  const n = channels[0]!.length;
  for (let at = 0; at < n; at += chunk) meter.push(channels.map((c) => c.subarray(at, Math.min(n, at + chunk))));
  return meter.result();
}

const stereo = (x: Float32Array): Float32Array[] => [x, x.slice()];

/** |H(f)|^2 of a biquad at f Hz. */
function power(b: Biquad, f: number, rate: number): number {
  const w = (2 * Math.PI * f) / rate;
  const re = (c0: number, c1: number, c2: number) => c0 + c1 * Math.cos(w) + c2 * Math.cos(2 * w);
  const im = (c1: number, c2: number) => -c1 * Math.sin(w) - c2 * Math.sin(2 * w);
  const num = re(b.b0, b.b1, b.b2) ** 2 + im(b.b1, b.b2) ** 2;
  const den = re(1, b.a1, b.a2) ** 2 + im(b.a1, b.a2) ** 2;
  return num / den;
}
const kPowerDb = (f: number, rate: number) => {
  const [s, h] = kWeightingCoefficients(rate);
  return 10 * Math.log10(power(s, f, rate) * power(h, f, rate));
};

describe('K-weighting', () => {
  it('reproduces the 48 kHz coefficients printed in ITU-R BS.1770-4', () => {
    const [shelf, highPass] = kWeightingCoefficients(48000);
    expect(shelf.b0).toBeCloseTo(1.53512485958697, 10);
    expect(shelf.b1).toBeCloseTo(-2.69169618940638, 10);
    expect(shelf.b2).toBeCloseTo(1.19839281085285, 10);
    expect(shelf.a1).toBeCloseTo(-1.69065929318241, 10);
    expect(shelf.a2).toBeCloseTo(0.73248077421585, 10);
    expect(highPass.a1).toBeCloseTo(-1.99004745483398, 10);
    expect(highPass.a2).toBeCloseTo(0.99007225036621, 10);
  });

  it('keeps the same response at 44.1 and 96 kHz (derived, not copied), +0.69 dB at 997 Hz', () => {
    for (const f of [50, 100, 500, 997, 2000, 5000, 10000]) {
      expect(Math.abs(kPowerDb(f, 44100) - kPowerDb(f, 48000))).toBeLessThan(0.05);
      expect(Math.abs(kPowerDb(f, 96000) - kPowerDb(f, 48000))).toBeLessThan(0.05);
    }
    expect(kPowerDb(997, 44100)).toBeCloseTo(0.691, 2);
    expect(kPowerDb(20, 48000)).toBeLessThan(-10);
  });
});

describe('integrated loudness (EBU Tech 3341 style cases)', () => {
  it('reads a -23 dBFS 997 Hz stereo sine as -23.0 LUFS at 48 and 44.1 kHz, and -33 dBFS as -33.0', () => {
    expect(measure(stereo(sine(997, -23, 20, 48000)), 48000).integratedLufs).toBeCloseTo(-23, 1);
    expect(measure(stereo(sine(997, -23, 20, 44100)), 44100).integratedLufs).toBeCloseTo(-23, 1);
    expect(measure(stereo(sine(997, -33, 20, 48000)), 48000).integratedLufs).toBeCloseTo(-33, 1);
  });

  it('gates: Tech 3341 cases 3, 4 and 5 read -23.0', () => {
    const r = 48000;
    // Case 3: -36/-23/-36 dBFS for 10/60/10 s.
    const a = concat(sine(997, -36, 10, r), sine(997, -23, 60, r), sine(997, -36, 10, r));
    expect(Math.abs(measure(stereo(a), r).integratedLufs + 23)).toBeLessThan(0.1);
    // Case 4: -72/-36/-23/-36/-72 dBFS for 10/10/60/10/10 s (-72 falls under the absolute gate, -36 under the relative one).
    const c = concat(
      sine(997, -72, 10, r),
      sine(997, -36, 10, r),
      sine(997, -23, 60, r),
      sine(997, -36, 10, r),
      sine(997, -72, 10, r),
    );
    expect(Math.abs(measure(stereo(c), r).integratedLufs + 23)).toBeLessThan(0.1);
    // Case 5: -26/-20/-26 dBFS for 20/20.1/20 s.
    const b = concat(sine(997, -26, 20, r), sine(997, -20, 20.1, r), sine(997, -26, 20, r));
    expect(Math.abs(measure(stereo(b), r).integratedLufs + 23)).toBeLessThan(0.1);
  });

  it('keeps blocks above the relative gate: -72/-36/-23/-36/-72 dBFS at 20 s each reads -27.4, not -23', () => {
    // Twice as much -36 as -23 puts the ungated mean at -27.36 and the relative gate at -37.36: the -36 blocks count.
    const r = 48000;
    const c = concat(
      sine(997, -72, 20, r),
      sine(997, -36, 20, r),
      sine(997, -23, 20, r),
      sine(997, -36, 20, r),
      sine(997, -72, 20, r),
    );
    const expected = 10 * Math.log10((2 * 10 ** -3.6 + 10 ** -2.3) / 3);
    expect(Math.abs(measure(stereo(c), r).integratedLufs - expected)).toBeLessThan(0.05);
  });

  it('reads white noise at the level its K-weighted power predicts', () => {
    const rate = 48000;
    const rms = dbToAmp(-30);
    // Mean of |H|^2 over 0..Nyquist, from the frequency response rather than the time-domain filter.
    let mean = 0;
    const points = 20000;
    for (let i = 0; i < points; i++) mean += Math.pow(10, kPowerDb(((i + 0.5) / points) * (rate / 2), rate) / 10);
    mean /= points;
    const expected = -0.691 + 10 * Math.log10(2 * rms * rms * mean);
    const m = measure([whiteNoise(rms, 20, rate, 1), whiteNoise(rms, 20, rate, 2)], rate);
    expect(Math.abs(m.integratedLufs - expected)).toBeLessThan(0.05);
  });

  it('reads digital silence as -Infinity (gated), with no peak and no rise', () => {
    const m = measure(stereo(new Float32Array(48000 * 5)), 48000);
    expect(m.integratedLufs).toBe(-Infinity);
    expect(m.truePeakDbtp).toBe(-Infinity);
    expect(m.maxShortTermRiseLu).toBe(0);
    expect(m.durationSec).toBe(5);
  });

  it('weighs surrounds by 1.41 and leaves out the LFE (5.1, WAV order)', () => {
    const r = 48000;
    const tone = sine(997, -23, 10, r);
    const quiet = new Float32Array(tone.length);
    const weights = channelWeights(6);
    const inLeft = measure([tone, quiet, quiet, quiet, quiet, quiet], r, 4096, weights).integratedLufs;
    const inSurround = measure([quiet, quiet, quiet, quiet, tone, quiet], r, 4096, weights).integratedLufs;
    const inLfe = measure([quiet, quiet, quiet, tone, quiet, quiet], r, 4096, weights).integratedLufs;
    expect(inSurround - inLeft).toBeCloseTo(10 * Math.log10(1.41), 3);
    expect(inLfe).toBe(-Infinity);
    expect(channelWeights(6, 'vorbis')).toEqual([1, 1, 1, 1.41, 1.41, 0]);
  });

  it('gives the same figures whatever the chunk size (streaming)', () => {
    const r = 44100;
    const x = [pinkNoise(0.05, 5, r, 3), pinkNoise(0.05, 5, r, 4)];
    const whole = measure(x, r, x[0]!.length);
    for (const chunk of [1, 333, 4410, 65536]) {
      const m = measure(x, r, chunk);
      expect(m.integratedLufs).toBeCloseTo(whole.integratedLufs, 9);
      expect(m.truePeakDbtp).toBeCloseTo(whole.truePeakDbtp, 9);
      expect(m.maxShortTermLufs).toBeCloseTo(whole.maxShortTermLufs, 9);
      expect(m.durationSec).toBe(5);
    }
  });
});

describe('true peak (BS.1770-4 Annex 2)', () => {
  it('finds the inter-sample peak of an fs/4 sine at 45 degrees: ~3 dB over the sample peak', () => {
    const m = measure(stereo(sine(12000, -6.02, 2, 48000, 45)), 48000);
    expect(m.samplePeakDbfs).toBeCloseTo(-9.03, 1);
    // EBU Tech 3341 allows +0.2 / -0.4 dB around the true value.
    expect(m.truePeakDbtp).toBeGreaterThan(-6.02 - 0.4);
    expect(m.truePeakDbtp).toBeLessThan(-6.02 + 0.2);
  });

  it('matches a plain 4-phase filter over random audio, chunked at random (the fast path skips nothing it should not)', () => {
    const rnd = seeded(7);
    for (let trial = 0; trial < 5; trial++) {
      const n = 20000;
      const x = new Float32Array(n);
      // Quiet noise with a few loud bursts, so most runs are skipped and some are not.
      for (let i = 0; i < n; i++) x[i] = (rnd() - 0.5) * (i % 5000 < 40 ? 1.6 : 0.1);
      let expected = 0;
      for (let i = 0; i < n; i++) {
        expected = Math.max(expected, Math.abs(x[i]!));
        for (const phase of TRUE_PEAK_PHASES) {
          let y = 0;
          for (let j = 0; j < 12; j++) y += phase[j]! * (i - j >= 0 ? x[i - j]! : 0);
          expected = Math.max(expected, Math.abs(y));
        }
      }
      const meter = new TruePeakMeter(1);
      for (let at = 0; at < n;) {
        const len = Math.min(n - at, 1 + Math.floor(rnd() * 3000));
        meter.push([x.subarray(at, at + len)], len);
        at += len;
      }
      expect(meter.peak).toBeCloseTo(expected, 12);
    }
  });
});

describe('largest short-window rise', () => {
  const r = 48000;
  const quietThenLoud = () => concat(pinkNoise(dbToAmp(-40), 20, r, 5), pinkNoise(dbToAmp(-20), 20, r, 6));

  it('flags a quiet passage that suddenly gets loud (20 dB step: ~20 LU rise)', () => {
    const m = measure(stereo(quietThenLoud()), r);
    expect(m.maxShortTermRiseLu).toBeGreaterThan(19.5);
    expect(m.maxShortTermRiseLu).toBeLessThan(20.5);
    expect(m.maxShortTermRiseLu).toBeGreaterThanOrEqual(RISE_FLAG_LU);
  });

  it('does not flag a steady track, a slow crescendo, or a pause before the music resumes', () => {
    const steady = measure(stereo(pinkNoise(dbToAmp(-20), 40, r, 8)), r);
    expect(steady.maxShortTermRiseLu).toBeLessThan(1);
    // 20 dB over 60 s: about 3.3 LU in any 10 s.
    const ramp = pinkNoise(dbToAmp(-40), 60, r, 9);
    for (let i = 0; i < ramp.length; i++) ramp[i]! *= Math.pow(10, (20 * i) / ramp.length / 20);
    const crescendo = measure(stereo(ramp), r).maxShortTermRiseLu;
    expect(crescendo).toBeGreaterThan(2.5);
    expect(crescendo).toBeLessThan(5);
    const paused = concat(
      pinkNoise(dbToAmp(-30), 15, r, 10),
      new Float32Array(15 * r),
      pinkNoise(dbToAmp(-30), 15, r, 11),
    );
    expect(measure(stereo(paused), r).maxShortTermRiseLu).toBeLessThan(1);
  });

  it('integrated loudness alone misses the step: the stepped track reads only ~3 LU under the loud part', () => {
    const m = measure(stereo(quietThenLoud()), r);
    const loud = measure(stereo(pinkNoise(dbToAmp(-20), 20, r, 6)), r);
    expect(loud.integratedLufs - m.integratedLufs).toBeLessThan(3.5);
  });
});

describe('even-loudness gain', () => {
  it('brings the track to the target (-20 LUFS by default)', () => {
    expect(DEFAULT_TARGET_LUFS).toBe(-20);
    expect(evenLoudnessGainDb(-30, -15)).toBe(10);
    expect(evenLoudnessGainDb(-12, -0.5)).toBe(-8);
    expect(evenLoudnessGainDb(-23, -10, -18)).toBe(5);
  });

  it('limits the gain so the true peak stays at or under -1 dBTP', () => {
    expect(TRUE_PEAK_CEILING_DBTP).toBe(-1);
    expect(evenLoudnessGainDb(-30, -5)).toBe(4);
    expect(-5 + evenLoudnessGainDb(-30, -5)).toBe(-1);
    // Already over the ceiling and quieter than the target: it is turned down, not up.
    expect(evenLoudnessGainDb(-22, 0.5)).toBe(-1.5);
  });

  it('leaves silence alone', () => {
    expect(evenLoudnessGainDb(-Infinity, -Infinity)).toBe(0);
  });
});
