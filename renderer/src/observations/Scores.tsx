import { useState } from 'react';
import { CADSS6_ITEMS, CADSS_ANSWERS, MOAAS_LEVELS } from '@core/pure/observations/scales';
import type { StoredEvent } from '@core/session/events';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';

type ScoreProps = { sessionId: string; author: string; onRecorded: (e: StoredEvent) => void };

/** Records a score now; its error sentence stays on screen until the next attempt. */
function useScoreRecorder({ sessionId, author, onRecorded }: ScoreProps) {
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

/** The six CADSS-6 items, saved together: a panel over the session view. */
export function Cadss6(props: ScoreProps) {
  const [answers, setAnswers] = useState<Record<number, number>>({});
  const { error, setError, record } = useScoreRecorder(props);
  return (
    <section aria-label="CADSS-6" className="scores">
      <p className="hint">Items 1, 2, 6, 7, 15, 22; wording from the clinic's form.</p>
      <div className="cadss">
        {CADSS6_ITEMS.map((item) => (
          <label key={item}>
            Item {item}
            <select
              value={answers[item] ?? ''}
              onChange={(e) => setAnswers({ ...answers, [item]: Number(e.target.value) })}
            >
              <option value="" disabled>
                choose
              </option>
              {CADSS_ANSWERS.map((a, i) => (
                <option key={a} value={i}>
                  {i} {a}
                </option>
              ))}
            </select>
          </label>
        ))}
        <button
          type="button"
          onClick={async () => {
            const missing = CADSS6_ITEMS.filter((i) => answers[i] === undefined);
            if (missing.length)
              return setError(`Answer CADSS item${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (0 to 4).`);
            if (
              await record({ scale: 'cadss6', items: CADSS6_ITEMS.map((item) => ({ item, answer: answers[item]! })) })
            )
              setAnswers({});
          }}
        >
          Save CADSS-6
        </button>
      </div>
      <ErrorLine error={error} />
    </section>
  );
}
