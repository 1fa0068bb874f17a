import { afterEach, describe, expect, it } from 'vitest';
import { PHASES, type Phase } from '../../main/core/timeline/timeline';
import type { MusicLogPayload } from '../../main/core/music/playback-log';
import { MusicController, type MusicEngine, type RestoredMusic } from '../../renderer/src/music/controller';
import type { MusicTiming, PlayableSet, PlayableTrack, Voice } from '../../renderer/src/music/schedule';

// The controller's order of moves, with a recording engine in place of howler (no audio device in node).
const TIMING: MusicTiming = { crossfadeSec: 8, endMarginSec: 45, trackOverlapSec: 2, onRunOut: 'repeat' };
const NOTHING_RESTORED: RestoredMusic = { setId: null, hold: null, paused: false, quiet: false, volume: null, resumeAt: null };

function makeSet(id: string, name: string): PlayableSet {
  const track = (phase: Phase, i: number): PlayableTrack => ({
    key: `${id}/${phase}/${i}`,
    file: `${id}-${phase}-${i}.ogg`,
    title: `${name} ${phase} ${i + 1}`,
    artist: 'Room',
    durationSec: 300,
    url: `/media/${id}-${phase}-${i}.ogg`,
    gainDb: 0,
    available: true,
  });
  return { id, name, phases: Object.fromEntries(PHASES.map((p) => [p, [track(p, 0), track(p, 1)]])) as Record<Phase, PlayableTrack[]> };
}

function recordingEngine(started: Voice[]): MusicEngine {
  return {
    start: (voice) => void started.push(voice),
    fadeOut: () => undefined,
    levels: () => [],
    pause: () => undefined,
    resume: () => undefined,
    positionSec: () => undefined,
    setOutput: async () => undefined,
    setQuiet: () => undefined,
    setRoomVolume: () => undefined,
    stopAll: () => undefined,
  };
}

const controllers: MusicController[] = [];
afterEach(() => controllers.splice(0).forEach((c) => c.dispose()));

function makeController() {
  const started: Voice[] = [];
  const logged: MusicLogPayload[] = [];
  const controller = new MusicController({ phaseNow: () => 'settling', log: (p) => void logged.push(p), onChange: () => undefined }, () => recordingEngine(started));
  controllers.push(controller);
  return { controller, started, logged };
}

describe('the music controller', () => {
  const dusk = makeSet('dusk', 'Dusk');
  const evening = makeSet('evening', 'Evening Calm');

  it('plays a set chosen while the library was still arriving, not the room default worked out after it', () => {
    const { controller, started, logged } = makeController();
    controller.chooseSet(evening);
    controller.configure(dusk, TIMING, 5);
    controller.begin(NOTHING_RESTORED, 0.6);
    expect(controller.view().setId).toBe('evening');
    expect(controller.view().title).toBe('Evening Calm settling 1');
    expect(started.map((v) => v.track.title)).toEqual(['Evening Calm settling 1']);
    expect(logged.map((p) => `${p.action} ${p.setId}`)).toEqual(['set_chosen evening']);
  });

  it('keeps the chosen set when the panel starts again before the choice is back in the log', () => {
    const { controller, started } = makeController();
    controller.configure(dusk, TIMING, 5);
    controller.begin(NOTHING_RESTORED, 0.6);
    controller.chooseSet(evening);
    expect(controller.view().title).toBe('Evening Calm settling 1');
    // The room's settings arrive again: the panel restarts from a log that does not yet hold the choice.
    controller.dispose();
    controller.configure(dusk, TIMING, 5);
    controller.begin(NOTHING_RESTORED, 0.6);
    expect(controller.view().setId).toBe('evening');
    expect(started.map((v) => v.track.title)).toEqual(['Dusk settling 1', 'Evening Calm settling 1', 'Evening Calm settling 1']);
  });
});
