import { describe, expect, it } from 'vitest';
import { PHASES, type Phase } from '../../main/core/pure/timeline/timeline';
import {
  initialPlayerState,
  NOT_IN_LIBRARY,
  pause,
  resume,
  resumePoint,
  skip,
  tick,
  trackEnded,
  trackFailed,
  voiceStarted,
  type MusicInput,
  type MusicTiming,
  type PlayableSet,
  type PlayableTrack,
  type PlayerAction,
  type PlayerState,
} from '../../renderer/src/music/schedule';
import { trackLevel } from '../../renderer/src/music/levels';

const T0 = Date.UTC(2026, 10, 22, 9, 0);
const sec = (s: number) => T0 + s * 1000;
const TIMING: MusicTiming = { crossfadeSec: 8, endMarginSec: 45, trackOverlapSec: 2, onRunOut: 'repeat' };

function track(phase: Phase, index: number, durationSec = 300, available = true): PlayableTrack {
  return {
    key: `calm/${phase}/${index}`,
    file: `${phase}-${index}.ogg`,
    title: `${phase} ${index + 1}`,
    artist: 'Room',
    durationSec,
    url: `/media/${phase}-${index}.ogg`,
    gainDb: -3,
    available,
  };
}
function makeSet(counts: Partial<Record<Phase, number>> = {}, id = 'calm'): PlayableSet {
  const phases = Object.fromEntries(
    PHASES.map((p) => [
      p,
      Array.from({ length: counts[p] ?? 2 }, (_, i) => ({ ...track(p, i), key: `${id}/${p}/${i}` })),
    ]),
  ) as Record<Phase, PlayableTrack[]>;
  return { id, name: id === 'calm' ? 'Calm' : id, phases };
}
const input = (phase: Phase, set: PlayableSet, more: Partial<MusicInput> = {}): MusicInput => ({
  phase,
  hold: null,
  set,
  timing: TIMING,
  ...more,
});
const starts = (actions: PlayerAction[]) =>
  actions
    .filter((a) => a.type === 'start')
    .map((a) => (a.type === 'start' ? `${a.voice.track.title} (${a.reason}, fade ${a.fadeInSec})` : ''));
const playing = (s: PlayerState) => s.current?.track.title ?? null;

describe('music scheduling', () => {
  it('starts the phase set at once, then starts each next track trackOverlapSec before the current one ends', () => {
    const set = makeSet();
    let step = tick(initialPlayerState(), input('settling', set), sec(0));
    expect(starts(step.actions)).toEqual(['settling 1 (first, fade 0)']);
    // 300 s track, 2 s overlap: the next is due at 298 s.
    expect(step.nextStartAt).toBe(sec(298));
    step = tick(step.state, input('settling', set), sec(297.9));
    expect(step.actions).toEqual([]);
    step = tick(step.state, input('settling', set), sec(298));
    expect(starts(step.actions)).toEqual(['settling 2 (next, fade 2)']);
    expect(step.actions).toContainEqual({ type: 'fade_out', voiceId: 1, overSec: 2 });
    // The next starts while the first still plays: they overlap, no silence.
    const started = step.state.current!;
    expect(started.startedAt).toBe(sec(298));
    expect(started.startedAt).toBeLessThan(sec(300));
  });

  it('follows the audio position when the engine gives it, not the wall clock', () => {
    const set = makeSet();
    let step = tick(initialPlayerState(), input('settling', set), sec(0));
    // The wall clock says the track is long over (a sleeping laptop); the audio is at 100 s: nothing to do.
    step = tick(step.state, input('settling', set, { positionSec: 100 }), sec(5000));
    expect(step.actions).toEqual([]);
    step = tick(step.state, input('settling', set, { positionSec: 298.5 }), sec(5001));
    expect(starts(step.actions)).toEqual(['settling 2 (next, fade 1.5)']);
  });

  it('crossfades into the new phase set when the current track has longer than endMarginSec to go', () => {
    const set = makeSet();
    let step = tick(initialPlayerState(), input('onset', set), sec(0));
    step = tick(step.state, input('peak', set), sec(60));
    expect(step.actions[0]).toEqual({ type: 'phase_move', from: 'onset', to: 'peak', mode: 'crossfade' });
    expect(starts(step.actions)).toEqual(['peak 1 (phase_crossfade, fade 8)']);
    expect(step.actions).toContainEqual({ type: 'fade_out', voiceId: 1, overSec: 8 });
    expect(step.state.following).toBe('peak');
  });

  it('waits for the current track to end when it ends within endMarginSec, then enters the new phase set', () => {
    const set = makeSet();
    let step = tick(initialPlayerState(), input('onset', set), sec(0));
    step = tick(step.state, input('peak', set), sec(260)); // 40 s to go, margin 45 s
    expect(step.actions).toEqual([{ type: 'phase_move', from: 'onset', to: 'peak', mode: 'at_track_end' }]);
    expect(playing(step.state)).toBe('onset 1');
    step = tick(step.state, input('peak', set), sec(290));
    expect(step.actions).toEqual([]);
    step = tick(step.state, input('peak', set), sec(298));
    expect(starts(step.actions)).toEqual(['peak 1 (phase_at_track_end, fade 2)']);
    expect(step.state.pendingMove).toBeNull();
  });

  it('hold keeps the held phase set whatever the timeline says; release follows the timeline again', () => {
    const set = makeSet();
    let step = tick(initialPlayerState(), input('onset', set), sec(0));
    step = tick(step.state, input('peak', set, { hold: 'onset' }), sec(60));
    expect(step.actions).toEqual([]);
    step = tick(step.state, input('peak', set, { hold: 'onset' }), sec(298));
    expect(starts(step.actions)).toEqual(['onset 2 (next, fade 2)']);
    step = tick(step.state, input('peak', set), sec(320));
    expect(step.actions[0]).toMatchObject({ type: 'phase_move', from: 'onset', to: 'peak', mode: 'crossfade' });
  });

  it("when a phase's tracks run out it repeats the set (onRunOut 'repeat')", () => {
    const set = makeSet({ peak: 2 });
    let step = tick(initialPlayerState(), input('peak', set), sec(0));
    step = tick(step.state, input('peak', set), sec(298));
    step = tick(step.state, input('peak', set), sec(596));
    expect(starts(step.actions)).toEqual(['peak 1 (run_out_repeat, fade 2)']);
  });

  it("when a phase's tracks run out it moves on to the next phase's set (onRunOut 'next'); the last phase repeats", () => {
    const set = makeSet({ peak: 1, after: 1 });
    const next = (p: Phase) => input(p, set, { timing: { ...TIMING, onRunOut: 'next' } });
    let step = tick(initialPlayerState(), next('peak'), sec(0));
    step = tick(step.state, next('peak'), sec(298));
    expect(starts(step.actions)).toEqual(['return 1 (run_out_next, fade 2)']);
    // Still the peak by the timeline: no phase move back.
    step = tick(step.state, next('peak'), sec(300));
    expect(step.actions).toEqual([]);

    let last = tick(initialPlayerState(), next('after'), sec(0));
    last = tick(last.state, next('after'), sec(298));
    expect(starts(last.actions)).toEqual(['after 1 (run_out_repeat, fade 2)']);
  });

  it('skips a track that is not in the library, reports it once, and plays the next', () => {
    const set = makeSet();
    set.phases.onset[0] = { ...set.phases.onset[0]!, available: false };
    let step = tick(initialPlayerState(), input('onset', set), sec(0));
    expect(step.actions[0]).toMatchObject({
      type: 'track_failed',
      track: { title: 'onset 1' },
      reason: NOT_IN_LIBRARY,
    });
    expect(starts(step.actions)).toEqual(['onset 2 (first, fade 0)']);
    // When the set repeats, the missing track is skipped without a second report.
    step = tick(step.state, input('onset', set), sec(298));
    expect(step.actions.filter((a) => a.type === 'track_failed')).toEqual([]);
    expect(starts(step.actions)).toEqual(['onset 2 (run_out_repeat, fade 2)']);
  });

  it('a track that fails to load or decode is flagged and the next starts at once', () => {
    const set = makeSet();
    let step = tick(initialPlayerState(), input('return', set), sec(0));
    step = trackFailed(step.state, input('return', set), 1, 'The file could not be decoded.', sec(1));
    expect(step.actions[0]).toMatchObject({
      type: 'track_failed',
      track: { title: 'return 1' },
      reason: 'The file could not be decoded.',
    });
    expect(starts(step.actions)).toEqual(['return 2 (after_failure, fade 0)']);
    expect(step.state.failed).toEqual(['calm/return/0']);
  });

  it('a crossfade stays a crossfade when the first track of the new phase fails to load', () => {
    const set = makeSet();
    let step = tick(initialPlayerState(), input('onset', set), sec(0));
    step = tick(step.state, input('peak', set), sec(60));
    step = trackFailed(step.state, input('peak', set), 2, 'The file could not be decoded.', sec(60.3));
    expect(starts(step.actions)).toEqual(['peak 2 (after_failure, fade 8)']);
  });

  it('when nothing in the set can play it says so once, and starts again when another set is chosen', () => {
    const broken = makeSet({ settling: 1, onset: 0, peak: 0, return: 0, after: 0 });
    broken.phases.settling[0] = { ...broken.phases.settling[0]!, available: false };
    let step = tick(initialPlayerState(), input('settling', broken), sec(0));
    expect(step.actions.map((a) => a.type)).toEqual(['track_failed', 'silent']);
    step = tick(step.state, input('settling', broken), sec(1));
    expect(step.actions).toEqual([]);
    const other = makeSet({}, 'deep');
    step = tick(step.state, input('settling', other), sec(2));
    expect(starts(step.actions)).toEqual(['settling 1 (set_chosen, fade 8)']);
    expect(step.state.silent).toBe(false);
  });

  it('choosing another set crossfades into its track for the phase followed', () => {
    const calm = makeSet();
    const deep = makeSet({}, 'deep');
    let step = tick(initialPlayerState(), input('peak', calm), sec(0));
    step = tick(step.state, input('peak', deep), sec(30));
    expect(step.actions).toContainEqual({ type: 'fade_out', voiceId: 1, overSec: 8 });
    expect(step.state.current?.track.key).toBe('deep/peak/0');
  });

  it('skip starts the next track now with the short overlap', () => {
    const set = makeSet();
    let step = tick(initialPlayerState(), input('peak', set), sec(0));
    step = skip(step.state, input('peak', set), sec(10));
    expect(starts(step.actions)).toEqual(['peak 2 (skip, fade 2)']);
    expect(step.actions).toContainEqual({ type: 'fade_out', voiceId: 1, overSec: 2 });
  });

  it('pause holds the plan; resume continues the track where it was', () => {
    const set = makeSet();
    let step = tick(initialPlayerState(), input('peak', set), sec(0));
    let state = pause(step.state, sec(100));
    step = tick(state, input('peak', set), sec(400));
    expect(step.actions).toEqual([]);
    state = resume(step.state, sec(400));
    // 100 s played before the pause: 200 s to go, next due 198 s after resuming.
    expect(tick(state, input('peak', set), sec(400)).nextStartAt).toBe(sec(598));
  });

  it("plans from the sound's real start and length once the engine hears it play", () => {
    const set = makeSet();
    const step = tick(initialPlayerState(), input('peak', set), sec(0));
    const state = voiceStarted(step.state, 1, sec(0.4), 120);
    expect(tick(state, input('peak', set), sec(1)).nextStartAt).toBe(sec(118.4));
  });

  it('a track that ends early is followed at once', () => {
    const set = makeSet();
    const step = tick(initialPlayerState(), input('peak', set), sec(0));
    expect(starts(trackEnded(step.state, input('peak', set), 1, sec(50)).actions)).toEqual(['peak 2 (next, fade 0)']);
  });
});

describe('track level from the even-loudness gain', () => {
  it('plays every track under 6 dB of headroom, so a quiet track can be raised up to 6 dB; nothing exceeds full scale', () => {
    expect(trackLevel(null)).toBeCloseTo(0.501, 3);
    expect(trackLevel(6)).toBe(1);
    expect(trackLevel(12)).toBe(1);
    expect(trackLevel(-14)).toBeCloseTo(0.1, 3);
  });
});

describe('the room reopening mid-track', () => {
  const at = (phase: Phase, file: string, positionSec: number) => ({
    ...initialPlayerState(),
    resumeAt: { phase, file, positionSec },
  });

  it('the track that was playing goes on where it was, fading in, and the next is due from there', () => {
    const set = makeSet();
    const step = tick(at('settling', 'settling-1.ogg', 100), input('settling', set), sec(0));
    expect(starts(step.actions)).toEqual(['settling 2 (restored, fade 3)']);
    expect(step.state.current).toMatchObject({ offsetSec: 100, startedAt: sec(-100) });
    expect(step.nextStartAt).toBe(sec(300 - 100 - 2));
    expect(step.state.resumeAt).toBeNull();
  });

  it('a track nearly over gives way to the next; a timeline that moved on starts its own set', () => {
    const set = makeSet();
    expect(starts(tick(at('settling', 'settling-0.ogg', 296), input('settling', set), sec(0)).actions)).toEqual([
      'settling 2 (restored, fade 3)',
    ]);
    expect(
      tick(at('settling', 'settling-0.ogg', 296), input('settling', set), sec(0)).state.current?.offsetSec,
    ).toBeUndefined();
    // Music was playing before: whatever starts now fades in, never at full level at once.
    expect(starts(tick(at('settling', 'settling-0.ogg', 100), input('onset', set), sec(0)).actions)).toEqual([
      'onset 1 (restored, fade 3)',
    ]);
    // A file no longer in the set, or a track that failed: the set starts from its first track.
    expect(starts(tick(at('settling', 'gone.ogg', 100), input('settling', set), sec(0)).actions)).toEqual([
      'settling 1 (restored, fade 3)',
    ]);
    expect(
      starts(
        tick(
          { ...initialPlayerState(), resumeAt: { phase: 'settling', file: null, positionSec: 0 } },
          input('settling', set),
          sec(0),
        ).actions,
      ),
    ).toEqual(['settling 1 (restored, fade 3)']);
    // A clock that ran backwards: the track starts from its beginning rather than being skipped.
    const skewed = tick(at('settling', 'settling-1.ogg', -5), input('settling', set), sec(0));
    expect(starts(skewed.actions)).toEqual(['settling 2 (restored, fade 3)']);
    expect(skewed.state.current?.offsetSec).toBeUndefined();
  });

  it('reads from the log how far the last track played, pauses not counted', () => {
    const start = { action: 'start' as const, phase: 'peak' as const, file: 'peak-0.ogg' };
    const log = [
      { at: sec(0), payload: start },
      { at: sec(60), payload: { action: 'pause' as const, phase: 'peak' as const } },
      { at: sec(90), payload: { action: 'resume' as const, phase: 'peak' as const } },
    ];
    expect(resumePoint(log, sec(150))).toEqual({ phase: 'peak', file: 'peak-0.ogg', positionSec: 120 });
    // Paused now: the position is where the pause left it.
    expect(resumePoint([...log, { at: sec(200), payload: { action: 'pause', phase: 'peak' } }], sec(900))).toEqual({
      phase: 'peak',
      file: 'peak-0.ogg',
      positionSec: 170,
    });
    // A track itself picked up mid-way counts from where it was picked up.
    expect(resumePoint([{ at: sec(0), payload: { ...start, fromSec: 100 } }], sec(10))).toEqual({
      phase: 'peak',
      file: 'peak-0.ogg',
      positionSec: 110,
    });
    // One that failed after it started is not picked up again; its phase's set starts over.
    expect(
      resumePoint(
        [...log, { at: sec(100), payload: { action: 'track_failed', phase: 'peak', file: 'peak-0.ogg' } }],
        sec(150),
      ),
    ).toEqual({ phase: 'peak', file: null, positionSec: 0 });
    expect(resumePoint([], sec(0))).toBeNull();
  });
});
