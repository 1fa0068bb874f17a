import { useState } from 'react';
import { MOAAS_LEVELS } from '@core/pure/observations/scales';
import type { StoredEvent } from '@core/session/events';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';

export type ScoreProps = { sessionId: string; author: string; onRecorded: (e: StoredEvent) => void };

/** Records a score now; its error sentence stays on screen until the next attempt. */
export function useScoreRecorder({ sessionId, author, onRecorded }: ScoreProps) {
  const [error, setError] = useState<string | null>(null);
  const record = async (content: Parameters<typeof call<'recordScore'>>[1]['content']) => {
    try {
      onRecorded(await call('recordScore', { sessionId, content, occurredAt: Date.now(), author }));
      setError(null);
      return true;
    } catch (err) {
      setError((err as Error).message);
      return false;
    }
  };
  return { error, setError, record };
}

/** MOAA/S in one press (each level's definition on its button). */
export function Scores(props: ScoreProps) {
  const { error, record } = useScoreRecorder(props);
  return (
    <section aria-label="Scores" className="scores">
      <h2>MOAA/S</h2>
      <div className="moaas">
        {MOAAS_LEVELS.map((l) => (
          <button
            key={l.score}
            type="button"
            onClick={() => void record({ scale: 'moaas', score: l.score })}
            aria-label={`MOAA/S ${l.score}: ${l.definition}`}
            title={l.definition}
          >
            <strong>{l.score}</strong> <span className="hint">{l.definition}</span>
          </button>
        ))}
      </div>
      <ErrorLine error={error} />
    </section>
  );
}
