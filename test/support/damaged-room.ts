import fs from 'node:fs';
import { ManualClock } from '../../main/core/clock';
import { openRoom } from '../../main/core/open-room';
import type { Room } from '../../main/core/room';
import type { SettingsBackend, SettingsFiles } from '../../main/core/settings/store';
import type { MethodName } from '../../main/core/contract/channels';
import type { ArgsOf, ResultOf } from '../../main/core/contract/contract';
import { answerDayOfChecklist } from './checklist';
import { dispatchAsAuthor, seedStaff, sign } from './staff';

export const T0 = Date.UTC(2026, 10, 22, 9, 0);

/** A room opened in this process on `dataDir`, with calls through the bridge's own dispatch; settings kept in `settings` when given; on `clock` (a new test clock unless given, shared across a restart). */
export function roomOn(
  dataDir: string,
  settings: SettingsBackend | SettingsFiles | null = null,
  clock = new ManualClock(T0),
) {
  const room: Room = openRoom({ dataDir, clock, settingsBackend: settings, log: () => {} });
  if (!room.recovery) seedStaff(room);
  const asAuthor = dispatchAsAuthor(room);
  const call = <M extends MethodName>(method: M, args: ArgsOf<M>) => asAuthor(method, args);
  const ok = async <M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> => {
    const env = await call(method, args);
    if (!env.ok) throw new Error(`${method}: ${env.error.message}`);
    return env.value as ResultOf<M>;
  };
  return { room, clock, call, ok };
}

/** A session from start to its close (left against advice closes it at once outside REMS): a backup follows. */
export async function closedSession(t: ReturnType<typeof roomOn>, patientRef: string): Promise<string> {
  const view = await t.ok('startSession', {
    patientRef,
    presetId: 'sublingual',
    plannedDoseMg: 150,
    therapist: 'Dr Kim',
    sitter: 'Sam',
  });
  const sessionId = view.session.id;
  await answerDayOfChecklist(t.ok, sessionId, 'sublingual');
  await t.ok('recordVitals', { sessionId, values: { systolic: 120, diastolic: 80, heartRate: 70 }, author: 'Sam' });
  t.clock.advance(60_000);
  await t.ok('recordDose', { sessionId, mg: 150, booster: false, ...sign('Dr Kim') });
  await t.ok('addMark', { sessionId, mark: 'peak_reached', author: 'Sam' });
  await t.ok('recordLeftAgainstAdvice', {
    sessionId,
    reason: 'Chose to leave',
    actions: ['risks_explained'],
    ...sign('Dr Kim'),
  });
  return sessionId;
}

/** Rows enough that the database file has pages in the middle to damage. */
export function fillPages(t: ReturnType<typeof roomOn>): void {
  t.room.db.exec('CREATE TABLE IF NOT EXISTS filler (x TEXT)');
  const fill = t.room.db.prepare('INSERT INTO filler VALUES (?)');
  for (let i = 0; i < 400; i++) fill.run('f'.repeat(300));
}

/** Overwrites one page in the middle of the file with noise, as a failing disk would. */
export function damageAPage(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    const pageSize = 4096;
    const pages = Math.floor(fs.fstatSync(fd).size / pageSize);
    if (pages < 4) throw new Error('the database is too small to damage a page in its middle');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, pageSize * Math.floor(pages / 2));
  } finally {
    fs.closeSync(fd);
  }
}
