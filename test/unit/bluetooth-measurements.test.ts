import { describe, expect, it } from 'vitest';
import {
  parseBloodPressure,
  parseContinuous,
  parseSpotCheck,
  sfloat,
} from '../../main/core/pure/observations/bluetooth';

const bytes = (...b: number[]) => new DataView(new Uint8Array(b).buffer);

describe('IEEE 11073-20601 SFLOAT', () => {
  it('reads the exponent and mantissa, negative ones too, and the special values as none', () => {
    expect(sfloat(0x0078)).toBe(120);
    expect(sfloat(0xf4b5)).toBe(120.5); // 1205 x 10^-1
    expect(sfloat(0x1009)).toBe(90); // 9 x 10^1
    expect(sfloat(0x0fff)).toBe(-1); // mantissa -1
    for (const special of [0x07ff, 0x0800, 0x07fe, 0x0802, 0x0801]) expect(sfloat(special)).toBeNull();
  });
});

describe('Blood Pressure Measurement (0x2A35), as the Blood Pressure Service lays it out', () => {
  it('flags 0x06: mmHg, with the time stamp and the pulse rate', () => {
    // flags, systolic 120, diastolic 80, MAP 93, 2026-12-04 09:30:15, pulse 72
    const r = parseBloodPressure(
      bytes(0x06, 0x78, 0x00, 0x50, 0x00, 0x5d, 0x00, 0xea, 0x07, 12, 4, 9, 30, 15, 0x48, 0x00),
    );
    expect(r).toEqual({
      ok: true,
      measurement: {
        values: { systolic: 120, diastolic: 80, heartRate: 72 },
        deviceTime: new Date(2026, 11, 4, 9, 30, 15).getTime(),
      },
    });
  });
  it('flags 0x01: kPa, converted to mmHg; a user id and status after it are skipped', () => {
    // 16.0 kPa (160 x 10^-1) = 120 mmHg, 10.7 kPa = 80 mmHg
    const r = parseBloodPressure(bytes(0x19, 0xa0, 0xf0, 0x6b, 0xf0, 0x7c, 0xf0, 0x01, 0x00, 0x00));
    expect(r).toEqual({ ok: true, measurement: { values: { systolic: 120, diastolic: 80 }, deviceTime: null } });
  });
  it('a measurement cut short, or with no valid pressure, is refused with a sentence', () => {
    expect(parseBloodPressure(bytes(0x06, 0x78, 0x00, 0x50))).toEqual({
      ok: false,
      problem: 'The diastolic pressure is cut short.',
    });
    expect(parseBloodPressure(bytes(0x00, 0xff, 0x07, 0xff, 0x07, 0xff, 0x07))).toEqual({
      ok: false,
      problem: 'The cuff sent no valid blood pressure: measure again.',
    });
  });
});

describe('Pulse Oximeter Service: PLX Spot-Check (0x2A5E) and Continuous (0x2A5F) measurements', () => {
  it('spot-check with a time stamp (flags 0x01)', () => {
    const r = parseSpotCheck(bytes(0x01, 0x61, 0x00, 0x48, 0x00, 0xea, 0x07, 12, 4, 9, 31, 0));
    expect(r).toEqual({
      ok: true,
      measurement: { values: { spo2: 97, heartRate: 72 }, deviceTime: new Date(2026, 11, 4, 9, 31, 0).getTime() },
    });
  });
  it('continuous: the normal pair, with fast and slow pairs after it (flags 0x03)', () => {
    const r = parseContinuous(bytes(0x03, 0x5f, 0x00, 0x4b, 0x00, 0x5e, 0x00, 0x4c, 0x00, 0x60, 0x00, 0x4a, 0x00));
    expect(r).toEqual({ ok: true, measurement: { values: { spo2: 95, heartRate: 75 }, deviceTime: null } });
  });
  it('no valid value (NaN from a probe off the finger) is refused with what to do', () => {
    expect(parseContinuous(bytes(0x00, 0xff, 0x07, 0xff, 0x07))).toEqual({
      ok: false,
      problem: 'The oximeter sent no valid reading: check the probe on the finger.',
    });
  });
});
