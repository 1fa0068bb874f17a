import { useState } from 'react';
import { CADSS6_ITEMS, CADSS_ANSWERS } from '@core/pure/observations/scales';
import { ErrorLine } from '../ui/ErrorLine';
import { useScoreRecorder, type ScoreProps } from './Scores';

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
