import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../main/core/bridge/dispatch';
import { ManualClock } from '../../main/core/clock';
import { openRoom } from '../../main/core/open-room';
import type { StoredEvent } from '../../main/core/session/events';
import { tempDataDir } from '../support/host-process';

describe('push listeners', () => {
  it('a listener that throws does not turn a durable write into "could not be saved", and the others still hear of it', async () => {
    const room = openRoom({
      dataDir: tempDataDir('room-listeners-'),
      clock: new ManualClock(Date.UTC(2026, 10, 22, 9)),
      settingsBackend: null,
      log: () => {},
    });
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const heard: string[] = [];
    room.onPush(() => {
      throw new Error('a window that closed mid-send');
    });
    room.onPush((channel, payload) => {
      if (channel === 'session-event') heard.push((payload as { event: StoredEvent }).event.kind);
    });
    const env = await dispatch(
      room.handlers,
      'startSession',
      { patientRef: 'LS', presetId: 'im', plannedDoseMg: 50, therapist: 'Dr Ames' },
      () => {},
    );
    expect(env.ok).toBe(true);
    expect(heard).toEqual(['session_started']);
    expect(room.db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(1);
    // The failure is logged for the admin, not shown as a failed save.
    expect(quiet.mock.calls.some(([line]) => String(line).includes('what was saved stays saved'))).toBe(true);
    quiet.mockRestore();
    room.db.close();
  });
});
