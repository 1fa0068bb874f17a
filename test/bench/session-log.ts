import { performance } from 'node:perf_hooks';
import { dispatch } from '../../main/core/bridge/dispatch';
import { ManualClock } from '../../main/core/clock';
import { closeRoom, openRoom } from '../../main/core/open-room';
import type { StoredEvent } from '../../main/core/session/events';
import { foldSession } from '../../main/core/pure/session/fold';
import { DEFAULT_PRESETS } from '../../main/core/timeline/presets';
import { tempDataDir } from '../support/host-process';
import { percentile, round, type Figure } from './figures';
import { answerDayOfChecklist } from '../support/checklist';
import { seedStaff, sign } from '../support/staff';
import { size } from './size';

/** Appends timed (and raw inserts for the floor); folds of the 10,000-event session. */
const APPENDS = size(1000, 20);
const FOLDS = size(15, 3);

/** Durable appends through the bridge's own dispatch, and the fold of a long session. */
export async function benchSessionLog(): Promise<Figure[]> {
  const clock = new ManualClock(Date.now());
  const room = openRoom({ dataDir: tempDataDir('room-bench-'), clock, settingsBackend: null });
  seedStaff(room);
  const started = await dispatch(room.handlers, 'startSession', { patientRef: 'BENCH', presetId: 'oral', plannedDoseMg: 100, therapist: 'Dr Kim' });
  if (!started.ok) throw new Error(started.error.message);
  const sessionId = (started.value as { session: { id: string } }).session.id;
  await answerDayOfChecklist((method, args) => dispatch(room.handlers, method, args, () => {}), sessionId, 'oral');
  await dispatch(room.handlers, 'recordVitals', { sessionId, values: { systolic: 120, diastolic: 80 }, author: 'Sam' }, () => {}); // the pre-dose BP the dose needs
  const dosed = await dispatch(room.handlers, 'recordDose', { sessionId, mg: 100, booster: false, ...sign('Dr Kim') });
  if (!dosed.ok) throw new Error(dosed.error.message);
  const times: number[] = [];
  for (let i = 0; i < APPENDS; i++) {
    clock.advance(1000);
    const t0 = performance.now();
    const env = await dispatch(room.handlers, 'addMark', { sessionId, mark: i % 2 ? 'peak_reached' : 'returning', author: 'Sam' });
    times.push(performance.now() - t0);
    if (!env.ok) throw new Error(env.error.message);
  }
  await closeRoom(room);

  const t = Date.now();
  const events: StoredEvent[] = [
    { sessionId: 's', seq: 1, kind: 'session_started', occurredAt: t, recordedAt: t, author: 'a', payload: { patientRef: 'X', presetId: 'oral', preset: DEFAULT_PRESETS.oral, plannedDoseMg: 100, therapist: 'a', sitter: '' } },
    { sessionId: 's', seq: 2, kind: 'dose', occurredAt: t, recordedAt: t, author: 'a', payload: { mg: 100, booster: false } },
  ];
  for (let seq = 3; seq <= 10_000; seq++) events.push({ sessionId: 's', seq, kind: 'mark', occurredAt: t + seq * 1000, recordedAt: t + seq * 1000, author: 'a', payload: { mark: 'returning' } });
  const folds: number[] = [];
  for (let i = 0; i < FOLDS; i++) {
    const t0 = performance.now();
    foldSession(events);
    folds.push(performance.now() - t0);
  }
  return [
    { name: 'event_append_p50_ms', value: round(percentile(times, 50)), unit: 'ms', goal: '<= 1' },
    { name: 'event_append_p99_ms', value: round(percentile(times, 99)), unit: 'ms', goal: '<= 5' },
    { name: 'fold_10k_ms', value: round(percentile(folds, 50)), unit: 'ms', goal: '<= 20' },
  ];
}

/** The same machine's raw cost of one durable row (synchronous=FULL, its own transaction): the floor for an append. */
export async function benchRawInsert(): Promise<Figure[]> {
  const room = openRoom({ dataDir: tempDataDir('room-bench-raw-'), clock: new ManualClock(0), settingsBackend: null });
  const db = room.db;
  db.exec('CREATE TABLE raw (x INTEGER) STRICT');
  const insert = db.prepare('INSERT INTO raw VALUES (?)');
  const times: number[] = [];
  for (let i = 0; i < APPENDS; i++) {
    const t0 = performance.now();
    insert.run(i);
    times.push(performance.now() - t0);
  }
  await closeRoom(room);
  return [{ name: 'reference_raw_insert_full_p50_ms', value: round(percentile(times, 50)), unit: 'ms', goal: 'reference' }];
}
