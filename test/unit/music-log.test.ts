import { beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/core/bridge/dispatch';
import { ManualClock } from '../../main/core/clock';
import { openRoom } from '../../main/core/open-room';
import type { Room } from '../../main/core/room';
import { describeEntry } from '../../main/core/pure/session/describe';
import { foldSession } from '../../main/core/pure/session/fold';
import type { Envelope, SessionView } from '../../main/core/contract/contract';
import { tempDataDir } from '../support/host-process';

const T0 = Date.UTC(2026, 10, 22, 9, 0);
let room: Room;
const call = (method: string, args: unknown) => dispatch(room.handlers, method, args, () => {});

beforeEach(() => {
  room = openRoom({ dataDir: tempDataDir(), clock: new ManualClock(T0), settingsBackend: null });
});

async function sessionId(): Promise<string> {
  const env = (await call('startSession', {
    patientRef: 'AB',
    presetId: 'sublingual',
    plannedDoseMg: 150,
    therapist: 'Dr Kim',
  })) as Envelope<SessionView>;
  if (!env.ok) throw new Error(env.error.message);
  return env.value.session.id;
}

describe('the music log', () => {
  it('records what the player did as session events and describes each for the report', async () => {
    const id = await sessionId();
    const base = { sessionId: id, setId: 'shipped-calm', setName: 'Calm water', author: 'Music player' };
    const events = [
      {
        ...base,
        action: 'start',
        phase: 'settling',
        file: 'calm/settling-1.ogg',
        title: 'Harbour',
        artist: 'Session Room',
      },
      { ...base, action: 'phase_move', phase: 'onset', fromPhase: 'settling', detail: 'crossfade' },
      {
        ...base,
        action: 'track_failed',
        phase: 'onset',
        file: 'calm/onset-1.ogg',
        title: 'Tide',
        detail: 'The file is not in the music library.',
      },
      { ...base, action: 'quiet', phase: 'onset', author: 'Dr Kim' },
      { ...base, action: 'hold', phase: 'onset', author: 'Dr Kim' },
      { ...base, action: 'volume', phase: 'onset', volume: 0.65, author: 'Dr Kim' },
      { ...base, action: 'start', phase: 'onset', file: 'calm/onset-2.ogg', title: 'Shore', fromSec: 135.4 },
    ];
    for (const e of events) expect(await call('recordMusicEvent', e)).toMatchObject({ ok: true });
    const state = foldSession(room.sessions.events(id))!;
    expect(state.music.map(describeEntry)).toEqual([
      'Music: "Harbour" by Session Room started (Settling (before the dose), set Calm water)',
      'Music moved from Settling (before the dose) to Onset (crossfade)',
      'Music: "Tide" could not be played and was skipped: The file is not in the music library.',
      'Music quieted',
      'Music held in Onset',
      'Music volume set to 65%',
      'Music: "Shore" went on from 2:15 after the room reopened (Onset, set Calm water)',
    ]);
    expect(state.music.map((m) => m.author)).toEqual([
      'Music player',
      'Music player',
      'Music player',
      'Dr Kim',
      'Dr Kim',
      'Dr Kim',
      'Music player',
    ]);
    // Music events are not observations: the entry list stays the sitter's.
    expect(state.entries).toEqual([]);
  });

  it('refuses an action the player does not record, with a sentence, and writes nothing', async () => {
    const id = await sessionId();
    const before = room.sessions.events(id).length;
    const env = await call('recordMusicEvent', {
      sessionId: id,
      action: 'delete',
      setId: 'x',
      phase: 'peak',
      author: 'Dr Kim',
    });
    expect(env).toMatchObject({ ok: false, error: { message: 'That is not something the music player records.' } });
    expect(room.sessions.events(id).length).toBe(before);
  });

  it('a volume change carries its volume, 0 to 100%, and nothing else does', async () => {
    const id = await sessionId();
    const before = room.sessions.events(id).length;
    const base = { sessionId: id, setId: 'x', phase: 'peak', author: 'Dr Kim' };
    expect(await call('recordMusicEvent', { ...base, action: 'volume' })).toMatchObject({
      ok: false,
      error: { message: 'A volume change says the volume it was set to, and only a volume change does.' },
    });
    expect(await call('recordMusicEvent', { ...base, action: 'skip', volume: 0.5 })).toMatchObject({
      ok: false,
      error: { message: 'A volume change says the volume it was set to, and only a volume change does.' },
    });
    expect(await call('recordMusicEvent', { ...base, action: 'volume', volume: 1.5 })).toMatchObject({
      ok: false,
      error: { message: 'The music volume is between 0 and 100%.' },
    });
    expect(room.sessions.events(id).length).toBe(before);
  });
});

describe('the room remembers its audio output', () => {
  it('saveMusicOutput keeps the device id and its label in the room settings; null returns to the system default', async () => {
    const saved = await call('saveMusicOutput', { deviceId: 'a1b2c3', label: 'Patient headphones' });
    expect(saved).toMatchObject({
      ok: true,
      value: { music: { outputDeviceId: 'a1b2c3', outputDeviceLabel: 'Patient headphones' } },
    });
    expect(room.settings.get().music).toMatchObject({
      outputDeviceId: 'a1b2c3',
      outputDeviceLabel: 'Patient headphones',
      crossfadeSec: 8,
    });
    await call('saveMusicOutput', { deviceId: null, label: null });
    expect(room.settings.get().music.outputDeviceId).toBeNull();
  });
});
