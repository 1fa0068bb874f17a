import type { MusicAction, MusicLogPayload } from '@core/pure/music/playback-log';
import type { Phase } from '@core/pure/timeline/timeline';
import { HowlerEngine, type EngineListener, type VoiceLevel } from './engine';
import {
  initialPlayerState,
  pause,
  resume,
  skip,
  tick,
  trackEnded,
  trackFailed,
  voiceStarted,
  type MusicInput,
  type MusicTiming,
  type PlayableSet,
  type PlayerState,
  resumePoint,
  type ResumePoint,
  type Step,
} from './schedule';

export const TICK_MS = 100;
/** Pause and play are quick moves, yet the music falls silent and comes back over a breath, never with a cut or a jolt. */
export const PAUSE_FADE_SEC = 1.5;
/** A slider drag or a held key is one volume change in the record, written once it has settled this long. */
export const VOLUME_SETTLE_MS = 1000;

export interface MusicProblem {
  id: number;
  message: string;
}

/** What the panel shows. */
export interface MusicView {
  setId: string | null;
  following: Phase | null;
  playingPhase: Phase | null;
  title: string | null;
  artist: string | null;
  hold: Phase | null;
  paused: boolean;
  quiet: boolean;
  waitingFor: Phase | null;
  voices: VoiceLevel[];
  problems: MusicProblem[];
  outputProblem: string | null;
  /** The browser held the music back until someone clicks: the panel offers "Start the music". */
  autoplayBlocked: boolean;
}

export interface ControllerOptions {
  /** The timeline's phase now. */
  phaseNow: () => Phase;
  /** Writes a music event to the session log; `byPlayer` when the player did it by itself. */
  log: (payload: MusicLogPayload, byPlayer: boolean) => void;
  onChange: () => void;
}

/** What the session log says the player was doing, so a reload picks up where the room was. */
export interface RestoredMusic {
  setId: string | null;
  hold: Phase | null;
  paused: boolean;
  quiet: boolean;
  /** The volume last set in this session, if it was changed from the room's. */
  volume: number | null;
  /** The track that was playing and how far into it, so the music goes on where it was. */
  resumeAt: ResumePoint | null;
}

export function restoreFromLog(log: readonly { at: number; payload: MusicLogPayload }[], now: number): RestoredMusic {
  const last = (actions: MusicAction[]) => [...log].reverse().find((e) => actions.includes(e.payload.action))?.payload;
  const hold = last(['hold', 'release']);
  return {
    setId: last(['set_chosen'])?.setId ?? null,
    hold: hold?.action === 'hold' ? hold.phase : null,
    paused: last(['pause', 'resume'])?.action === 'pause',
    quiet: last(['quiet', 'quiet_off'])?.action === 'quiet',
    volume: last(['volume'])?.volume ?? null,
    resumeAt: resumePoint(log, now),
  };
}

/**
 * The player: the pure schedule decides, the howler engine plays, and every change is written to the
 * session log. Ticks every 100 ms, so a phase boundary is acted on within a tenth of a second.
 */
/** What the controller asks of the audio: the howler engine in the room. */
export type MusicEngine = Pick<
  HowlerEngine,
  | 'start'
  | 'fadeOut'
  | 'levels'
  | 'pause'
  | 'resume'
  | 'positionSec'
  | 'setOutput'
  | 'setQuiet'
  | 'setRoomVolume'
  | 'stopAll'
> &
  Partial<Pick<HowlerEngine, 'startAfterClick'>>;

export class MusicController {
  private state: PlayerState = initialPlayerState();
  private readonly engine: MusicEngine;
  private set: PlayableSet | null = null;
  /** The set the therapist chose in this session: it wins over the one worked out when the library arrives. */
  private chosen: PlayableSet | null = null;
  private timing: MusicTiming | null = null;
  private quietFadeSec = 5;
  private hold: Phase | null = null;
  private quiet = false;
  private problems: MusicProblem[] = [];
  private problemSeq = 0;
  private outputProblem: string | null = null;
  private autoplayBlocked = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private pendingVolume: number | null = null;
  private volumeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly options: ControllerOptions,
    makeEngine: (listener: EngineListener) => MusicEngine = (listener) => new HowlerEngine(listener),
  ) {
    this.engine = makeEngine({
      started: (voiceId, at, durationSec) => {
        this.state = voiceStarted(this.state, voiceId, at, durationSec);
      },
      failed: (voiceId, reason) => this.apply(trackFailed(this.state, this.input(), voiceId, reason, Date.now())),
      ended: (voiceId) => this.apply(trackEnded(this.state, this.input(), voiceId, Date.now())),
      outputProblem: (message) => {
        this.outputProblem = message;
        this.options.onChange();
      },
      autoplayBlocked: (blocked) => {
        this.autoplayBlocked = blocked;
        this.options.onChange();
      },
    });
  }

  /** Begins (or, for a restored pause, stands ready) with the set, timing and what the log says. */
  begin(restored: RestoredMusic, volume: number): void {
    this.hold = restored.hold;
    this.quiet = restored.quiet;
    this.engine.setRoomVolume(volume);
    this.engine.setQuiet(this.quiet, 0);
    this.state = { ...this.state, resumeAt: restored.resumeAt };
    if (restored.paused) this.state = pause(this.state, Date.now());
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.tick();
  }

  configure(set: PlayableSet | null, timing: MusicTiming, quietFadeSec: number): void {
    // A choice made while the library was still arriving, or not yet back in the log, is not undone.
    this.set = this.chosen ?? set;
    this.timing = timing;
    this.quietFadeSec = quietFadeSec;
  }

  dispose(): void {
    this.writeVolume();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.engine.stopAll();
    this.state = initialPlayerState();
  }

  private input(): MusicInput {
    const current = this.state.current;
    const position = current ? this.engine.positionSec(current.id) : undefined;
    return {
      phase: this.options.phaseNow(),
      hold: this.hold,
      set: this.set!,
      timing: this.timing!,
      ...(position !== undefined ? { positionSec: position } : {}),
    };
  }

  tick(): void {
    if (!this.set || !this.timing) return;
    this.apply(tick(this.state, this.input(), Date.now()));
  }

  private base(): Pick<MusicLogPayload, 'setId' | 'setName' | 'phase'> {
    const set = this.set!;
    return {
      setId: set.id,
      setName: set.name,
      phase: this.state.current?.phase ?? this.state.following ?? this.options.phaseNow(),
    };
  }

  private flag(message: string): void {
    this.problems = [...this.problems.slice(-4), { id: ++this.problemSeq, message }];
  }

  private apply(step: Step): void {
    this.state = step.state;
    const set = this.set!;
    for (const action of step.actions) {
      switch (action.type) {
        case 'start': {
          const { voice } = action;
          const crossfade =
            action.reason === 'phase_crossfade' || (action.reason === 'after_failure' && voice.fadeInSec > 0);
          // Logged when it is heard, so the record lists what actually played.
          this.engine.start(voice, action.fadeInSec, (at) => {
            if (crossfade) performance.mark('music-crossfade-start', { detail: { at, phase: voice.phase } });
            this.options.log(
              {
                action: 'start',
                setId: set.id,
                setName: set.name,
                phase: voice.phase,
                file: voice.track.file,
                title: voice.track.title,
                ...(voice.track.artist ? { artist: voice.track.artist } : {}),
                ...(voice.offsetSec ? { fromSec: Math.round(voice.offsetSec * 10) / 10 } : {}),
              },
              true,
            );
          });
          break;
        }
        case 'fade_out':
          this.engine.fadeOut(action.voiceId, action.overSec);
          break;
        case 'phase_move':
          this.options.log(
            {
              action: 'phase_move',
              setId: set.id,
              setName: set.name,
              phase: action.to,
              fromPhase: action.from,
              detail: action.mode === 'crossfade' ? 'crossfade' : 'at track end',
            },
            true,
          );
          break;
        case 'track_failed':
          this.flag(`Skipped "${action.track.title}" (${action.track.file}): ${action.reason}`);
          this.options.log(
            {
              action: 'track_failed',
              setId: set.id,
              setName: set.name,
              phase: action.phase,
              file: action.track.file,
              title: action.track.title,
              detail: action.reason,
            },
            true,
          );
          break;
        case 'silent':
          this.flag(action.reason);
          break;
      }
    }
    this.options.onChange();
  }

  view(): MusicView {
    const current = this.state.current;
    return {
      setId: this.set?.id ?? null,
      following: this.state.following,
      playingPhase: current?.phase ?? null,
      title: current?.track.title ?? null,
      artist: current?.track.artist ?? null,
      hold: this.hold,
      paused: this.state.pausedAt !== null,
      quiet: this.quiet,
      waitingFor: this.state.pendingMove,
      voices: this.engine.levels(),
      problems: this.problems,
      outputProblem: this.outputProblem,
      autoplayBlocked: this.autoplayBlocked,
    };
  }

  /** One click starts what the browser held back, from where it was; nothing is logged as failed for it. */
  startAfterClick(): void {
    this.engine.startAfterClick?.();
  }

  skip(): void {
    if (!this.set || !this.timing || !this.state.current) return;
    const skipped = this.state.current.track;
    this.options.log({ ...this.base(), action: 'skip', file: skipped.file, title: skipped.title }, false);
    this.apply(skip(this.state, this.input(), Date.now()));
  }

  /** The therapist marks the track playing as one that resonated: counted for the set's curator, named in the summary. */
  resonated(): void {
    if (!this.set || !this.state.current) return;
    const track = this.state.current.track;
    this.options.log(
      {
        ...this.base(),
        action: 'resonated',
        file: track.file,
        title: track.title,
        ...(track.artist ? { artist: track.artist } : {}),
      },
      false,
    );
  }

  togglePause(): void {
    if (!this.set) return;
    const now = Date.now();
    if (this.state.pausedAt === null) {
      this.state = pause(this.state, now);
      this.engine.pause(PAUSE_FADE_SEC);
      this.options.log({ ...this.base(), action: 'pause' }, false);
    } else {
      this.state = resume(this.state, now);
      this.engine.resume(PAUSE_FADE_SEC);
      this.options.log({ ...this.base(), action: 'resume' }, false);
      this.tick();
    }
    this.options.onChange();
  }

  toggleHold(): void {
    if (!this.set) return;
    if (this.hold === null) {
      this.hold = this.state.following ?? this.options.phaseNow();
      this.options.log({ ...this.base(), phase: this.hold, action: 'hold' }, false);
    } else {
      this.options.log({ ...this.base(), phase: this.hold, action: 'release' }, false);
      this.hold = null;
    }
    this.tick();
  }

  toggleQuiet(): void {
    if (!this.set) return;
    this.quiet = !this.quiet;
    this.engine.setQuiet(this.quiet, this.quietFadeSec);
    this.options.log({ ...this.base(), action: this.quiet ? 'quiet' : 'quiet_off' }, false);
    this.options.onChange();
  }

  /** Another set: logged, then crossfaded into at the next tick. */
  chooseSet(set: PlayableSet): void {
    if (set.id === this.set?.id) return;
    this.set = set;
    this.chosen = set;
    this.options.log(
      {
        setId: set.id,
        setName: set.name,
        phase: this.state.following ?? this.options.phaseNow(),
        action: 'set_chosen',
      },
      false,
    );
    this.tick();
  }

  setVolume(volume: number): void {
    this.engine.setRoomVolume(volume);
    this.pendingVolume = volume;
    if (this.volumeTimer) clearTimeout(this.volumeTimer);
    this.volumeTimer = setTimeout(() => this.writeVolume(), VOLUME_SETTLE_MS);
    this.options.onChange();
  }

  /** Logs the settled volume: for the report, and so a reload plays at it rather than at the room's default. */
  private writeVolume(): void {
    if (this.volumeTimer) clearTimeout(this.volumeTimer);
    this.volumeTimer = null;
    if (this.pendingVolume === null || !this.set) return;
    this.options.log({ ...this.base(), action: 'volume', volume: this.pendingVolume }, false);
    this.pendingVolume = null;
  }

  setOutput(deviceId: string): Promise<void> {
    return this.engine.setOutput(deviceId);
  }
}
