import { describe, expect, it } from 'vitest';
import { patientText, sessionTile } from '../../main/board/tile';
import { dischargeGate } from '../../main/core/pure/rules/gate';
import { openAlerts } from '../../main/core/pure/rules/open-alerts';
import { MIN, testRoom } from '../support/room';
import { sign } from '../support/staff';

describe("a chair board tile is the room's own fold, timeline, due list and gate over the pushed events", () => {
  it('follows a session from the dose to ready for discharge, counting the gate conditions the room counts', async () => {
    const { clock, room, ok, dosedSession, readyButTime } = testRoom();
    const sessionId = await dosedSession('im', 60);
    const events = () => room.sessions.events(sessionId);

    let tile = sessionTile(events(), clock.now(), 'initials', 'UTC')!;
    expect(tile).toMatchObject({
      patient: 'AB …1024',
      route: 'IM injection',
      dosed: true,
      elapsed: 'T+0:00',
      phase: 'Onset',
    });
    expect(tile.next).toMatch(/^Peak in \d+ min$/);
    const gate = dischargeGate(room.state(sessionId), clock.now(), room.state(sessionId).therapist);
    expect(tile.discharge).toEqual({
      met: gate.conditions.filter((c) => c.met).length,
      total: gate.conditions.length,
      ready: false,
    });

    // A blood pressure over the limit opens an alert on the tile; acknowledging it in the room closes it there too.
    clock.advance(10 * MIN);
    const vitals = await ok('recordVitals', {
      sessionId,
      values: { systolic: 190, diastolic: 115, heartRate: 80 },
      author: 'Sam',
    });
    tile = sessionTile(events(), clock.now(), 'initials', 'UTC')!;
    expect(tile.alerts.urgent + tile.alerts.warning).toBeGreaterThan(0);
    for (const alert of room.state(sessionId).alerts.filter((a) => !a.acknowledged)) {
      await ok('acknowledgeAlert', {
        sessionId,
        targetSeq: vitals.seq,
        signal: alert.signal,
        author: 'Dr Kim',
        ...sign('Dr Kim'),
        note: 'BP re-taken after rest',
      });
    }
    expect(sessionTile(events(), clock.now(), 'initials', 'UTC')!.alerts).toEqual({
      urgent: 0,
      warning: 0,
      escalation: null,
    });
    // The board names who signed the last clinical act, with their role, and who is recording (never a PIN).
    expect(sessionTile(events(), clock.now(), 'initials', 'UTC')).toMatchObject({
      lastSignature: expect.stringMatching(
        /^Dr Kim \(clinician\) at \d\d:\d\d: ordered the dose of 60 mg \(IM injection\)$/,
      ),
      recording: 'Dr Kim (clinician)',
    });

    // Everything but the time, then past the earliest discharge: ready, all conditions met.
    clock.advance(3 * 60 * MIN);
    await readyButTime(sessionId);
    await ok('recordVitals', { sessionId, values: { systolic: 124, diastolic: 80, heartRate: 72 }, author: 'Sam' });
    await ok('recordScore', { sessionId, content: { scale: 'moaas', score: 5 }, author: 'Sam' });
    tile = sessionTile(events(), clock.now(), 'chart', 'UTC')!;
    const ready = dischargeGate(room.state(sessionId), clock.now(), 'Dr Kim');
    expect(ready.ready).toBe(true);
    expect(tile.patient).toBe('AB-1024');
    expect(tile.discharge).toEqual({
      met: ready.conditions.filter((c) => c.met).length,
      total: ready.conditions.length,
      ready: ready.ready,
    });
  });

  it("counts the alerts the room holds, not every unacknowledged one, and shows an urgent alert's escalation after 10 min", async () => {
    const { clock, room, ok, dosedSession } = testRoom();
    const sessionId = await dosedSession('im', 60);
    const tile = () => sessionTile(room.sessions.events(sessionId), clock.now(), 'initials', 'UTC')!;
    const roomOpen = () => openAlerts(room.state(sessionId)).map((a) => a.level);

    // A warning whose reading a clinician struck (signed, with its reason) is no longer open in the room, nor on the board.
    clock.advance(10 * MIN);
    const misread = await ok('recordVitals', { sessionId, values: { heartRate: 125 }, author: 'Sam' });
    expect(tile().alerts).toEqual({ urgent: 0, warning: 1, escalation: null });
    await ok('amendEntry', {
      sessionId,
      targetSeq: misread.seq,
      action: 'strike',
      reason: 'probe slipped: a motion artefact',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
    });
    expect(room.state(sessionId).alerts.filter((a) => !a.acknowledged)).toHaveLength(1);
    expect(roomOpen()).toEqual([]);
    expect(tile().alerts).toEqual({ urgent: 0, warning: 0, escalation: null });

    // An urgent one: counted at once; its escalation line at 10 min open, not at 9.
    await ok('recordVitals', { sessionId, values: { spo2: 86 }, author: 'Sam' });
    expect(tile().alerts).toMatchObject({ urgent: 1, warning: 0, escalation: null });
    clock.advance(9 * MIN);
    expect(tile().alerts.escalation).toBeNull();
    clock.advance(1 * MIN);
    expect(tile().alerts.escalation).toMatch(
      /^"SpO2 86% is below 90%" is still open 10 min after it was raised: call the prescriber; follow the emergency plan\.$/,
    );
    expect(roomOpen()).toEqual(['urgent']);
  });

  it('shows the patient as initials or the chart ID as the clinic chooses', () => {
    expect(patientText('Jane Doe', 'initials')).toBe('JD');
    // A chart number is not a name: its letters and its last four characters, never the letters alone.
    expect(patientText('JD-1024', 'initials')).toBe('JD …1024');
    expect(patientText('MRN-559210', 'initials')).toBe('MRN …9210');
    expect(patientText('1024', 'initials')).toBe('…1024');
    expect(patientText('---', 'initials')).toBe('—');
    expect(patientText('JD-1024', 'chart')).toBe('JD-1024');
  });
});
