import { Hl7Message, Hl7Segment } from '@medplum/core';
import { deviceUnitProblem, deviceVitalSign } from '../pure/observations/device';
import { vitalsProblem, type VitalsValues } from '../pure/observations/vitals';

/** One PCD-01 message (HL7 v2 ORU^R01) as the room reads it. */
export interface Pcd01Reading {
  controlId: string;
  /** MSH-3: the sending application (the monitor or its gateway). */
  sender: string;
  /** PID-3's first identifier, when the monitor knows the patient. */
  patientId: string | null;
  /** The monitor's own time of the observations (OBX-14, else OBR-7, else MSH-7). */
  deviceTime: number | null;
  values: VitalsValues;
  /** Observations the room does not record (not a vital sign of its registry): kept out and counted. */
  unknown: number;
}

export type Pcd01Result =
  | { ok: true; message: Hl7Message; reading: Pcd01Reading }
  | { ok: false; code: 'AE' | 'AR'; reason: string; message: Hl7Message | null };

/** HL7 v2 DTM (YYYY[MM[DD[HH[MM[SS[.S]]]]]][+/-ZZZZ]) to a time; without a zone, the computer's own. */
export function parseHl7Time(text: string): number | null {
  const m = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.(\d{1,4}))?([+-]\d{4})?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', frac = '0', zone] = m;
  const ms = Math.round(Number(`0.${frac}`) * 1000);
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms] as const;
  if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const offset = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
    return Date.UTC(...parts) - offset;
  }
  const t = new Date(...parts).getTime();
  return Number.isFinite(t) ? t : null;
}

/** HL7 v2 DTM of a time, in UTC with its zone (+0000). */
export function hl7Time(t: number): string {
  const iso = new Date(t).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}.${iso.slice(20, 23)}+0000`;
}

/** Reads a PCD-01 message: the vital signs it carries, by MDC or LOINC code, units checked; or why it was not recorded. */
export function readPcd01(text: string): Pcd01Result {
  let message: Hl7Message;
  try {
    message = Hl7Message.parse(text);
  } catch {
    return {
      ok: false,
      code: 'AR',
      reason: 'Not an HL7 v2 message: it does not begin with an MSH segment.',
      message: null,
    };
  }
  try {
    const msh = message.header;
    const type = `${msh.getComponent(9, 1)}^${msh.getComponent(9, 2)}`;
    if (type !== 'ORU^R01')
      return {
        ok: false,
        code: 'AR',
        reason: `The room takes ORU^R01 observation messages (IHE PCD-01), not ${type}.`,
        message,
      };
    const controlId = msh.getComponent(10, 1);
    if (!controlId) return { ok: false, code: 'AR', reason: 'The message has no control id (MSH-10).', message };
    const obr = message.getSegment('OBR');
    const headerTime = parseHl7Time(obr?.getComponent(7, 1) ?? '') ?? parseHl7Time(msh.getComponent(7, 1));
    const pid = message.getSegment('PID');
    const patientId = pid?.getComponent(3, 1)?.trim() || null;
    const values: VitalsValues = {};
    let unknown = 0;
    let deviceTime: number | null = headerTime;
    for (const obx of message.getAllSegments('OBX')) {
      const field = deviceVitalSign({
        id: obx.getComponent(3, 1),
        text: obx.getComponent(3, 2),
        system: obx.getComponent(3, 3),
      });
      if (!field) {
        unknown++;
        continue;
      }
      const status = obx.getComponent(11, 1).trim().toUpperCase();
      // A value the monitor marks as deleted, wrong or not yet valid is not a reading.
      if (status === 'D' || status === 'W' || status === 'X') continue;
      const raw = obx.getComponent(5, 1).trim();
      const value = Number(raw);
      if (obx.getComponent(2, 1) !== 'NM' || raw === '' || !Number.isFinite(value))
        return {
          ok: false,
          code: 'AE',
          reason: `The value "${raw.slice(0, 20)}" of ${obx.getComponent(3, 2) || obx.getComponent(3, 1)} is not a number: nothing in the message was recorded.`,
          message,
        };
      const unitProblem = deviceUnitProblem(field, {
        id: obx.getComponent(6, 1),
        text: obx.getComponent(6, 2),
        system: obx.getComponent(6, 3),
      });
      if (unitProblem) return { ok: false, code: 'AE', reason: unitProblem, message };
      values[field] = value;
      deviceTime = parseHl7Time(obx.getComponent(14, 1)) ?? deviceTime;
    }
    if (Object.keys(values).length === 0)
      return {
        ok: false,
        code: 'AE',
        reason: `The message carries no vital sign the room records (${unknown} other observation${unknown === 1 ? '' : 's'}).`,
        message,
      };
    const problem = vitalsProblem(values);
    if (problem)
      return {
        ok: false,
        code: 'AE',
        reason: `${problem.replace(' Check for a typing error.', '')} Nothing in the message was recorded.`,
        message,
      };
    return {
      ok: true,
      message,
      reading: { controlId, sender: msh.getComponent(3, 1), patientId, deviceTime, values, unknown },
    };
  } catch {
    return { ok: false, code: 'AR', reason: 'The message could not be read as HL7 v2.', message };
  }
}

/** Characters HL7 v2 gives a meaning to, kept out of a reason sent back in an ACK. */
const plain = (text: string) => text.replace(/[|^~\\&\r\n]/g, ' ').slice(0, 200);

/** The HL7 ACK for a message: AA when recorded, AE or AR with the reason (MSA-3 and ERR-8) when not. */
export function ackFor(message: Hl7Message | null, code: 'AA' | 'AE' | 'AR', reason?: string): string {
  let ack: Hl7Message;
  const c = message?.context;
  // An ACK is written in the message's own encoding characters only when they are the standard ones: a sender whose
  // MSH-1 and MSH-2 are garbled still gets an answer it can read.
  const standard =
    c &&
    c.fieldSeparator === '|' &&
    c.componentSeparator === '^' &&
    c.repetitionSeparator === '~' &&
    c.escapeCharacter === '\\' &&
    c.subcomponentSeparator === '&';
  try {
    if (!message || !standard) throw new Error('not standard');
    ack = message.buildAck({ ackCode: code });
  } catch {
    let controlId: string;
    try {
      controlId = standard ? plain(message?.header.getComponent(10, 1) ?? '') : '';
    } catch {
      controlId = '';
    }
    ack = new Hl7Message([
      `MSH|^~\\&|SESSION-ROOM|ROOM|||${hl7Time(Date.now())}||ACK^R01^ACK|${Date.now()}|P|2.6`,
      `MSA|${code}|${controlId}`,
    ]);
  }
  const msa = ack.getSegment('MSA');
  if (msa && reason) msa.setField(3, plain(reason));
  if (reason && code !== 'AA')
    ack = new Hl7Message([...ack.segments, Hl7Segment.parse(`ERR||||E||||${plain(reason)}`, ack.context)], ack.context);
  return ack.toString();
}
