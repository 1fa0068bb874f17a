import { useState } from 'react';
import { MOAAS_LEVELS } from '@core/pure/observations/scales';
import type { StoredEvent } from '@core/session/events';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';

export type ScoreProps = { sessionId: string; author: string; onRecorded: (e: StoredEvent) => void };

/** Records a score taken at `at` (the press, by default now); its error sentence stays on screen until the next attempt. */
export function useScoreRecorder({ sessionId, author, onRecorded }: ScoreProps) {
  const [error, setError] = useState<string | null>(null);
  const record = async (content: Parameters<typeof call<'recordScore'>>[1]['content'], at = Date.now()) => {
    try {
      onRecorded(await call('recordScore', { sessionId, content, occurredAt: at, author }));
      setError(null);
      return true;
    } catch (err) {
      setError((err as Error).message);
      return false;
    }
  };
  return { error, setError, record };
}

/**
 * MOAA/S in two presses: the level (its definition on its button), then "Record MOAA/S n" to confirm it, so a stray
 * click records nothing and raises no alert. The time is the first press's.
 */
export function Scores(props: ScoreProps) {
  const { error, record } = useScoreRecorder(props);
  const [picked, setPicked] = useState<{ score: number; at: number } | null>(null);
  const level = MOAAS_LEVELS.find((l) => l.score === picked?.score);
  return (
    <section aria-label="Scores" className="scores">
      <h2>MOAA/S</h2>
      <div className="moaas">
        {MOAAS_LEVELS.map((l) => (
          <button
            key={l.score}
            type="button"
            onClick={() => setPicked({ score: l.score, at: Date.now() })}
            aria-label={`MOAA/S ${l.score}: ${l.definition}`}
            aria-pressed={picked?.score === l.score}
            title={l.definition}
          >
            <strong>{l.score}</strong> <span className="hint">{l.definition}</span>
          </button>
        ))}
      </div>
      {picked && level && (
        <div role="group" aria-label="Confirm the MOAA/S score" className="moaas-confirm">
          <span>
            MOAA/S {picked.score}: {level.definition}.
          </span>
          <button
            type="button"
            autoFocus
            onClick={async () => {
              const { score, at } = picked;
              if (await record({ scale: 'moaas', score }, at)) setPicked(null);
            }}
          >
            Record MOAA/S {picked.score}
          </button>
          <button type="button" onClick={() => setPicked(null)}>
            Cancel
          </button>
        </div>
      )}
      <ErrorLine error={error} />
    </section>
  );
}
