import net from 'node:net';
import tls from 'node:tls';
import { Hl7Message } from '@medplum/core';
import { VITAL_SIGNS, type VitalsValues } from '../pure/observations/vitals';
import { frame, MllpReader } from './mllp';
import { hl7Time } from './pcd01';

export const SCENARIOS = ['normal', 'desaturation', 'hypertension', 'signal-loss'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** One message the simulated monitor sends: its values at its own time (seconds from the start). */
export interface SimulatedReading {
  second: number;
  values: VitalsValues;
}

/** A gentle wobble, the same every run: a real monitor's numbers are never flat. */
const wobble = (second: number, size: number) => Math.round(Math.sin(second * 0.7) * size);

/**
 * The scenario's readings: 1 Hz SpO2 and pulse from the oximeter, and a cuff reading at the start (and every 5 minutes).
 * desaturation: SpO2 falls below 92 % at 20 s, to 86 %, for about 30 s, and recovers; hypertension: the cuff reads
 * 186/114; signal-loss: the oximeter stops after 20 s.
 */
export function scenarioReadings(scenario: Scenario, seconds: number): SimulatedReading[] {
  const out: SimulatedReading[] = [];
  const last = scenario === 'signal-loss' ? Math.min(seconds, 20) : seconds;
  for (let s = 0; s < last; s++) {
    if (s % 300 === 0) {
      const [sys, dia] = scenario === 'hypertension' ? [186, 114] : [124 + wobble(s, 2), 78 + wobble(s, 2)];
      out.push({ second: s, values: { systolic: sys, diastolic: dia, heartRate: 76 + wobble(s, 2) } });
    }
    let spo2 = 97 + (wobble(s, 1) > 0 ? 1 : 0);
    if (scenario === 'desaturation' && s >= 20 && s < 52) spo2 = s < 26 ? 91 - (s - 20) : s < 46 ? 86 : 89 + (s - 46);
    if (spo2 > 100) spo2 = 100;
    out.push({ second: s, values: { spo2, heartRate: 74 + wobble(s, 3) } });
  }
  return out;
}

const MDC_TEXT = (field: keyof VitalsValues) => {
  const device = VITAL_SIGNS[field].device!;
  const code = field === 'heartRate' ? device.mdc.find((m) => m.refid === 'MDC_PULS_OXIM_PULS_RATE')! : device.mdc[0]!;
  return `${code.code}^${code.refid}^MDC`;
};
/** The unit as a gateway codes it, from the registry's row (its accepted units start with the MDC code and its reference id). */
const UNIT = (field: keyof VitalsValues) => {
  const [code, refid] = VITAL_SIGNS[field].device!.units;
  return `${code}^${refid}^MDC`;
};

/** A PCD-01 ORU^R01 message (HL7 v2.6) as a bedside monitor's gateway sends it: MDC-coded OBX per value. */
export function pcd01Message(options: {
  controlId: string;
  time: number;
  values: VitalsValues;
  patientId?: string;
  sender?: string;
}): string {
  const t = hl7Time(options.time);
  const fields = Object.keys(options.values) as (keyof VitalsValues)[];
  return new Hl7Message([
    `MSH|^~\\&|${options.sender ?? 'MONITOR-SIM^0012345678ABCDEF^EUI-64'}|ROOM|SESSION-ROOM|ROOM|${t}||ORU^R01^ORU_R01|${options.controlId}|P|2.6|||NE|AL||UNICODE UTF-8|||IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO`,
    `PID|||${options.patientId ?? ''}`,
    `OBR|1|${options.controlId}^MONITOR-SIM||182777000^monitoring of patient^SCT|||${t}`,
    ...fields.map(
      (f, i) =>
        `OBX|${i + 1}|NM|${MDC_TEXT(f)}|1.1.1.${i + 1}|${options.values[f]}|${UNIT(f)}|||||R|||${t}||||0012345678ABCDEF^^0012345678ABCDEF^EUI-64`,
    ),
  ]).toString();
}

export interface Ack {
  code: string;
  controlId: string;
  text: string;
}

/** An MLLP connection to the room: send a message, wait for its ACK. */
export class MllpClient {
  private readonly reader = new MllpReader();
  private waiting: ((ack: Ack) => void)[] = [];
  private closedWith: Error | null = null;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const text of this.reader.push(chunk)) {
        const msa = /(?:^|\r)MSA\|([^|\r]*)\|([^|\r]*)(?:\|([^|\r]*))?/.exec(text);
        this.waiting.shift()?.({ code: msa?.[1] ?? '?', controlId: msa?.[2] ?? '', text: msa?.[3] ?? '' });
      }
    });
    const closed = (err?: Error) => {
      this.closedWith = err ?? new Error('The room closed the connection.');
      for (const w of this.waiting.splice(0)) w({ code: 'closed', controlId: '', text: this.closedWith.message });
    };
    socket.on('error', closed);
    socket.on('close', () => closed());
  }

  static connect(to: { host: string; port: number }, localAddress?: string): Promise<MllpClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: to.host, port: to.port, ...(localAddress ? { localAddress } : {}) });
      socket.once('connect', () => resolve(new MllpClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Over TLS, as a gateway that speaks MLLP over TLS: the room's certificate is verified against `ca` and the address. */
  static connectTls(to: { host: string; port: number }, ca: string): Promise<MllpClient> {
    return new Promise((resolve, reject) => {
      const socket = tls.connect({ host: to.host, port: to.port, ca });
      socket.once('secureConnect', () => resolve(new MllpClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends raw MLLP bytes (or a message to frame) and waits for the answer (or the connection's end). */
  send(message: string | Buffer, timeoutMs = 5000): Promise<Ack> {
    if (this.closedWith) return Promise.resolve({ code: 'closed', controlId: '', text: this.closedWith.message });
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ code: 'timeout', controlId: '', text: 'No answer.' }), timeoutMs);
      this.waiting.push((ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      this.socket.write(typeof message === 'string' ? frame(message) : message);
    });
  }

  close(): void {
    this.socket.end();
  }
}

/**
 * Plays a scenario to the room: each reading at its second (`realTime`), or one after another as fast as the room
 * answers, the monitor's own clock still a second apart. Calls `onAck` for every answer.
 */
export async function runScenario(options: {
  to: { host: string; port: number };
  scenario: Scenario;
  seconds: number;
  realTime: boolean;
  from?: string;
  patientId?: string;
  startTime?: number;
  onAck?: (reading: SimulatedReading, ack: Ack) => void;
}): Promise<Ack[]> {
  const client = await MllpClient.connect(options.to, options.from);
  const start = options.startTime ?? Date.now();
  const acks: Ack[] = [];
  const began = Date.now();
  let n = 0;
  try {
    for (const reading of scenarioReadings(options.scenario, options.seconds)) {
      if (options.realTime) {
        const wait = began + reading.second * 1000 - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      const ack = await client.send(
        pcd01Message({
          controlId: `SIM${start}-${++n}`,
          time: start + reading.second * 1000,
          values: reading.values,
          ...(options.patientId ? { patientId: options.patientId } : {}),
        }),
      );
      acks.push(ack);
      options.onAck?.(reading, ack);
      if (ack.code === 'closed') break;
    }
  } finally {
    client.close();
  }
  return acks;
}
