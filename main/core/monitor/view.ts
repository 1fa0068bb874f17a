import type { VitalsValues } from '../pure/observations/vitals';

/** The monitor's state as the vitals panel shows it (plain data: the page reads it as a type). */
export interface MonitorView {
  enabled: boolean;
  name: string;
  /** Where the listener takes messages ("127.0.0.1:2575"), or null when it is not listening. */
  listening: string | null;
  /** Why the listener is not listening, in a sentence. */
  problem: string | null;
  state: 'off' | 'waiting' | 'connected' | 'signal_lost';
  /** The latest values the monitor sent, and the room's time they arrived. */
  last: { values: VitalsValues; at: number } | null;
  /** Readings of the open session waiting until the person recording confirms the monitor is on its patient. */
  confirm: { sessionId: string; patientRef: string; held: number } | null;
  signalLostSince: number | null;
  /** Messages recorded, messages refused (answered AE or AR), observations kept out, connections refused. */
  counts: { recorded: number; refused: number; unknownObservations: number; refusedConnections: number };
  /** The last refusal's reason, as the monitor was answered. */
  lastRefusal: string | null;
}

/** A Bluetooth device the app found while the page asked for a cuff or an oximeter. */
export interface BluetoothCandidate {
  id: string;
  name: string;
}
