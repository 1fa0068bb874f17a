import type { HostProcess } from './host-process';
import { answerDayOfChecklist } from './checklist';
import { sign } from './staff';
import { REMS_ASKED, TREATMENT_SETTING } from './rems';

const MIN = 60_000;

/**
 * A discharged Spravato session (84 mg, three devices) with what a filed report must write in words: the music
 * player's log (a phase move, a hold), one check-in, one amendment, two MOAA/S scores; the clinic in Los Angeles.
 */
export async function spravatoSession(host: HostProcess): Promise<{ sessionId: string; startedAt: number }> {
  const call: typeof host.value = (method, args) => host.value(method, args);
  await call('setAdminPin', { pin: '2468' });
  const { adminKey } = await call('unlockAdmin', { pin: '2468' });
  await call('updateSettings', {
    adminKey,
    patch: { clinicTimeZone: 'America/Los_Angeles', remsSetting: TREATMENT_SETTING },
    changedBy: 'Dr Kim',
  });
  const started = await call('startSession', {
    patientRef: 'SP-4471',
    presetId: 'spravato',
    plannedDoseMg: 84,
    therapist: 'Dr Kim',
    sitter: 'Sam',
  });
  const sessionId = started.session.id;
  await answerDayOfChecklist((m, a) => call(m, a), sessionId, 'spravato');
  await call('recordVitals', {
    sessionId,
    values: { systolic: 124, diastolic: 78, heartRate: 70, spo2: 98, respiratoryRate: 14 },
    author: 'Sam',
  });
  await host.advanceClock(5 * MIN);
  await call('recordDose', { sessionId, mg: 84, booster: false, lot: 'ESK-551', ...sign('Dr Kim') });
  for (let device = 2; device <= 3; device++) {
    await host.advanceClock(5 * MIN);
    await call('recordDose', { sessionId, mg: 28, booster: false, ...sign('Dr Kim') });
  }
  const music = { setId: 'evening-calm', setName: 'Evening calm', author: 'Sam' } as const;
  await call('recordMusicEvent', { sessionId, action: 'phase_move', phase: 'peak', fromPhase: 'onset', ...music });
  await call('recordMusicEvent', { sessionId, action: 'hold', phase: 'peak', ...music });
  await call('recordCheckIn', { sessionId, note: 'settled, eyes closed', author: 'Sam' });
  const typo = await call('recordObservation', { sessionId, content: { text: 'Restless legs' }, author: 'Sam' });
  await call('amendEntry', { sessionId, targetSeq: typo.seq, action: 'strike', reason: 'wrong room', author: 'Sam' });
  await host.advanceClock(30 * MIN);
  await call('recordScore', { sessionId, content: { scale: 'moaas', score: 4 }, author: 'Sam' });
  await call('recordVitals', { sessionId, values: { systolic: 130, diastolic: 84, heartRate: 76 }, author: 'Sam' });
  await host.advanceClock(90 * MIN);
  await call('recordScore', { sessionId, content: { scale: 'moaas', score: 5 }, author: 'Sam' });
  await call('recordVitals', {
    sessionId,
    values: { systolic: 126, diastolic: 80, heartRate: 72, spo2: 97, respiratoryRate: 14 },
    author: 'Sam',
  });
  for (const [item, answer] of [
    ['oriented', 'yes'],
    ['steady_gait', 'yes'],
    ['nausea', 'minimal'],
    ['dissociation', 'resolved'],
    ['no_driving_acknowledged', 'yes'],
  ] as const) {
    await call('attest', { sessionId, item, answer, author: 'Dr Kim' });
  }
  await call('confirmDriver', {
    sessionId,
    name: 'Pat Lee',
    relationship: 'partner',
    phone: '555-0100',
    author: 'Sam',
  });
  await call('answerRems', {
    sessionId,
    author: 'Dr Kim',
    ...sign('Dr Kim'),
    answers: { ...REMS_ASKED, dissociation: 'no' },
  });
  await host.advanceClock(1 * MIN);
  await call('discharge', { sessionId, ...sign('Dr Kim') });
  return { sessionId, startedAt: started.session.createdAt };
}
