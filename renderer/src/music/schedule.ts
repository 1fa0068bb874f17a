import type { MusicLogPayload } from '@core/pure/music/playback-log';
import type { MusicSetView, MusicTrackView } from '@core/pure/music/view';
import { PHASES, type Phase } from '@core/pure/timeline/timeline';

/**
 * The player's decisions, as pure functions of (state, what the room says, now): which track plays next,
 * when it starts so that consecutive tracks overlap, how a phase change is made, what happens when a
 * phase's tracks run out, and how a track that cannot play is skipped. No howler and no React here: the
 * engine carries out the actions; the tests call these at chosen times.
 */

/** What the scheduler needs of a track and a set from the music library's listing. */
export type PlayableTrack = Pick<
  MusicTrackView,
  'key' | 'file' | 'title' | 'artist' | 'durationSec' | 'url' | 'gainDb' | 'available'
>;
export type PlayableSet = Pick<MusicSetView, 'id' | 'name'> & { phases: Record<Phase, PlayableTrack[]> };

export interface MusicTiming {
  crossfadeSec: number;
  /** At a phase change, wait for the current track to end if it ends within this. */
  endMarginSec: number;
  /** Consecutive tracks overlap by this: no silence between them. */
  trackOverlapSec: number;
  onRunOut: 'repeat' | 'next';
}

export interface MusicInput {
  /** The timeline's phase now. */
  phase: Phase;
  /** Hold: stay in this phase's set whatever the timeline says. */
  hold: Phase | null;
  set: PlayableSet;
  timing: MusicTiming;
  /** The current track's real position, when the engine knows it (the audio's own clock beats the wall clock). */
  positionSec?: number;
}

/** One sound the engine plays. */
export interface Voice {
  id: number;
  track: PlayableTrack;
  /** Whose tracks it comes from (with onRunOut 'next' this can be ahead of the phase followed). */
  phase: Phase;
  index: number;
  /** When its position 0 played (epoch ms); moved on by pauses. */
  startedAt: number;
  durationSec: number;
  /** How it fades in: a track that replaces one which failed to load keeps this, so a crossfade stays a crossfade. */
  fadeInSec: number;
  /** Where in the track it starts (seconds): set when the room reopens mid-track. */
  offsetSec?: number;
}

/** The track the session log says was playing when the room closed, and how far into it the music had got. */
export interface ResumePoint {
  phase: Phase;
  /** null: music had played but its last track failed; the phase's set starts again, fading in. */
  file: string | null;
  positionSec: number;
}

/** The track last started, and how far it has played since (pauses not counted), unless it failed after starting. */
export function resumePoint(
  log: readonly { at: number; payload: Pick<MusicLogPayload, 'action' | 'phase' | 'file' | 'fromSec'> }[],
  now: number,
): ResumePoint | null {
  const startIndex = log.findLastIndex((e) => e.payload.action === 'start');
  const start = log[startIndex];
  if (!start?.payload.file) return null;
  const after = log.slice(startIndex + 1);
  if (after.some((e) => e.payload.action === 'track_failed' && e.payload.file === start.payload.file))
    return { phase: start.payload.phase, file: null, positionSec: 0 };
  let pausedMs = 0;
  let pausedAt: number | null = null;
  for (const e of after) {
    if (e.payload.action === 'pause' && pausedAt === null) pausedAt = e.at;
    else if (e.payload.action === 'resume' && pausedAt !== null) {
      pausedMs += e.at - pausedAt;
      pausedAt = null;
    }
  }
  const playedMs = (pausedAt ?? now) - start.at - pausedMs;
  return {
    phase: start.payload.phase,
    file: start.payload.file,
    positionSec: (start.payload.fromSec ?? 0) + playedMs / 1000,
  };
}

/** After the room reopens, the track that was playing fades back in over this, where it was. */
export const RESTORE_FADE_SEC = 3;

export interface PlayerState {
  setId: string | null;
  /** The phase (timeline's, or held) the player last followed; null before the first start. */
  following: Phase | null;
  current: Voice | null;
  /** A phase move waiting for the current track to end. */
  pendingMove: Phase | null;
  /** Keys of tracks that could not be played: skipped from now on. */
  failed: string[];
  nextVoiceId: number;
  pausedAt: number | null;
  /** Nothing in the set can be played. */
  silent: boolean;
  /** Where to pick up at the first start after the room reopened; used once. */
  resumeAt: ResumePoint | null;
}

export type StartReason =
  | 'first'
  | 'restored'
  | 'next'
  | 'skip'
  | 'phase_crossfade'
  | 'phase_at_track_end'
  | 'after_failure'
  | 'set_chosen'
  | 'run_out_repeat'
  | 'run_out_next';

export type PlayerAction =
  | { type: 'start'; voice: Voice; fadeInSec: number; reason: StartReason }
  | { type: 'fade_out'; voiceId: number; overSec: number }
  | { type: 'phase_move'; from: Phase; to: Phase; mode: 'crossfade' | 'at_track_end' }
  | { type: 'track_failed'; track: PlayableTrack; phase: Phase; reason: string }
  | { type: 'silent'; reason: string };

export interface Step {
  state: PlayerState;
  actions: PlayerAction[];
  /** When the next track is due to start (epoch ms), if one is playing. */
  nextStartAt: number | null;
}

export const NOT_IN_LIBRARY = 'The file is not in the music library.';

export function initialPlayerState(): PlayerState {
  return {
    setId: null,
    following: null,
    current: null,
    pendingMove: null,
    failed: [],
    nextVoiceId: 1,
    pausedAt: null,
    silent: false,
    resumeAt: null,
  };
}

/** Seconds the voice still has to play at `now`. */
export function remainingSec(voice: Voice, now: number, positionSec?: number): number {
  const position = positionSec ?? (now - voice.startedAt) / 1000;
  return voice.durationSec - position;
}

interface Slot {
  phase: Phase;
  index: number;
  reason: StartReason;
}

/** Where to look for a track, in order, beginning at `phase`[`from`]; bounded, so it always ends. */
function* slots(
  set: PlayableSet,
  phase: Phase,
  from: number,
  onRunOut: MusicTiming['onRunOut'],
  reason: StartReason,
): Generator<Slot> {
  const list = set.phases[phase];
  for (let i = from; i < list.length; i++) yield { phase, index: i, reason };
  if (onRunOut === 'repeat') {
    for (let i = 0; i < Math.min(from, list.length); i++) yield { phase, index: i, reason: 'run_out_repeat' };
  } else {
    // Move on through the later phases' sets; the last phase repeats.
    const at = PHASES.indexOf(phase);
    for (const later of PHASES.slice(at + 1))
      for (let i = 0; i < set.phases[later].length; i++) yield { phase: later, index: i, reason: 'run_out_next' };
    if (at === PHASES.length - 1)
      for (let i = 0; i < Math.min(from, list.length); i++) yield { phase, index: i, reason: 'run_out_repeat' };
  }
  // Last resort, so the music never stops silently: any playable track of the set, in phase order.
  for (const other of PHASES)
    for (let i = 0; i < set.phases[other].length; i++) yield { phase: other, index: i, reason };
}

/**
 * The first playable slot. Tracks not in the library are skipped, and each is reported once as failed.
 * Returns the state with those tracks marked failed.
 */
function pick(
  state: PlayerState,
  input: MusicInput,
  phase: Phase,
  from: number,
  reason: StartReason,
  actions: PlayerAction[],
): { state: PlayerState; slot: Slot | null } {
  const failed = [...state.failed];
  for (const slot of slots(input.set, phase, from, input.timing.onRunOut, reason)) {
    const track = input.set.phases[slot.phase][slot.index]!;
    if (failed.includes(track.key)) continue;
    if (!track.available) {
      failed.push(track.key);
      actions.push({ type: 'track_failed', track, phase: slot.phase, reason: NOT_IN_LIBRARY });
      continue;
    }
    return { state: { ...state, failed }, slot };
  }
  return { state: { ...state, failed }, slot: null };
}

/** Starts the track at the first playable slot from phase[from], fading the current voice out over `fadeSec`. */
function startFrom(
  state: PlayerState,
  input: MusicInput,
  now: number,
  phase: Phase,
  from: number,
  reason: StartReason,
  fadeSec: number,
  actions: PlayerAction[],
): PlayerState {
  const picked = pick(state, input, phase, from, reason, actions);
  let next = picked.state;
  if (next.current) actions.push({ type: 'fade_out', voiceId: next.current.id, overSec: Math.max(0, fadeSec) });
  if (!picked.slot) {
    if (!next.silent)
      actions.push({
        type: 'silent',
        reason: `No track in the set "${input.set.name}" can be played. Choose another set.`,
      });
    return { ...next, current: null, silent: true };
  }
  const { slot } = picked;
  const track = input.set.phases[slot.phase][slot.index]!;
  const fadeInSec = Math.max(0, fadeSec);
  const voice: Voice = {
    id: next.nextVoiceId,
    track,
    phase: slot.phase,
    index: slot.index,
    startedAt: now,
    durationSec: track.durationSec,
    fadeInSec,
  };
  actions.push({ type: 'start', voice, fadeInSec, reason: slot.reason });
  next = { ...next, current: voice, nextVoiceId: next.nextVoiceId + 1, silent: false };
  return next;
}

function step(state: PlayerState, input: MusicInput, actions: PlayerAction[], now: number): Step {
  const current = state.current;
  const nextStartAt =
    current && state.pausedAt === null
      ? now + Math.max(0, remainingSec(current, now, input.positionSec) - input.timing.trackOverlapSec) * 1000
      : null;
  return { state, actions, nextStartAt };
}

/** The player's heartbeat: called often (the engine calls it every 100 ms) and at every change the room makes. */
export function tick(state: PlayerState, input: MusicInput, now: number): Step {
  const actions: PlayerAction[] = [];
  if (state.pausedAt !== null) return step(state, input, actions, now);
  const target = input.hold ?? input.phase;
  const { timing } = input;

  if (state.following === null && state.resumeAt) {
    state = restoreStart(
      { ...state, setId: input.set.id, following: target, pendingMove: null, resumeAt: null },
      input,
      now,
      state.resumeAt,
      actions,
    );
    return step(state, input, actions, now);
  }
  if (state.following === null || state.setId !== input.set.id) {
    const reason: StartReason = state.following === null ? 'first' : 'set_chosen';
    state = startFrom(
      { ...state, setId: input.set.id, following: target, pendingMove: null },
      input,
      now,
      target,
      0,
      reason,
      reason === 'first' ? 0 : timing.crossfadeSec,
      actions,
    );
    return step(state, input, actions, now);
  }

  if (target !== state.following) {
    const from = state.following;
    const ending = state.current && remainingSec(state.current, now, input.positionSec) <= timing.endMarginSec;
    if (ending) {
      actions.push({ type: 'phase_move', from, to: target, mode: 'at_track_end' });
      state = { ...state, following: target, pendingMove: target };
    } else {
      actions.push({ type: 'phase_move', from, to: target, mode: 'crossfade' });
      state = startFrom(
        { ...state, following: target, pendingMove: null },
        input,
        now,
        target,
        0,
        'phase_crossfade',
        timing.crossfadeSec,
        actions,
      );
      return step(state, input, actions, now);
    }
  }

  const playing = state.current;
  if (!playing) {
    if (!state.silent) state = startFrom(state, input, now, state.following ?? target, 0, 'after_failure', 0, actions);
    return step(state, input, actions, now);
  }
  const remaining = remainingSec(playing, now, input.positionSec);
  if (remaining <= timing.trackOverlapSec)
    state = startNext(state, input, now, Math.max(0, remaining), actions, 'next');
  return step(state, input, actions, now);
}

/**
 * The first start after the room reopened: the track that was playing goes on where it was, fading in, if
 * the timeline is still in its phase and enough of it is left; one nearly over gives way to the next. Otherwise
 * the phase's set starts again, fading in too.
 */
function restoreStart(
  state: PlayerState,
  input: MusicInput,
  now: number,
  at: ResumePoint,
  actions: PlayerAction[],
): PlayerState {
  const target = state.following!;
  const list = input.set.phases[target];
  const index = at.file !== null && at.phase === target ? list.findIndex((t) => t.file === at.file) : -1;
  const track = list[index];
  // Music was playing before the room reopened: whatever starts now fades in.
  if (!track || !track.available) return startFrom(state, input, now, target, 0, 'restored', RESTORE_FADE_SEC, actions);
  const positionSec = Math.max(0, at.positionSec);
  if (positionSec > track.durationSec - input.timing.trackOverlapSec - RESTORE_FADE_SEC) {
    return startFrom(state, input, now, target, index + 1, 'restored', RESTORE_FADE_SEC, actions);
  }
  const voice: Voice = {
    id: state.nextVoiceId,
    track,
    phase: target,
    index,
    startedAt: now - positionSec * 1000,
    durationSec: track.durationSec,
    fadeInSec: RESTORE_FADE_SEC,
    ...(positionSec > 0 ? { offsetSec: positionSec } : {}),
  };
  actions.push({ type: 'start', voice, fadeInSec: RESTORE_FADE_SEC, reason: 'restored' });
  return { ...state, current: voice, nextVoiceId: state.nextVoiceId + 1, silent: false };
}

/** The track after the current one: the waiting phase's first, else the next in this phase's list (run-out rule after its last). */
function startNext(
  state: PlayerState,
  input: MusicInput,
  now: number,
  fadeSec: number,
  actions: PlayerAction[],
  reason: StartReason,
): PlayerState {
  const playing = state.current;
  if (state.pendingMove) {
    const phase = state.pendingMove;
    return startFrom(
      { ...state, pendingMove: null },
      input,
      now,
      phase,
      0,
      reason === 'next' ? 'phase_at_track_end' : reason,
      fadeSec,
      actions,
    );
  }
  if (!playing) return startFrom(state, input, now, state.following!, 0, reason, fadeSec, actions);
  return startFrom(state, input, now, playing.phase, playing.index + 1, reason, fadeSec, actions);
}

/** Skip: the next track now, with the usual short overlap. */
export function skip(state: PlayerState, input: MusicInput, now: number): Step {
  const actions: PlayerAction[] = [];
  if (state.pausedAt !== null || !state.current) return step(state, input, actions, now);
  return step(startNext(state, input, now, input.timing.trackOverlapSec, actions, 'skip'), input, actions, now);
}

/** The engine could not load, decode or play a voice: flag it and start the next track at once. */
export function trackFailed(state: PlayerState, input: MusicInput, voiceId: number, reason: string, now: number): Step {
  const actions: PlayerAction[] = [];
  const voice = state.current;
  if (!voice || voice.id !== voiceId) return step(state, input, actions, now);
  actions.push({ type: 'track_failed', track: voice.track, phase: voice.phase, reason });
  const failed = state.failed.includes(voice.track.key) ? state.failed : [...state.failed, voice.track.key];
  // The failed voice is gone: the next starts at once, fading in as the failed one would have.
  const withoutIt: PlayerState = { ...state, failed, current: null };
  const from = state.pendingMove
    ? { phase: state.pendingMove, index: 0 }
    : { phase: voice.phase, index: voice.index + 1 };
  const next = startFrom(
    { ...withoutIt, pendingMove: null },
    input,
    now,
    from.phase,
    from.index,
    'after_failure',
    voice.fadeInSec,
    actions,
  );
  return step(next, input, actions, now);
}

/** The audio ended before the scheduler expected (a shorter file than its listing says): go on at once. */
export function trackEnded(state: PlayerState, input: MusicInput, voiceId: number, now: number): Step {
  const actions: PlayerAction[] = [];
  if (!state.current || state.current.id !== voiceId || state.pausedAt !== null)
    return step(state, input, actions, now);
  return step(startNext(state, input, now, 0, actions, 'next'), input, actions, now);
}

/** The engine heard the voice start (its 'play' event) or learnt its real length: the plan follows the audio. */
export function voiceStarted(state: PlayerState, voiceId: number, at: number, durationSec?: number): PlayerState {
  if (!state.current || state.current.id !== voiceId) return state;
  const known = durationSec !== undefined && Number.isFinite(durationSec) && durationSec > 0;
  return {
    ...state,
    current: { ...state.current, startedAt: at, durationSec: known ? durationSec : state.current.durationSec },
  };
}

export function pause(state: PlayerState, now: number): PlayerState {
  return state.pausedAt === null ? { ...state, pausedAt: now } : state;
}

/** Resume: the current track goes on from where it was paused. */
export function resume(state: PlayerState, now: number): PlayerState {
  if (state.pausedAt === null) return state;
  const pausedFor = now - state.pausedAt;
  return {
    ...state,
    pausedAt: null,
    current: state.current ? { ...state.current, startedAt: state.current.startedAt + pausedFor } : null,
  };
}
