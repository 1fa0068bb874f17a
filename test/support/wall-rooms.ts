import { answerDayOfChecklist } from './checklist';
import type { ThrowawayCluster } from './clinic-db';
import type { HostProcess } from './host-process';
import { sign } from './staff';

/**
 * Three rooms for the chair board on a wall: Room 1 with a patient known by chart number, not dosed, the music log saying a
 * track started; Room 2 dosed, with an urgent SpO2 left open; Room 3 set up in the clinic database and never reporting.
 */
export async function threeRooms(
  cluster: ThrowawayCluster,
  connectedRoom: (name: string) => Promise<HostProcess>,
): Promise<void> {
  // Room 1: a patient known by chart number, not dosed yet, the music log saying a track started (no room screen open).
  const room1 = await connectedRoom('Room 1');
  const waiting = await room1.value('startSession', {
    patientRef: 'MRN-559210',
    presetId: 'im',
    plannedDoseMg: 60,
    therapist: 'Jo Park',
    sitter: 'Sam',
  });
  await room1.value('recordMusicEvent', {
    sessionId: waiting.session.id,
    action: 'start',
    setId: 'evening',
    setName: 'Evening',
    phase: 'settling',
    title: 'Shoreline',
    author: 'Sam',
  });
  // Room 2: dosed, an SpO2 of 85 % left open (urgent).
  const room2 = await connectedRoom('Room 2');
  const dosed = await room2.value('startSession', {
    patientRef: 'Jane Doe',
    presetId: 'im',
    plannedDoseMg: 60,
    therapist: 'Dr Kim',
    sitter: 'Sam',
  });
  await answerDayOfChecklist((m, a) => room2.value(m, a), dosed.session.id, 'im');
  await room2.value('recordVitals', {
    sessionId: dosed.session.id,
    values: { systolic: 120, diastolic: 80, heartRate: 70 },
    author: 'Sam',
  });
  await room2.value('recordDose', { sessionId: dosed.session.id, mg: 60, booster: false, ...sign('Dr Kim') });
  await room2.value('recordVitals', { sessionId: dosed.session.id, values: { spo2: 85 }, author: 'Sam' });
  // Room 3: set up in the clinic database, never reporting.
  await cluster.addRoom('Room 3');
}
