import { useState } from 'react';
import { CADSS6_ITEMS, CADSS_ANSWERS, MOAAS_LEVELS } from '@core/pure/observations/scales';
import type { StoredEvent } from '@core/session/events';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';

type ScoreProps = { sessionId: string; author: string; onRecorded: (e: StoredEvent) => void };

/** Records a score taken at `at` (the press, by default now); its error sentence stays on screen until the next attempt. */
function useScoreRecorder({ sessionId, author, onRecorded }: ScoreProps) {
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

/** The six CADSS-6 items, saved together: a panel over the session view that closes once they are in the record. */
export function Cadss6({
  onSaved,
  wording,
  ...props
}: ScoreProps & { onSaved: () => void; wording: readonly string[] }) {
  const [answers, setAnswers] = useState<Record<number, number>>({});
  const { error, setError, record } = useScoreRecorder(props);
  return (
    <section aria-label="CADSS-6" className="scores">
      {wording.some((w) => w === '') && (
        <p className="hint">
          Items 1, 2, 6, 7, 15, 22 of the clinic's CADSS form: an admin enters their wording under Admin, Settings.
        </p>
      )}
      <div className="cadss">
        {CADSS6_ITEMS.map((item, i) => (
          <label key={item}>
            Item {item}
            {wording[i] ? `: ${wording[i]}` : ''}
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
              onSaved();
          }}
        >
          Save CADSS-6
        </button>
      </div>
      <ErrorLine error={error} />
    </section>
  );
}
