import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { MusicLibraryView, MusicSetView } from '../../../main/core/pure/music/view';
import { MUSIC_PLAYER_AUTHOR, type MusicLogPayload } from '../../../main/core/pure/music/playback-log';
import type { MusicRecord } from '../../../main/core/pure/session/fold';
import type { Settings } from '../../../main/core/settings/schema';
import { PHASE_LABELS, type Phase } from '../../../main/core/pure/timeline/timeline';
import { call } from '../bridge/bridge';
import { MusicController, restoreFromLog } from './controller';
import { OutputChooser } from './OutputChooser';

const SHORTCUTS = {
  play: { key: 'Alt+M', code: 'KeyM' },
  skip: { key: 'Alt+N', code: 'KeyN' },
  hold: { key: 'Alt+H', code: 'KeyH' },
  quiet: { key: 'Alt+Q', code: 'KeyQ' },
  volumeUp: { key: 'Alt+ArrowUp', code: 'ArrowUp' },
  volumeDown: { key: 'Alt+ArrowDown', code: 'ArrowDown' },
  set: { key: 'Alt+L', code: 'KeyL' },
  output: { key: 'Alt+O', code: 'KeyO' },
} as const;
export const MUSIC_SHORTCUTS = SHORTCUTS;

/** The set to play: the one last chosen in this session, else the room's default, else the first shipped one. */
function initialSet(sets: MusicSetView[], restoredId: string | null, defaultId: string | null): MusicSetView | null {
  return (
    sets.find((s) => s.id === restoredId) ??
    sets.find((s) => s.id === defaultId) ??
    sets.find((s) => s.source === 'shipped') ??
    sets[0] ??
    null
  );
}

/**
 * The music in the therapist's hands: the set, the phase, the track playing and its level, and one move
 * (with its key) for each of play/pause, skip, hold, quiet, volume and the output. Plays through the room's
 * output only; nothing appears on the patient's side.
 */
export function MusicPanel(props: {
  sessionId: string;
  author: string;
  settings: Settings;
  phaseAt: (now: number) => Phase;
  music: MusicRecord[];
}) {
  const { sessionId, settings } = props;
  const music = settings.music;
  const [library, setLibrary] = useState<MusicLibraryView | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The volume last set in this session (a reload keeps it), else the room's.
  const [volume, setVolume] = useState(() => restoreFromLog(props.music, Date.now()).volume ?? music.volume);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const author = useRef(props.author);
  author.current = props.author;
  const phaseAt = useRef(props.phaseAt);
  phaseAt.current = props.phaseAt;
  const setSelect = useRef<HTMLSelectElement>(null);
  const outputSelect = useRef<HTMLSelectElement>(null);

  const controller = useMemo(
    () =>
      new MusicController({
        phaseNow: () => phaseAt.current(Date.now()),
        log: (payload: MusicLogPayload, byPlayer: boolean) => {
          call('recordMusicEvent', {
            sessionId,
            ...payload,
            author: byPlayer ? MUSIC_PLAYER_AUTHOR : author.current,
          }).catch((err: Error) => setError(`The music log could not be saved: ${err.message}`));
        },
        onChange: redraw,
      }),
    [sessionId],
  );

  useEffect(() => {
    call('listMusicSets', {})
      .then(setLibrary)
      .catch((err: Error) => setError(err.message));
  }, []);

  // Start once the library is here; the log says which set, and whether it was held, paused or quiet.
  const musicLog = useRef(props.music);
  musicLog.current = props.music;
  const volumeNow = useRef(volume);
  volumeNow.current = volume;
  useEffect(() => {
    if (!library) return;
    const restored = restoreFromLog(musicLog.current, Date.now());
    controller.configure(initialSet(library.sets, restored.setId, music.defaultSetId), music, music.quietFadeSec);
    controller.begin(restored, volumeNow.current);
    return () => controller.dispose();
  }, [library, controller, music]);

  // The meters move during fades: redraw a few times a second while anything plays.
  useEffect(() => {
    const timer = setInterval(redraw, 200);
    return () => clearInterval(timer);
  }, []);

  const changeVolume = (v: number) => {
    const next = Math.min(1, Math.max(0, Math.round(v * 100) / 100));
    setVolume(next);
    controller.setVolume(next);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const handlers: Record<string, () => void> = {
        [SHORTCUTS.play.code]: () => controller.togglePause(),
        [SHORTCUTS.skip.code]: () => controller.skip(),
        [SHORTCUTS.hold.code]: () => controller.toggleHold(),
        [SHORTCUTS.quiet.code]: () => controller.toggleQuiet(),
        [SHORTCUTS.volumeUp.code]: () => changeVolume(volume + 0.05),
        [SHORTCUTS.volumeDown.code]: () => changeVolume(volume - 0.05),
        [SHORTCUTS.set.code]: () => setSelect.current?.focus(),
        [SHORTCUTS.output.code]: () => outputSelect.current?.focus(),
      };
      const handler = handlers[e.code];
      if (!handler) return;
      e.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const view = controller.view();
  const sets = library?.sets ?? [];
  const followed = view.hold ?? view.following;

  return (
    <section className="music" aria-label="Music">
      <h2>Music</h2>
      <label className="music-set">
        Music set <kbd>{SHORTCUTS.set.key}</kbd>
        <select
          ref={setSelect}
          value={view.setId ?? ''}
          aria-keyshortcuts={SHORTCUTS.set.key}
          onChange={(e) => {
            const set = sets.find((s) => s.id === e.target.value);
            if (set) controller.chooseSet(set);
          }}
        >
          {sets.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.source === 'clinic' ? ' (clinic)' : ''}
            </option>
          ))}
        </select>
      </label>
      {library && sets.length === 0 && (
        <p className="warning">No music sets are installed in this room. Ask the clinic admin to add one.</p>
      )}
      <div className="music-now">
        <div>
          <span className="label">Music phase </span>
          <span aria-label="Music phase">{followed ? PHASE_LABELS[followed] : '-'}</span>
          {view.hold && <span className="music-held"> · held</span>}
          {view.playingPhase && view.playingPhase !== followed && (
            <span className="hint"> · playing from the {PHASE_LABELS[view.playingPhase]} set</span>
          )}
          {view.waitingFor && <span className="hint"> · moves at the end of this track</span>}
        </div>
        <div>
          <span className="label">Playing </span>
          <span aria-label="Track playing">
            {view.paused ? 'Paused' : view.title ? `${view.title}${view.artist ? ` (${view.artist})` : ''}` : 'Nothing'}
          </span>
          {view.quiet && <span className="music-held"> · quiet</span>}
        </div>
      </div>
      <div className="meters">
        {view.voices.map((v) => (
          <div key={v.voiceId} className="meter-row">
            <span className="meter-title">{v.title}</span>
            <div
              role="meter"
              aria-label={`Level of ${v.title}`}
              aria-valuemin={0}
              aria-valuemax={1}
              aria-valuenow={v.level}
              className="meter"
            >
              <div className="meter-fill" style={{ width: `${Math.round(v.level * 100)}%` }} />
            </div>
          </div>
        ))}
      </div>
      {view.autoplayBlocked && (
        <p className="music-blocked">
          <span role="status">The browser is waiting for a click before it plays sound.</span>{' '}
          <button type="button" onClick={() => controller.startAfterClick()}>
            Start the music
          </button>
        </p>
      )}
      <div className="music-controls">
        <button type="button" onClick={() => controller.togglePause()} aria-keyshortcuts={SHORTCUTS.play.key}>
          {view.paused ? 'Play music' : 'Pause music'} <kbd>{SHORTCUTS.play.key}</kbd>
        </button>
        <button
          type="button"
          onClick={() => controller.skip()}
          aria-keyshortcuts={SHORTCUTS.skip.key}
          disabled={view.paused || !view.title}
        >
          Skip track <kbd>{SHORTCUTS.skip.key}</kbd>
        </button>
        <button
          type="button"
          onClick={() => controller.toggleHold()}
          aria-keyshortcuts={SHORTCUTS.hold.key}
          aria-pressed={view.hold !== null}
        >
          {view.hold ? 'Release hold' : 'Hold this phase'} <kbd>{SHORTCUTS.hold.key}</kbd>
        </button>
        <button
          type="button"
          onClick={() => controller.toggleQuiet()}
          aria-keyshortcuts={SHORTCUTS.quiet.key}
          aria-pressed={view.quiet}
        >
          {view.quiet ? 'Resume after quiet' : 'Quiet'} <kbd>{SHORTCUTS.quiet.key}</kbd>
        </button>
      </div>
      <label className="music-volume">
        Music volume <kbd>Alt+↑/↓</kbd>
        <input
          type="range"
          min={0}
          max={100}
          step={1}
          value={Math.round(volume * 100)}
          onChange={(e) => changeVolume(Number(e.target.value) / 100)}
          aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
        />
        <span aria-hidden="true">{Math.round(volume * 100)}%</span>
      </label>
      <OutputChooser
        ref={outputSelect}
        controller={controller}
        settings={settings}
        shortcut={SHORTCUTS.output.key}
        onError={setError}
      />
      {view.outputProblem && <p className="warning">{view.outputProblem}</p>}
      {(view.problems.length > 0 || error || (library?.problems.length ?? 0) > 0) && (
        <ul className="music-problems" role="status" aria-label="Music problems">
          {error && <li>{error}</li>}
          {library?.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
          {view.problems.map((p) => (
            <li key={p.id}>{p.message}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
