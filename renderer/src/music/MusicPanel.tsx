import type { MusicRecord } from '@core/pure/session/fold';
import type { Settings } from '@core/settings/schema';
import { PHASE_LABELS, type Phase } from '@core/pure/timeline/timeline';
import { OutputChooser } from './OutputChooser';
import { MUSIC_SHORTCUTS, useMusicPlayer } from './use-music-player';

export { MUSIC_SHORTCUTS } from './use-music-player';
const SHORTCUTS = MUSIC_SHORTCUTS;

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
  const { controller, library, error, setError, volume, changeVolume, setSelect, outputSelect } = useMusicPlayer(props);
  const { settings } = props;
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
          onClick={() => controller.resonated()}
          aria-keyshortcuts={SHORTCUTS.resonated.key}
          disabled={!view.title}
        >
          Resonated <kbd>{SHORTCUTS.resonated.key}</kbd>
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
