import { useEffect, useRef, useState } from 'react';
import type { Settings } from '../../main/core/settings/schema';
import { computeTimeline, PHASE_LABELS, type MarkKind } from '../../main/core/timeline/timeline';
import { ArcChart } from './ArcChart';
import { call } from './bridge';
import { DoseForm } from './DoseForm';
import { formatClock, formatCountdown, formatElapsed } from './format';
import { useNow, useSession } from './hooks';
import { ObservationPanel } from './ObservationPanel';
import { useRecorder } from './recorder';
import { VitalsChart } from './VitalsChart';
import { ChecklistPanel } from './ChecklistPanel';
import { NoDoseClose } from './NoDoseClose';
import { NextDevice } from './NextDevice';
import { CHECKLIST_LABELS } from '../../main/core/discharge/checklist';
import { ClosedSession } from './ClosedSession';
import { DischargePanel } from './DischargePanel';
import { MUSIC_SHORTCUTS, MusicPanel } from './music/MusicPanel';
import { ErrorLine } from './ErrorLine';

const MARKS: { kind: MarkKind; label: string; key: string; code: string }[] = [
  { kind: 'peak_reached', label: 'Peak reached', key: 'Alt+P', code: 'KeyP' },
  { kind: 'returning', label: 'Returning', key: 'Alt+R', code: 'KeyR' },
  { kind: 'infusion_ended', label: 'Infusion ended', key: 'Alt+I', code: 'KeyI' },
];

export function RoomView({ sessionId, settings, onLeave }: { sessionId: string; settings: Settings; onLeave?: () => void }) {
  const session = useSession(sessionId);
  const { state, error: loadError } = session;
  // The room's time: the screen's clock less any jump of the computer's clock the room has recorded.
  const now = useNow() - (state?.clockOffsetMs ?? 0);
  const people = [...new Set([state?.therapist ?? '', state?.sitter ?? '', ...settings.staff.filter((s) => s.role !== 'admin').map((s) => s.name)].filter(Boolean))];
  const [author, setAuthor] = useRecorder(sessionId, people);
  const [message, setMessage] = useState<string | null>(null);
  const doseInput = useRef<HTMLInputElement>(null);
  const boosterInput = useRef<HTMLInputElement>(null);

  const marks = MARKS.filter((m) => m.kind !== 'infusion_ended' || state?.preset.infusionMin !== undefined);

  const addMark = async (kind: MarkKind) => {
    try {
      await call('addMark', { sessionId, mark: kind, author });
      setMessage(null);
    } catch (err) {
      setMessage((err as Error).message);
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.code === 'KeyS' && people.length > 1) {
        e.preventDefault();
        setAuthor(people[(people.indexOf(author) + 1) % people.length]!);
        return;
      }
      const mark = marks.find((m) => m.code === e.code);
      if (mark) {
        e.preventDefault();
        void addMark(mark.kind);
      } else if (e.code === 'KeyD' || e.code === 'KeyB') {
        e.preventDefault();
        (e.code === 'KeyD' ? doseInput : boosterInput).current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (loadError) return <p role="alert">{loadError}</p>;
  if (!state) return <main aria-busy="true" />;
  if (state.discharge.closed) return <ClosedSession state={state} settings={settings} onLeave={onLeave} />;

  const timeline = computeTimeline(state.preset, state.doses, state.marks, now);
  const firstDose = state.doses[0];

  const chartStart = (timeline.firstDoseAt ?? state.startedAt) - 5 * 60_000;
  const chartEnd = Math.max(timeline.earliestDischargeAt ?? now, now) + 10 * 60_000;

  return (
    <main className="room">
      <div className="recorder" role="group" aria-label="Recording as">
        <span className="label">Recording as</span>
        {people.map((p) => (
          <button key={p} type="button" aria-pressed={p === author} onClick={() => setAuthor(p)}>
            {p}
          </button>
        ))}
        <kbd>Alt+S</kbd>
      </div>
      <div className="columns">
      <div className="column-arc">
      <section className="session-line" aria-label="Session">
        <span>Patient {state.patientRef}</span>
        <span>{state.preset.label}</span>
        <span>Planned {state.plannedDoseMg} mg</span>
        <span>Therapist {state.therapist}</span>
        {state.sitter && <span>Sitter {state.sitter}</span>}
      </section>

      <section className="clocks" aria-label="Clocks">
        <div>
          <div className="label">Since first dose</div>
          <div className="t-plus" role="timer" aria-label="Time since first dose">
            {timeline.dosed ? `T+${formatElapsed(timeline.elapsedMs)}` : 'Not dosed'}
          </div>
        </div>
        <div>
          <div className="label">Clock</div>
          <div className="wall-clock" aria-label="Clock time">
            {formatClock(now)}
          </div>
        </div>
        <div>
          <div className="label">Phase</div>
          <div className="phase" aria-label="Current phase">
            {PHASE_LABELS[timeline.phase]}
          </div>
          {timeline.next && (
            <div className="countdown" aria-label="Next phase">
              {PHASE_LABELS[timeline.next.phase]} in {formatCountdown(timeline.next.inMs)}
            </div>
          )}
        </div>
        {timeline.earliestDischargeAt !== null && (
          <div>
            <div className="label">Earliest discharge</div>
            <div className="discharge-at" aria-label="Earliest discharge">
              {formatClock(timeline.earliestDischargeAt)}
              {timeline.earliestDischargeAt > now ? ` (in ${formatCountdown(timeline.earliestDischargeAt - now)})` : ' (time reached)'}
            </div>
            <div className="hint">{timeline.dischargeRule}</div>
          </div>
        )}
      </section>

      <ArcChart timeline={timeline} marks={state.marks} entries={state.entries} slotMin={state.preset.slotMin} now={now} />
      <VitalsChart entries={state.entries} start={chartStart} end={chartEnd} thresholds={settings.thresholds} />

      <section className="marks" aria-label="Marks">
        <h2>What you see</h2>
        {marks.map((m) => (
          <button key={m.kind} type="button" onClick={() => void addMark(m.kind)} aria-keyshortcuts={m.key} disabled={!firstDose}>
            {m.label} <kbd>{m.key}</kbd>
          </button>
        ))}
        <ErrorLine error={message} />
      </section>

      {state.clockJumps.length > 0 && (
        <p role="status" className="warning clock-jump">
          {state.clockJumps
            .map((j) => `The computer's clock jumped ${j.jumpMs > 0 ? 'forward' : 'back'} by ${Math.round(Math.abs(j.jumpMs) / 60_000)} min at ${formatClock(j.at)}`)
            .join('; ')}
          . The room keeps its own time: elapsed time and the discharge rules are unchanged.
        </p>
      )}
      <ChecklistPanel key={firstDose ? 'dosed' : 'before'} state={state} author={author} onRecorded={session.accept} />
      <section className="doses" aria-label="Doses">
        <h2>Doses</h2>
        <ul>
          {state.doses.map((d) => (
            <li key={d.seq}>
              {d.device ? `Device ${d.device.n} of ${d.device.of}:` : d.booster ? 'Booster' : 'Dose'} {d.mg} mg at {formatClock(d.at)}
              {firstDose && ` (T+${formatElapsed(d.at - firstDose.at, false)})`}
              {d.lot && `, lot ${d.lot}`}, by {d.author}
              {d.decision && ` · given despite ${d.decision.items.map((i) => `${CHECKLIST_LABELS[i.item]} (${i.answer}${i.reason ? `: ${i.reason}` : ''})`).join(', ')}: ${d.decision.clinician} decided to proceed`}
              {d.late && <span className="late"> · late entry, recorded {formatClock(d.recordedAt)}</span>}
            </li>
          ))}
        </ul>
        {firstDose ? (
          state.preset.id === 'spravato' ? (
            <NextDevice state={state} author={author} now={now} onRecorded={session.accept} />
          ) : (
            <DoseForm key="booster" sessionId={sessionId} booster defaultMg={null} author={author} firstInputRef={boosterInput} />
          )
        ) : (
          <>
            <DoseForm key="dose" sessionId={sessionId} booster={false} defaultMg={state.plannedDoseMg} author={author} firstInputRef={doseInput} state={state} />
            <NoDoseClose sessionId={sessionId} author={author} onRecorded={session.accept} />
          </>
        )}
      </section>
      {firstDose && <DischargePanel state={state} author={author} now={now} onRecorded={session.accept} />}

      <MusicPanel sessionId={sessionId} author={author} settings={settings} music={state.music} phaseAt={(at) => computeTimeline(state.preset, state.doses, state.marks, at).phase} />
      </div>
      <div className="column-record">
        <ObservationPanel state={state} session={session} settings={settings} timeline={timeline} author={author} now={now} onError={setMessage} />
      </div>
      </div>
      <footer className="shortcuts" aria-label="Keyboard shortcuts">
        {marks.map((m) => (
          <span key={m.kind}>
            <kbd>{m.key}</kbd> {m.label}
          </span>
        ))}
        <span>
          <kbd>Alt+D</kbd> Dose
        </span>
        <span>
          <kbd>Alt+B</kbd> Booster
        </span>
        <span>
          <kbd>Alt+S</kbd> Switch who is recording
        </span>
        <span>
          <kbd>1-0, F1-F9</kbd> Tags
        </span>
        <span>
          <kbd>a-z</kbd> Start a note, <kbd>Enter</kbd> save, <kbd>Esc</kbd> clear
        </span>
        <span>
          <kbd>{MUSIC_SHORTCUTS.play.key}</kbd> Music play/pause, <kbd>{MUSIC_SHORTCUTS.skip.key}</kbd> skip, <kbd>{MUSIC_SHORTCUTS.hold.key}</kbd> hold,{' '}
          <kbd>{MUSIC_SHORTCUTS.quiet.key}</kbd> quiet, <kbd>Alt+↑/↓</kbd> volume
        </span>
      </footer>
    </main>
  );
}
