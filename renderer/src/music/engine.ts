import { Howl, Howler } from 'howler';
import { loadErrorReason, trackLevel } from './levels';
import type { Voice } from './schedule';

export interface EngineListener {
  /** The sound is heard (its 'play' event): when its position 0 was, and its real length once known. */
  started(voiceId: number, at: number, durationSec: number | undefined): void;
  failed(voiceId: number, reason: string): void;
  ended(voiceId: number): void;
  outputProblem(message: string | null): void;
  /** The browser will not start sound before someone has clicked on the page: the voices wait, in place. */
  autoplayBlocked(blocked: boolean): void;
}

/** No click on the page yet, so a refused start is the browser's autoplay rule, not a broken track. */
const beforeAnyClick = () =>
  (navigator as Navigator & { userActivation?: { hasBeenActive: boolean } }).userActivation?.hasBeenActive === false;

/** A tenth of a second of silence (16-bit PCM zeros), played at volume 0: asks the browser whether sound may start. */
function silentWavUrl(): string {
  const samples = 800;
  const view = new DataView(new ArrayBuffer(44 + samples * 2));
  const text = (at: number, t: string) => [...t].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  text(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 8000, true);
  view.setUint32(28, 16000, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples * 2, true);
  return URL.createObjectURL(new Blob([view.buffer], { type: 'audio/wav' }));
}

let autoplayProbe: Promise<boolean> | null = null;
/** Before any click, whether this browser lets sound start without one (Electron does; a browser may not). Asked once. */
function autoplayAllowed(): Promise<boolean> {
  autoplayProbe ??= (async () => {
    const probe = new Audio(silentWavUrl());
    probe.volume = 0;
    try {
      await probe.play();
      probe.pause();
      return true;
    } catch (err) {
      return (err as DOMException)?.name !== 'NotAllowedError';
    } finally {
      URL.revokeObjectURL(probe.src);
    }
  })();
  return autoplayProbe;
}

export interface VoiceLevel {
  voiceId: number;
  title: string;
  /** What reaches the output: the sound's volume times the room volume, 0..1. */
  level: number;
  leaving: boolean;
}

interface Playing {
  voice: Voice;
  howl: Howl;
  soundId: number | null;
  level: number;
  heard: boolean;
  leaving: boolean;
  stopTimer: ReturnType<typeof setTimeout> | null;
  /** Set while a pause is fading the sound out; it stops when the fade ends. */
  pauseTimer: ReturnType<typeof setTimeout> | null;
  /** Starts the sound (howler's play); called at once, or after the first click when the browser holds sound back. */
  begin?: () => void;
}

/** The html5 audio element howler keeps for a sound: howler has no output-device API, so the sink is set on it. */
type SinkableAudio = HTMLAudioElement;
const audioNodes = (howl: Howl): SinkableAudio[] =>
  ((howl as unknown as { _sounds?: { _node?: SinkableAudio }[] })._sounds ?? [])
    .map((s) => s._node)
    .filter((n): n is SinkableAudio => !!n);

/**
 * Carries out the scheduler's actions with howler: html5 mode (long tracks stream), one Howl per track,
 * unloaded when it is done. Fades start from the sound's 'play' event: in html5 mode a fade called right
 * after play() is dropped. Marks each sound's start and end on the performance timeline for the bench.
 */
export class HowlerEngine {
  private readonly voices = new Map<number, Playing>();
  private quiet = false;
  private paused = false;
  private sinkId = '';
  /** Voices the browser refused to start before a click: started again, from where they were, by startAfterClick. */
  private readonly waitingForClick = new Set<number>();

  constructor(private readonly listener: EngineListener) {
    Howler.autoSuspend = false;
  }

  setRoomVolume(volume: number): void {
    Howler.volume(Math.min(1, Math.max(0, volume)));
  }

  start(voice: Voice, fadeInSec: number, onHeard?: (at: number) => void): void {
    const format = /\.([a-z0-9]+)$/i.exec(voice.track.file)?.[1]?.toLowerCase();
    // A track picked up mid-way plays as a sprite from its offset: howler sets an html5 sound's start from its
    // sprite before play(), where a seek after play() would stop the fade-in. The sprite is made far longer than
    // the track so it never cuts it; the scheduler moves on by the file's real length (below) as for any track.
    const offset = voice.offsetSec ?? 0;
    const sprite =
      offset > 0
        ? { from: [offset * 1000, (Math.max(1, voice.durationSec) * 2 + 60) * 1000] as [number, number] }
        : undefined;
    const howl = new Howl({
      src: [voice.track.url],
      html5: true,
      preload: true,
      volume: 0,
      ...(format ? { format: [format] } : {}),
      ...(sprite ? { sprite } : {}),
    });
    const playing: Playing = {
      voice,
      howl,
      soundId: null,
      level: trackLevel(voice.track.gainDb),
      heard: false,
      leaving: false,
      stopTimer: null,
      pauseTimer: null,
    };
    this.voices.set(voice.id, playing);
    void this.applySink(howl);
    howl.once('play', (soundId) => {
      if (playing.leaving) return;
      playing.heard = true;
      const target = this.quiet ? 0 : playing.level;
      if (fadeInSec > 0 && target > 0) howl.fade(0, target, fadeInSec * 1000, soundId);
      else howl.volume(target, soundId);
      const position = Number(howl.seek(soundId)) || 0;
      const at = Date.now() - position * 1000;
      performance.mark('music-voice-start', { detail: { voiceId: voice.id, key: voice.track.key, at } });
      onHeard?.(at);
      // With an id, howler gives a sprite's length; without one, the file's.
      const duration = sprite ? howl.duration() : howl.duration(soundId);
      this.listener.started(voice.id, at, duration > 0 ? duration : undefined);
    });
    howl.on('loaderror', (_id, code) => this.fail(voice.id, loadErrorReason(code)));
    howl.on('playerror', () => {
      if (!beforeAnyClick()) return this.fail(voice.id, 'The audio could not start on this output.');
      this.waitingForClick.add(voice.id);
      this.listener.autoplayBlocked(true);
    });
    howl.on('end', () => {
      this.release(voice.id);
      this.listener.ended(voice.id);
    });
    const begin = () => {
      playing.soundId = sprite ? howl.play('from') : howl.play();
    };
    playing.begin = begin;
    if (!beforeAnyClick()) return begin();
    // Before any click the browser may hold sound back: then the voice waits, in place, for "Start the music".
    void autoplayAllowed().then((allowed) => {
      if (this.voices.get(voice.id) !== playing || playing.leaving) return;
      if (allowed || !beforeAnyClick()) return begin();
      this.waitingForClick.add(voice.id);
      this.listener.autoplayBlocked(true);
    });
  }

  /** Called from a click ("Start the music"): the voices the browser held back start where they were. */
  startAfterClick(): void {
    // A paused player keeps them waiting: its "Play music" (a click too) starts them.
    if (this.paused) return this.listener.autoplayBlocked(false);
    for (const id of this.waitingForClick) {
      const playing = this.voices.get(id);
      if (!playing || playing.leaving) continue;
      if (playing.soundId === null) playing.begin?.();
      else playing.howl.play(playing.soundId);
    }
    this.waitingForClick.clear();
    this.listener.autoplayBlocked(false);
  }

  private fail(voiceId: number, reason: string): void {
    if (!this.voices.has(voiceId)) return;
    this.release(voiceId);
    this.listener.failed(voiceId, reason);
  }

  /** Fades a voice out and unloads it; one that was never heard is unloaded at once. */
  fadeOut(voiceId: number, overSec: number): void {
    const playing = this.voices.get(voiceId);
    if (!playing || playing.leaving) return;
    playing.leaving = true;
    if (!playing.heard || playing.soundId === null || overSec <= 0) return this.release(voiceId);
    playing.howl.fade(playing.howl.volume(playing.soundId) as number, 0, overSec * 1000, playing.soundId);
    playing.stopTimer = setTimeout(() => this.release(voiceId), overSec * 1000 + 50);
  }

  /** Stops and unloads a voice: the html5 audio element goes back to howler's pool. */
  private release(voiceId: number): void {
    const playing = this.voices.get(voiceId);
    if (!playing) return;
    this.voices.delete(voiceId);
    this.waitingForClick.delete(voiceId);
    if (playing.stopTimer) clearTimeout(playing.stopTimer);
    if (playing.pauseTimer) clearTimeout(playing.pauseTimer);
    if (playing.heard)
      performance.mark('music-voice-end', { detail: { voiceId, key: playing.voice.track.key, at: Date.now() } });
    playing.howl.off();
    playing.howl.unload();
  }

  /** Pause: every sound fades out over `overSec` (silence that falls, never a cut); the current one stops where it is, those on their way out go. */
  pause(overSec: number): void {
    this.paused = true;
    for (const [id, playing] of this.voices) {
      const soundId = playing.soundId;
      const audible = playing.heard && soundId !== null && overSec > 0;
      if (playing.leaving) {
        if (!audible) {
          this.release(id);
          continue;
        }
        playing.howl.fade(playing.howl.volume(soundId) as number, 0, overSec * 1000, soundId);
        if (playing.stopTimer) clearTimeout(playing.stopTimer);
        playing.stopTimer = setTimeout(() => this.release(id), overSec * 1000 + 50);
        continue;
      }
      if (soundId === null) continue;
      if (!audible) {
        playing.howl.pause(soundId);
        continue;
      }
      playing.howl.fade(playing.howl.volume(soundId) as number, 0, overSec * 1000, soundId);
      playing.pauseTimer = setTimeout(() => {
        playing.pauseTimer = null;
        playing.howl.pause(soundId);
      }, overSec * 1000);
    }
  }

  /** Play again: each sound fades back up to its level over `overSec`, from its 'play' event as html5 mode needs. */
  resume(overSec: number): void {
    this.paused = false;
    for (const [id, playing] of this.voices) {
      if (this.waitingForClick.delete(id) && !playing.leaving) {
        if (playing.soundId === null) playing.begin?.();
        else playing.howl.play(playing.soundId);
        continue;
      }
      const soundId = playing.soundId;
      if (soundId === null || playing.leaving) continue;
      // Not if the sound was skipped, or paused again, before its audio answered.
      const fadeUp = () => {
        if (playing.leaving || this.paused) return;
        playing.howl.fade(
          playing.howl.volume(soundId) as number,
          this.quiet ? 0 : playing.level,
          Math.max(1, overSec * 1000),
          soundId,
        );
      };
      if (playing.pauseTimer) {
        // Still fading out: the same sound turns back up where it is.
        clearTimeout(playing.pauseTimer);
        playing.pauseTimer = null;
        fadeUp();
        continue;
      }
      if (playing.heard) {
        playing.howl.volume(0, soundId);
        playing.howl.once('play', fadeUp, soundId);
      }
      playing.howl.play(soundId);
    }
  }

  /** Quiet: every sound fades to silence over `overSec` and keeps its place; unquiet brings each back to its level. */
  setQuiet(quiet: boolean, overSec: number): void {
    this.quiet = quiet;
    for (const playing of this.voices.values()) {
      if (!playing.heard || playing.soundId === null) continue;
      if (!quiet && playing.leaving) continue;
      // A pause fading it out already takes it to silence; resume brings it to the level quiet allows.
      if (playing.pauseTimer) continue;
      const from = playing.howl.volume(playing.soundId) as number;
      playing.howl.fade(from, quiet ? 0 : playing.level, overSec * 1000, playing.soundId);
    }
  }

  /** The current voice's position by its own audio clock, when it is playing. */
  positionSec(voiceId: number): number | undefined {
    const playing = this.voices.get(voiceId);
    if (!playing?.heard || playing.soundId === null) return undefined;
    const seek = playing.howl.seek(playing.soundId);
    return typeof seek === 'number' ? seek : undefined;
  }

  levels(): VoiceLevel[] {
    const room = Howler.volume();
    return [...this.voices.values()].map((p) => ({
      voiceId: p.voice.id,
      title: p.voice.track.title,
      level: p.heard && p.soundId !== null ? Math.round((p.howl.volume(p.soundId) as number) * room * 1000) / 1000 : 0,
      leaving: p.leaving,
    }));
  }

  /** Sends every sound, now and from now on, to this output ('' = the system default). */
  async setOutput(deviceId: string): Promise<void> {
    this.sinkId = deviceId;
    await Promise.all([...this.voices.values()].map((p) => this.applySink(p.howl)));
  }

  private async applySink(howl: Howl): Promise<void> {
    try {
      await Promise.all(
        audioNodes(howl).map((node) =>
          'setSinkId' in node && node.sinkId !== this.sinkId ? node.setSinkId(this.sinkId) : Promise.resolve(),
        ),
      );
      this.listener.outputProblem(null);
    } catch {
      this.listener.outputProblem(
        'The chosen audio output is not connected: the music plays on the system default. Connect it, or choose another output.',
      );
    }
  }

  stopAll(): void {
    for (const id of [...this.voices.keys()]) this.release(id);
  }
}
