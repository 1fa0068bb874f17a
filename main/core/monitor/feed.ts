import { presetRules } from '../pure/discharge/rules';
import { RoomError } from '../pure/errors';
import {
  closeMinute,
  emptyContinuous,
  SIGNAL_LOST_MS,
  stepContinuous,
  type ContinuousState,
  type Desaturation,
  type MinuteSummary,
} from '../pure/observations/continuous';
import {
  SIGNAL_BACK_TAG,
  SIGNAL_LOST_TAG,
  vitalsAlerts,
  type AlertFlag,
  type VitalsValues,
} from '../pure/observations/vitals';
import type { SessionState } from '../pure/session/fold';
import type { RoomApi } from '../room-api';
import type { DeviceSource, NewEvent } from '../session/events';
import type { Pcd01Reading } from './pcd01';
import type { MonitorSettings } from './settings';
import type { MonitorView } from './view';

/** Readings held while the monitor waits for confirmation (an hour of 1 Hz samples). */
const MAX_HELD = 3600;

interface Sample {
  controlId: string;
  values: VitalsValues;
  deviceTime: number;
  receivedAt: number;
}

export type FeedAnswer = { code: 'AA' | 'AE' | 'AR'; reason?: string };

/** SpO2 and pulse alone are the oximeter's stream (summarised per minute); anything with BP or RR is a spot reading. */
const isContinuous = (v: VitalsValues) =>
  v.systolic === undefined && v.diastolic === undefined && v.respiratoryRate === undefined;

/**
 * From a monitor's readings to the record: held until the person recording confirms the monitor is on this session's
 * patient, then recorded as vitals entries with their source (spot readings one by one; SpO2 and pulse as a summary per
 * minute and each desaturation); a monitor that goes silent for 30 s raises "SpO2 signal lost".
 */
export class MonitorFeed {
  private sessionId: string | null = null;
  private continuous: ContinuousState = emptyContinuous();
  private held: Sample[] = [];
  private episodeLevel: AlertFlag['level'] | null = null;
  private lastContinuousAt: number | null = null;
  private signalLostSince: number | null = null;
  private last: MonitorView['last'] = null;
  private seen: string[] = [];
  counts = { recorded: 0, refused: 0, unknownObservations: 0, refusedConnections: 0 };
  lastRefusal: string | null = null;
  /** While confirming: the events gathered to be appended in one transaction with the held readings' removal. */
  private pending: NewEvent[] | null = null;

  constructor(
    private readonly room: RoomApi,
    private readonly settings: () => MonitorSettings,
    private readonly changed: () => void,
  ) {}

  private get name() {
    return this.settings().name;
  }

  refused(reason: string): void {
    this.counts.refused++;
    this.lastRefusal = reason;
    this.changed();
  }

  /** One message's reading: recorded, held or refused, with the answer for the monitor. */
  take(reading: Pcd01Reading): FeedAnswer {
    const sessionId = this.room.activeSessionId();
    if (!sessionId) return this.refuse('AE', 'No session is open in the room: the reading was not recorded.');
    const state = this.session(sessionId);
    if (this.seen.includes(reading.controlId)) return { code: 'AA', reason: 'Already received.' };
    if (reading.patientId && reading.patientId !== state.patientRef)
      return this.refuse(
        'AR',
        `The monitor names patient ${reading.patientId}, but the room's session is for another patient: not recorded.`,
      );
    this.seen = [...this.seen.slice(-999), reading.controlId];
    this.counts.unknownObservations += reading.unknown;
    const receivedAt = this.room.clock.now();
    const sample: Sample = {
      controlId: reading.controlId,
      values: reading.values,
      deviceTime: reading.deviceTime ?? receivedAt,
      receivedAt,
    };
    this.last = { values: reading.values, at: receivedAt };
    if (isContinuous(reading.values)) {
      this.lastContinuousAt = receivedAt;
      if (this.signalLostSince !== null) this.signalBack(sessionId, state);
    }
    if (!this.confirmed(state)) {
      if (this.held.length >= MAX_HELD)
        return this.refuse(
          'AE',
          `${MAX_HELD} readings are waiting for the person recording to confirm this monitor is on the patient: not recorded.`,
        );
      // Durable before the monitor is told "accepted": a restart before the confirmation loses none of it.
      this.room.db
        .prepare(
          'INSERT INTO monitor_held (session_id, device, control_id, reading, device_time, received_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(sessionId, this.name, reading.controlId, JSON.stringify(sample.values), sample.deviceTime, receivedAt);
      this.held.push(sample);
      this.changed();
      return { code: 'AA', reason: 'Held until the person recording confirms this monitor is on the patient.' };
    }
    try {
      this.record(sessionId, sample);
    } catch (err) {
      if (err instanceof RoomError) return this.refuse('AE', err.message);
      throw err;
    }
    this.counts.recorded++;
    this.changed();
    return { code: 'AA' };
  }

  /** The person recording confirmed the monitor is on this patient: the confirmation, then every held reading, in order. */
  confirm(sessionId: string, by: { author: string; authorRole?: string }): void {
    const state = this.session(sessionId);
    const held = this.held;
    this.pending = [];
    let events: NewEvent[];
    try {
      if (!this.confirmed(state))
        this.pending.push({
          kind: 'monitor_confirmed',
          occurredAt: this.room.clock.now(),
          ...by,
          payload: { device: this.name, patientRef: state.patientRef },
        });
      for (const sample of held) this.record(sessionId, sample);
      events = this.pending;
    } finally {
      this.pending = null;
    }
    // The held readings enter the log and leave the waiting table in one transaction: never both, never neither.
    const release = () =>
      this.room.db.prepare('DELETE FROM monitor_held WHERE session_id = ? AND device = ?').run(sessionId, this.name);
    if (events.length) this.room.recordAll(sessionId, events, release);
    else release();
    this.held = [];
    this.counts.recorded += held.length;
    this.changed();
  }

  /** Checked every second: a stream silent for 30 s is "SpO2 signal lost", once, in the record and on screen. */
  tick(): void {
    const sessionId = this.room.activeSessionId();
    if (!sessionId || sessionId !== this.sessionId || this.lastContinuousAt === null || this.signalLostSince !== null)
      return;
    const now = this.room.clock.now();
    if (now - this.lastContinuousAt < SIGNAL_LOST_MS) return;
    const state = this.session(sessionId);
    if (!this.confirmed(state)) return;
    this.signalLostSince = this.lastContinuousAt;
    const summary = closeMinute(this.continuous);
    this.continuous = emptyContinuous();
    if (summary) this.recordSummary(sessionId, state, summary);
    this.note(
      sessionId,
      `SpO2 signal lost: no reading from ${this.name} for ${Math.round((now - this.lastContinuousAt) / 1000)} s. Check the probe and the patient.`,
      [SIGNAL_LOST_TAG],
    );
    this.changed();
  }

  view(): Pick<MonitorView, 'last' | 'confirm' | 'signalLostSince' | 'counts' | 'lastRefusal'> {
    const sessionId = this.room.activeSessionId();
    const state = sessionId ? this.session(sessionId) : null;
    return {
      last: this.last,
      confirm:
        state && !this.confirmed(state) && this.held.length > 0
          ? { sessionId: state.id, patientRef: state.patientRef, held: this.held.length }
          : null,
      signalLostSince: this.signalLostSince,
      counts: { ...this.counts },
      lastRefusal: this.lastRefusal,
    };
  }

  private refuse(code: 'AE' | 'AR', reason: string): FeedAnswer {
    this.refused(reason);
    return { code, reason };
  }

  private confirmed(state: SessionState): boolean {
    return state.monitors.some((m) => m.device === this.name);
  }

  /** The open session's state; a new session starts the feed afresh (nothing held or summarised crosses patients). */
  private session(sessionId: string): SessionState {
    if (sessionId !== this.sessionId) {
      this.sessionId = sessionId;
      this.continuous = emptyContinuous();
      this.held = this.restoreHeld(sessionId);
      this.seen = this.held.map((h) => h.controlId);
      const lastStream = this.held.findLast((h) => isContinuous(h.values));
      this.episodeLevel = null;
      this.lastContinuousAt = lastStream?.receivedAt ?? null;
      this.signalLostSince = null;
    }
    return this.room.state(sessionId);
  }

  /** What was held for this session before a restart; what was held for another session never reaches a record. */
  private restoreHeld(sessionId: string): Sample[] {
    const db = this.room.db;
    db.prepare('DELETE FROM monitor_held WHERE session_id <> ? AND device = ?').run(sessionId, this.name);
    const rows = db
      .prepare(
        'SELECT control_id, reading, device_time, received_at FROM monitor_held WHERE session_id = ? AND device = ? ORDER BY id',
      )
      .all(sessionId, this.name) as { control_id: string; reading: string; device_time: number; received_at: number }[];
    return rows.map((r) => ({
      controlId: r.control_id,
      values: JSON.parse(r.reading) as VitalsValues,
      deviceTime: r.device_time,
      receivedAt: r.received_at,
    }));
  }

  private signalBack(sessionId: string, state: SessionState): void {
    this.signalLostSince = null;
    if (this.confirmed(state))
      this.note(sessionId, `SpO2 signal back from ${this.name}: the "SpO2 signal lost" alert closed by itself.`, [
        SIGNAL_BACK_TAG,
      ]);
  }

  /** Into the record now, or, while confirming, into the events appended together. */
  private emit(sessionId: string, event: NewEvent): void {
    if (this.pending) this.pending.push(event);
    else this.room.record(sessionId, event);
  }

  private note(sessionId: string, text: string, tags: string[]): void {
    this.emit(sessionId, {
      kind: 'observation',
      occurredAt: this.room.clock.now(),
      author: this.name,
      payload: { text, tags },
    });
  }

  private record(sessionId: string, sample: Sample): void {
    const state = this.session(sessionId);
    if (!isContinuous(sample.values)) {
      this.vitals(sessionId, state, sample.values, sample.receivedAt, {
        device: this.name,
        deviceTime: sample.deviceTime,
        receivedAt: sample.receivedAt,
        kind: 'reading',
      });
      return;
    }
    const { warning } = this.room.settings.get().thresholds.spo2;
    const step = stepContinuous(
      this.continuous,
      { ...sample.values, deviceTime: sample.deviceTime, receivedAt: sample.receivedAt },
      warning,
    );
    this.continuous = step.state;
    if (step.summary) this.recordSummary(sessionId, state, step.summary);
    if (step.desaturation) this.recordDesaturation(sessionId, state, step.desaturation);
  }

  private recordSummary(sessionId: string, state: SessionState, s: MinuteSummary): void {
    // The alert follows the episode, never one minute's figures: a summary raises no SpO2 alert of its own.
    this.vitals(
      sessionId,
      state,
      s.median,
      s.receivedAt,
      {
        device: this.name,
        deviceTime: s.deviceTime,
        receivedAt: s.receivedAt,
        kind: 'minute',
        summary: { samples: s.samples, lowest: s.lowest, median: s.median },
      },
      (a) => a.signal !== 'spo2',
    );
  }

  private recordDesaturation(sessionId: string, state: SessionState, d: Desaturation): void {
    // One alert per episode: raised when it reaches 15 s, and again at its end only if it went on to an urgent depth.
    const values = { spo2: d.lowestSpo2 };
    const raised = this.episodeLevel;
    this.vitals(
      sessionId,
      state,
      values,
      d.receivedAt,
      {
        device: this.name,
        deviceTime: d.deviceTime,
        receivedAt: d.receivedAt,
        kind: 'desaturation',
        episode: {
          startedAt: d.startedAt,
          lengthSec: d.lengthSec,
          lowestSpo2: d.lowestSpo2,
          below: d.below,
          ongoing: d.ongoing,
        },
      },
      (a) => a.signal === 'spo2' && (raised === null || (raised === 'warning' && a.level === 'urgent')),
      (a) => {
        if (a.length) this.episodeLevel = a.some((f) => f.level === 'urgent') ? 'urgent' : 'warning';
      },
    );
    if (!d.ongoing) this.episodeLevel = null;
  }

  private vitals(
    sessionId: string,
    state: SessionState,
    values: VitalsValues,
    at: number,
    source: DeviceSource,
    keep: (a: AlertFlag) => boolean = () => true,
    raised: (a: AlertFlag[]) => void = () => {},
  ): void {
    const preDose = !state.doses[0] || at < state.doses[0].at;
    const alerts = vitalsAlerts(
      values,
      this.room.settings.get().thresholds,
      preDose,
      presetRules(state.preset).bpRecheckMin,
    ).filter(keep);
    raised(alerts);
    this.emit(sessionId, {
      kind: 'vitals',
      occurredAt: at,
      author: this.name,
      payload: { values, preDose, alerts, source },
    });
  }
}
