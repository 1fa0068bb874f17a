import type { SessionState } from '@core/pure/session/fold';
import { RecorderLine } from '../staff/RecorderLine';
import type { Moment } from './moment';

export type Tool = 'cadss' | 'history' | 'keys';
/** The view's own keys: one for each screen and tool, so nothing the sitter needs is more than one key away. */
export const VIEW_KEYS = {
  glance: { key: 'Alt+G', code: 'KeyG', label: 'Glance: the time and phase across the room' },
  discharge: { key: 'Alt+X', code: 'KeyX', label: 'Discharge screen (again: back to the session)' },
  cadss: { key: 'Alt+C', code: 'KeyC', label: 'CADSS-6' },
  history: { key: 'Alt+Y', code: 'KeyY', label: 'Session history' },
  keys: { key: 'Alt+K', code: 'KeyK', label: 'All keys' },
} as const;

/**
 * The head of the session: who is recording (by PIN with a staff list, or picked among the session's two names
 * without one), the session's facts, and the screens and tools, each with its key.
 */
export function RoomHead({
  state,
  moment,
  covered,
  people,
  onDischarge,
  onGlance,
  onTool,
}: {
  state: SessionState;
  moment: Moment;
  covered: boolean;
  /** Without a staff list: the session's people to record as, and who is picked. */
  people: { names: string[]; picked: string; pick: (name: string) => void } | null;
  onDischarge: () => void;
  onGlance: () => void;
  onTool: (tool: Tool) => void;
}) {
  return (
    <header className="room-head" inert={covered}>
      {people === null ? (
        <RecorderLine />
      ) : (
        <div className="recorder" role="group" aria-label="Recording as">
          <span className="label">Recording as</span>
          {people.names.map((p) => (
            <button key={p} type="button" aria-pressed={p === people.picked} onClick={() => people.pick(p)}>
              {p}
            </button>
          ))}
          <kbd>Alt+S</kbd>
        </div>
      )}
      <section className="session-line" aria-label="Session">
        <span>Patient {state.patientRef}</span>
        <span>{state.preset.label}</span>
        <span>Planned {state.plannedDoseMg} mg</span>
        <span>Therapist {state.therapist}</span>
        {state.sitter && <span>Sitter {state.sitter}</span>}
      </section>
      <nav className="room-tools" aria-label="Screens and tools">
        {moment !== 'before' && (
          <button
            type="button"
            aria-pressed={moment === 'discharge'}
            aria-keyshortcuts={VIEW_KEYS.discharge.key}
            onClick={onDischarge}
          >
            {moment === 'discharge' ? 'Back to the session' : 'Towards discharge'} <kbd>{VIEW_KEYS.discharge.key}</kbd>
          </button>
        )}
        <button type="button" aria-keyshortcuts={VIEW_KEYS.glance.key} onClick={onGlance}>
          Glance <kbd>{VIEW_KEYS.glance.key}</kbd>
        </button>
        {state.doses.length > 0 && (
          <button type="button" aria-keyshortcuts={VIEW_KEYS.cadss.key} onClick={() => onTool('cadss')}>
            CADSS-6 <kbd>{VIEW_KEYS.cadss.key}</kbd>
          </button>
        )}
        <button type="button" aria-keyshortcuts={VIEW_KEYS.history.key} onClick={() => onTool('history')}>
          History <kbd>{VIEW_KEYS.history.key}</kbd>
        </button>
        <button type="button" aria-keyshortcuts={VIEW_KEYS.keys.key} onClick={() => onTool('keys')}>
          Keys <kbd>{VIEW_KEYS.keys.key}</kbd>
        </button>
      </nav>
    </header>
  );
}
