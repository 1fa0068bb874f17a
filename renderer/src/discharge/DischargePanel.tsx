import { useMemo, useState } from 'react';
import { ATTESTATION_RULES, type AttestationAnswer, type AttestationItem } from '@core/pure/discharge/attestations';
import { dischargeGate, missingNamesSentence } from '@core/pure/rules/gate';
import { remsApplies, type RemsOptions } from '@core/pure/rules/rems';
import { withRemsContext } from '@core/pure/rules/rems-record';
import type { StoredEvent } from '@core/session/events';
import type { SessionState } from '@core/pure/session/fold';
import { AgainstAdviceForm } from './AgainstAdviceForm';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';
import { DriverForm } from './DriverForm';
import { useClock } from '../ui/clock';
import { RemsPanel } from './RemsPanel';
import { useRoomStaff, type SignatureArgs } from '../staff/room-staff';
import { OrthostaticForm } from '../care/OrthostaticForm';
import { presetRules } from '@core/pure/discharge/rules';

/** The gate's "discharging clinician" is whoever signs the Discharge: the signature dialog names them. */
const SIGNING_CLINICIAN = 'the signing clinician';

/** What is asked before discharge: the modified PADSS's parts (pain included; intake and output no longer scored) and the rest of the gate. */
const ASKED: AttestationItem[] = [
  'oriented',
  'steady_gait',
  'nausea',
  'dissociation',
  'pain',
  'no_driving_acknowledged',
];

/**
 * The discharge gate on screen: every condition with its state and evidence, the attestations, the driver, the
 * REMS form for Spravato, a computed PADSS, and the Discharge button, disabled until every condition holds and
 * saying exactly what is still missing. Leaving against advice is a separate, explicit path.
 */
export function DischargePanel({
  state,
  events,
  author,
  now,
  remsOptions: baseOptions,
  onRecorded,
}: {
  state: SessionState;
  /** The session's event log: the REMS form reads what the folded state does not keep (when the patient was first ready to leave). */
  events?: readonly StoredEvent[];
  author: string;
  now: number;
  remsOptions?: RemsOptions;
  onRecorded: (e: StoredEvent) => void;
}) {
  // Read once per change of the log (not every second): the moments of the record do not move with the clock.
  const remsOptions = useMemo(
    () => (events && baseOptions ? withRemsContext(events, baseOptions) : baseOptions),
    [events, baseOptions],
  );
  const { signed } = useRoomStaff();
  const clock = useClock();
  const [exception, setException] = useState('');
  const [leaving, setLeaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const left = state.discharge.leftAgainstAdvice;
  const gate = dischargeGate(state, now, SIGNING_CLINICIAN, remsOptions);
  const recordAll = (events: StoredEvent[]) => events.forEach(onRecorded);

  /**
   * True once the room recorded it; a refusal is shown in the footer, beside the Discharge button, and what was typed is
   * kept. A signature cancelled records nothing and says nothing.
   */
  const attempt = async (what: () => Promise<StoredEvent | StoredEvent[] | null>): Promise<boolean> => {
    try {
      const result = await what();
      if (!result) return false;
      recordAll(Array.isArray(result) ? result : [result]);
      setError(null);
      return true;
    } catch (err) {
      setError((err as Error).message);
      return false;
    }
  };
  const attest = (item: AttestationItem, answer: AttestationAnswer, note?: string, signature?: SignatureArgs) =>
    call('attest', { sessionId: state.id, item, answer, author, ...(note ? { note } : {}), ...(signature ?? {}) });

  if (left) {
    return (
      <section className="discharge" aria-label="Discharge">
        <h2 className="against-advice">Left against medical advice at {clock(left.at)}</h2>
        <p>
          Recorded by {left.by}: {left.reason}
        </p>
        {remsApplies(state) && (
          <RemsPanel
            state={state}
            events={events}
            author={author}
            endAt={left.at}
            options={baseOptions}
            onRecorded={onRecorded}
          />
        )}
        <button type="button" onClick={() => void attempt(() => call('closeSession', { sessionId: state.id, author }))}>
          Close session
        </button>
        <ErrorLine error={error} />
      </section>
    );
  }

  return (
    <section className="discharge" aria-label="Discharge">
      <h2>Discharge</h2>
      <div className="discharge-body">
        <ul className="conditions" aria-label="Discharge conditions">
          {/* The discharging clinician is whoever signs the Discharge: not a condition to fill in here. One short line each (the
              gate writes it); the rule, the evidence and what is missing in full open on demand. */}
          {gate.conditions
            .filter((c) => c.id !== 'clinician')
            .map((c) => (
              <li key={c.id} className={c.met ? 'condition-met' : 'condition-missing'}>
                <details>
                  <summary>
                    <span className="condition-state">{c.met ? 'Met' : 'Missing'}</span>{' '}
                    <span className="condition-line">{c.line}</span>
                  </summary>
                  <p className="condition-rule">Rule: {c.label}</p>
                  {c.evidence && <p className="hint">Evidence: {c.evidence}</p>}
                  {c.missing && <p className="condition-todo">Still missing: {c.missing}</p>}
                </details>
              </li>
            ))}
        </ul>
        <p className="padss" aria-label="PADSS">
          {gate.padss.total !== null
            ? `PADSS ${gate.padss.total}/10${gate.padss.fit ? ': fit for discharge with an escort' : ': below 9, re-assess in 30 minutes'}`
            : `PADSS not computed yet: ${gate.padss.parts
                .filter((p) => p.score === null)
                .map((p) => p.basis)
                .join('; ')}`}
        </p>

        <div className="attestations" role="group" aria-label="Attestations">
          {ASKED.map((item) => {
            const rule = ATTESTATION_RULES[item];
            const current = state.discharge.attestations[item];
            return (
              <div key={item} className="attestation">
                <span>{rule.label}</span>
                {rule.answers.map((answer) => (
                  <button
                    key={answer}
                    type="button"
                    aria-pressed={current?.answer === answer}
                    aria-label={`${rule.label}: ${answer}`}
                    onClick={() => void attempt(() => attest(item, answer))}
                  >
                    {answer}
                  </button>
                ))}
                {current && (
                  <span className="hint">
                    {current.by}, {clock(current.at)}
                  </span>
                )}
              </div>
            );
          })}
          <form
            className="attestation"
            onSubmit={(e) => {
              e.preventDefault();
              const sent = exception;
              // The exception stands in for vitals in range: the clinician signs it. Cleared only once recorded, and only if
              // nothing more was typed meanwhile.
              void attempt(() =>
                signed(
                  'Vitals out of range: the exception',
                  (signature) => attest('vitals_exception', 'yes', sent, signature),
                  `You document why discharge is safe with vitals out of range: ${sent.trim()}`,
                ),
              ).then((recorded) => recorded && setException((now) => (now === sent ? '' : now)));
            }}
          >
            <label>
              Vitals out of range: why discharge is safe (clinician's documented exception)
              <input value={exception} onChange={(e) => setException(e.target.value)} />
            </label>
            <button type="submit" disabled={!exception.trim()}>
              Attest
            </button>
          </form>
        </div>

        {presetRules(state.preset).orthostaticCheck && (
          <OrthostaticForm state={state} author={author} onRecorded={onRecorded} />
        )}
        <DriverForm state={state} author={author} mode="confirm" onRecorded={onRecorded} />
        {remsApplies(state) && (
          <RemsPanel
            state={state}
            events={events}
            author={author}
            endAt={now}
            options={baseOptions}
            onRecorded={onRecorded}
          />
        )}
      </div>

      {/* Kept in sight at the foot of the column while the conditions and forms above it scroll. */}
      <div className="discharge-action">
        <button
          type="button"
          className="discharge-button"
          disabled={!gate.ready}
          aria-describedby="discharge-missing"
          onClick={() =>
            void attempt(() =>
              signed(
                'Discharge the patient',
                (signature) => call('discharge', { sessionId: state.id, ...signature }),
                'You discharge the patient: every discharge condition listed is met.',
              ),
            )
          }
        >
          Discharge
        </button>
        {/* A finding that holds the discharge (a failed orthostatic check), in its own sentence, before what is missing. */}
        {gate.holds.length > 0 && (
          <p id="discharge-holds" className="warning" role="status">
            {gate.holds.join(' ')}
          </p>
        )}
        {/* The names of what is missing (each condition's line above says what it needs); scrolls within itself when long,
            so it can be focused and read by keyboard. */}
        <p id="discharge-missing" className={gate.ready ? 'hint' : 'warning'} role="status" tabIndex={0}>
          {missingNamesSentence(gate)}
        </p>
        <ErrorLine error={error} />
      </div>

      {leaving ? (
        <AgainstAdviceForm sessionId={state.id} onRecorded={recordAll} onCancel={() => setLeaving(false)} />
      ) : (
        <button type="button" className="against-advice-button" onClick={() => setLeaving(true)}>
          Patient is leaving against advice
        </button>
      )}
    </section>
  );
}
