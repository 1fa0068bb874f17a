import type { VitalsValues } from './vitals';

/**
 * The Bluetooth SIG's Blood Pressure (0x1810) and Pulse Oximeter (0x1822) profiles: their measurement characteristics
 * read into the room's vital signs. Written here (the pure core imports no package): a few fixed layouts, those of the Blood Pressure Service 1.1 and Pulse Oximeter Service 1.0 specifications (GATT
 * Specification Supplement, sections 3.31, 3.163 and 3.164), values as IEEE 11073-20601 SFLOAT.
 */

export const BLOOD_PRESSURE_SERVICE = 0x1810;
export const PULSE_OXIMETER_SERVICE = 0x1822;
export const BLOOD_PRESSURE_MEASUREMENT = 0x2a35;
export const PLX_SPOT_CHECK_MEASUREMENT = 0x2a5e;
export const PLX_CONTINUOUS_MEASUREMENT = 0x2a5f;

const KPA_TO_MMHG = 7.500617;

/** IEEE 11073-20601 SFLOAT (16 bits: a 4-bit signed exponent of 10, a 12-bit signed mantissa); null for NaN, NRes and infinities. */
export function sfloat(raw: number): number | null {
  const mantissa = raw & 0x0fff;
  if (mantissa === 0x07ff || mantissa === 0x0800 || mantissa === 0x07fe || mantissa === 0x0802 || mantissa === 0x0801)
    return null;
  const m = mantissa >= 0x0800 ? mantissa - 0x1000 : mantissa;
  const e4 = (raw >> 12) & 0x0f;
  const e = e4 >= 0x08 ? e4 - 0x10 : e4;
  return Number((m * 10 ** e).toFixed(Math.max(0, -e)));
}

export interface DeviceMeasurement {
  values: VitalsValues;
  /** The device's own time stamp (its local clock, as the Date Time characteristic has no zone), when it sent one. */
  deviceTime: number | null;
}

export type Parsed = { ok: true; measurement: DeviceMeasurement } | { ok: false; problem: string };

class Reader {
  offset = 0;
  constructor(private readonly view: DataView) {}
  need(bytes: number, what: string): void {
    if (this.offset + bytes > this.view.byteLength) throw new Error(`The ${what} is cut short.`);
  }
  u8(what: string): number {
    this.need(1, what);
    return this.view.getUint8(this.offset++);
  }
  u16(what: string): number {
    this.need(2, what);
    const v = this.view.getUint16(this.offset, true);
    this.offset += 2;
    return v;
  }
  sfloat(what: string): number | null {
    return sfloat(this.u16(what));
  }
  skip(bytes: number, what: string): void {
    this.need(bytes, what);
    this.offset += bytes;
  }
  /** Date Time (0x2A08): year (uint16), month, day, hours, minutes, seconds. */
  dateTime(what: string): number | null {
    const year = this.u16(what);
    const [month, day, hours, minutes, seconds] = [1, 2, 3, 4, 5].map(() => this.u8(what)) as [
      number,
      number,
      number,
      number,
      number,
    ];
    if (year === 0 || month === 0 || day === 0) return null;
    return new Date(year, month - 1, day, hours, minutes, seconds).getTime();
  }
}

const round = (v: number) => Math.round(v);
function fail(err: unknown): Parsed {
  return { ok: false, problem: (err as Error).message };
}

/** Blood Pressure Measurement (0x2A35): flags, systolic, diastolic and mean pressure, then what the flags say is present. */
export function parseBloodPressure(view: DataView): Parsed {
  try {
    const r = new Reader(view);
    const flags = r.u8('blood pressure measurement');
    const kpa = (flags & 0x01) !== 0;
    const toMmHg = (v: number | null) => (v === null ? null : round(kpa ? v * KPA_TO_MMHG : v));
    const systolic = toMmHg(r.sfloat('systolic pressure'));
    const diastolic = toMmHg(r.sfloat('diastolic pressure'));
    r.sfloat('mean arterial pressure');
    const deviceTime = flags & 0x02 ? r.dateTime('time stamp') : null;
    const pulse = flags & 0x04 ? r.sfloat('pulse rate') : null;
    if (systolic === null || diastolic === null)
      return { ok: false, problem: 'The cuff sent no valid blood pressure: measure again.' };
    return {
      ok: true,
      measurement: {
        values: { systolic, diastolic, ...(pulse !== null ? { heartRate: round(pulse) } : {}) },
        deviceTime,
      },
    };
  } catch (err) {
    return fail(err);
  }
}

/** PLX Spot-Check Measurement (0x2A5E): flags, SpO2 and pulse rate, then an optional time stamp. */
export function parseSpotCheck(view: DataView): Parsed {
  try {
    const r = new Reader(view);
    const flags = r.u8('spot-check measurement');
    const spo2 = r.sfloat('SpO2');
    const pulse = r.sfloat('pulse rate');
    const deviceTime = flags & 0x01 ? r.dateTime('time stamp') : null;
    return oximetry(spo2, pulse, deviceTime);
  } catch (err) {
    return fail(err);
  }
}

/** PLX Continuous Measurement (0x2A5F): flags, then the normal SpO2 and pulse rate (the fast and slow pairs, when present, follow). */
export function parseContinuous(view: DataView): Parsed {
  try {
    const r = new Reader(view);
    r.u8('continuous measurement');
    const spo2 = r.sfloat('SpO2');
    const pulse = r.sfloat('pulse rate');
    return oximetry(spo2, pulse, null);
  } catch (err) {
    return fail(err);
  }
}

function oximetry(spo2: number | null, pulse: number | null, deviceTime: number | null): Parsed {
  const values: VitalsValues = {
    ...(spo2 !== null ? { spo2: round(spo2) } : {}),
    ...(pulse !== null ? { heartRate: round(pulse) } : {}),
  };
  if (Object.keys(values).length === 0)
    return { ok: false, problem: 'The oximeter sent no valid reading: check the probe on the finger.' };
  return { ok: true, measurement: { values, deviceTime } };
}
