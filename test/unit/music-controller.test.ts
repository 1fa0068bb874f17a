import { afterEach, describe, expect, it, vi } from 'vitest';
import { computeTimeline, PHASES, type Phase, type TimelineMark } from '../../main/core/pure/timeline/timeline';
import { DEFAULT_PRESETS } from '../../main/core/timeline/presets';
import type { MusicLogPayload } from '../../main/core/pure/music/playback-log';
import { MusicController, type MusicEngine, type RestoredMusic } from '../../renderer/src/music/controller';
import type { MusicTiming, PlayableSet, PlayableTrack, Voice } from '../../renderer/src/music/schedule';

// The controller's order of moves, with a recording engine in place of howler (no audio device in node).
const TIMING: MusicTiming = { crossfadeSec: 8, endMarginSec: 45, trackOverlapSec: 2, onRunOut: 'repeat' };
const NOTHING_RESTORED: RestoredMusic = {
  setId: null,
  hold: null,
  paused: false,
  quiet: false,
  volume: null,
  resumeAt: null,
};

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
  return {
    id,
    name,
    phases: Object.fromEntries(PHASES.map((p) => [p, [track(p, 0), track(p, 1)]])) as Record<Phase, PlayableTrack[]>,
  };
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
  const controller = new MusicController(
    { phaseNow: () => 'settling', log: (p) => void logged.push(p), onChange: () => undefined },
    () => recordingEngine(started),
  );
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
    expect(started.map((v) => v.track.title)).toEqual([
      'Dusk settling 1',
      'Evening Calm settling 1',
      'Evening Calm settling 1',
    ]);
  });
});

describe('the music moves once per move', () => {
  // An IM session dosed at T0; the phase the player follows is the timeline's, on the screen's clock.
  const MIN = 60_000;
  const T0 = Date.UTC(2026, 10, 22, 9, 0);
  const im = DEFAULT_PRESETS.im;
  const set = makeSet('dusk', 'Dusk');

  function sessionAt(minutes: number) {
    vi.useFakeTimers({ now: T0 + minutes * MIN });
    const marks: TimelineMark[] = [];
    const started: Voice[] = [];
    const logged: MusicLogPayload[] = [];
    const controller = new MusicController(
      {
        phaseNow: () => computeTimeline(im, [{ at: T0 }], marks, Date.now()).phase,
        log: (p) => void logged.push(p),
        onChange: () => undefined,
      },
      () => recordingEngine(started),
    );
    controllers.push(controller);
    controller.configure(set, TIMING, 5);
    controller.begin(NOTHING_RESTORED, 0.6);
    const moves = () => logged.filter((p) => p.action === 'phase_move').map((p) => `${p.fromPhase}->${p.phase}`);
    /** The room stamps the mark with its own clock, which can be a moment ahead of the screen's. */
    const mark = (kind: TimelineMark['kind'], roomAheadMs: number) =>
      marks.push({ kind, at: Date.now() + roomAheadMs });
    return { controller, started, moves, mark };
  }
  afterEach(() => vi.useRealTimers());

  it('"Peak reached" at +45 on IM moves the music from return straight to peak: one move, one track start', () => {
    const { started, moves, mark } = sessionAt(45);
    expect(started.map((v) => v.phase)).toEqual(['return']);
    mark('peak_reached', 800);
    vi.advanceTimersByTime(2_000);
    expect(moves()).toEqual(['return->peak']);
    expect(started.map((v) => v.phase)).toEqual(['return', 'peak']);
  });

  it('"Returning" after the after-phase moves the music from after straight to return', () => {
    const { started, moves, mark } = sessionAt(70);
    expect(started.map((v) => v.phase)).toEqual(['after']);
    mark('returning', 800);
    vi.advanceTimersByTime(2_000);
    expect(moves()).toEqual(['after->return']);
    expect(started.map((v) => v.phase)).toEqual(['after', 'return']);
  });

  it('a clock jump from onset to +45 takes the music straight to return, passing no phase on the way', () => {
    const { started, moves } = sessionAt(1);
    expect(started.map((v) => v.phase)).toEqual(['onset']);
    vi.setSystemTime(T0 + 45 * MIN);
    vi.advanceTimersByTime(2_000);
    expect(moves()).toEqual(['onset->return']);
    expect(started.map((v) => v.phase)).toEqual(['onset', 'return']);
  });
});
