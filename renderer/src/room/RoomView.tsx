import { Fragment, lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Settings } from '../../../main/core/settings/schema';
import { computeTimeline, type MarkKind } from '../../../main/core/pure/timeline/timeline';
import { dueItems } from '../../../main/core/pure/rules/due';
import { routeOf } from '../../../main/core/pure/timeline/routes';
import { CHECKLIST_LABELS } from '../../../main/core/pure/discharge/checklist';
import { remsOptionsFrom } from '../../../main/core/pure/rules/rems';
import { NoDoseClose } from './NoDoseClose';
import { NextDevice } from './NextDevice';
import { ArcChart } from './ArcChart';
import { call } from '../bridge/bridge';
import { DoseForm } from './DoseForm';
import { clockText, elapsedText } from '../../../main/core/pure/time-text';
import { useNow, useSession } from '../bridge/hooks';
import { ObservationPanel } from '../observations/ObservationPanel';
import { useRecorder } from '../ui/recorder';
import { recordingAuthor, useRoomStaff } from '../staff/room-staff';
import { RecorderLine } from '../staff/RecorderLine';
import { VitalsChart } from '../observations/VitalsChart';
import { ChecklistPanel } from '../discharge/ChecklistPanel';
import { ClosedSession } from '../report/ClosedSession';
import { DischargePanel } from '../discharge/DischargePanel';
import { alertSummary } from '../../../main/core/pure/rules/open-alerts';
import { MusicPanel } from '../music/MusicPanel';
import { ErrorLine } from '../ui/ErrorLine';
import { SessionClocks } from './SessionClocks';
import { Glance } from './Glance';
import { Overlay } from '../ui/Overlay';
import { Cadss6 } from '../observations/Scores';
import { RoomKeys, type RoomKey } from './RoomKeys';
import { dischargeNear, momentOf, type Moment, type MomentChoice } from './moment';

const HistoryView = lazy(() => import('../history/HistoryView').then((m) => ({ default: m.HistoryView })));

const MARKS: { kind: MarkKind; label: string; key: string; code: string }[] = [
  { kind: 'peak_reached', label: 'Peak reached', key: 'Alt+P', code: 'KeyP' },
  { kind: 'returning', label: 'Returning', key: 'Alt+R', code: 'KeyR' },
  { kind: 'infusion_ended', label: 'Infusion ended', key: 'Alt+I', code: 'KeyI' },
];

type Tool = 'cadss' | 'history' | 'keys';
/** The view's own keys: one for each screen and tool, so nothing the sitter needs is more than one key away. */
const VIEW_KEYS = {
  glance: { key: 'Alt+G', code: 'KeyG', label: 'Glance: the time and phase across the room' },
  discharge: { key: 'Alt+X', code: 'KeyX', label: 'Discharge screen (again: back to the session)' },
  cadss: { key: 'Alt+C', code: 'KeyC', label: 'CADSS-6' },
  history: { key: 'Alt+Y', code: 'KeyY', label: 'Session history' },
  keys: { key: 'Alt+K', code: 'KeyK', label: 'All keys' },
} as const;
/** What the moment's column holds, first things first. */
const ORDER: Record<Moment, ('doses' | 'discharge' | 'checklist')[]> = {
  before: ['doses', 'checklist'],
  session: ['doses', 'discharge', 'checklist'],
  discharge: ['discharge', 'doses', 'checklist'],
};
const TOOL_TITLES: Record<Tool, string> = { cadss: 'CADSS-6', history: 'Session history', keys: 'Keys' };

/**
 * The session, one screen per moment and never a page scroll: before the dose (checklist, baseline vitals,
 * driver, dose), the session (clock, phase, arc, capture, due, vitals, entries), towards discharge (conditions,
 * attestations, driver, Discharge). The music strip is always there. Tools open over it and close with Esc.
 */
export function RoomView({
  sessionId,
  settings,
  onLeave,
}: {
  sessionId: string;
  settings: Settings;
  onLeave?: () => void;
}) {
  const session = useSession(sessionId);
  const { state, error: loadError } = session;
  // The room's time: the screen's clock less any jump of the computer's clock the room has recorded.
  const now = useNow() - (state?.clockOffsetMs ?? 0);
  const roomStaff = useRoomStaff();
  // Without a staff list, the person recording is picked from the session's therapist and sitter; with one, it is the
  // person who switched in with their PIN (Alt+S).
  const people = roomStaff.staff.length
    ? []
    : [...new Set([state?.therapist ?? '', state?.sitter ?? ''].filter(Boolean))];
  const [picked, setPicked] = useRecorder(sessionId, people);
  const author = recordingAuthor(roomStaff, picked);
  const [message, setMessage] = useState<string | null>(null);
  const [choice, setChoice] = useState<MomentChoice | null>(null);
  const [glance, setGlance] = useState(false);
  const [tool, setTool] = useState<Tool | null>(null);
  const doseInput = useRef<HTMLInputElement>(null);
  const boosterInput = useRef<HTMLInputElement>(null);
  const closeTool = useCallback(() => setTool(null), []);
  const closeGlance = useCallback(() => setGlance(false), []);
  const momentColumn = useRef<HTMLDivElement>(null);
  const remsOptions = useMemo(() => remsOptionsFrom(settings), [settings]);

  const marks = MARKS.filter((m) => m.kind !== 'infusion_ended' || (state !== null && routeOf(state.preset).infusion));
  const timeline = state ? computeTimeline(state.preset, state.doses, state.marks, now) : null;
  const moment = momentOf(!!state?.doses.length, timeline?.earliestDischargeAt ?? null, now, choice);
  const toggleDischarge = () => {
    if (moment !== 'before')
      setChoice({
        moment: moment === 'discharge' ? 'session' : 'discharge',
        whenNear: dischargeNear(timeline?.earliestDischargeAt ?? null, now),
      });
  };

  // A new moment starts at the top of its column.
  useEffect(() => {
    // Braced: scrollTo answers a promise in Chromium, and an effect may only return its cleanup.
    if (momentColumn.current) momentColumn.current.scrollTop = 0;
  }, [moment]);

  const addMark = async (kind: MarkKind) => {
    try {
      // The infusion's end is a clinician's signed mark; the others are the person recording's.
      const recorded =
        kind === 'infusion_ended'
          ? await roomStaff.signed(
              'Mark the end of the infusion',
              (signature) => call('addMark', { sessionId, mark: kind, author, ...signature }),
              'You mark the end of the infusion now: the discharge wait counts from it.',
            )
          : await call('addMark', { sessionId, mark: kind, author });
      if (recorded) session.accept(recorded);
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
        setPicked(people[(people.indexOf(picked) + 1) % people.length]!);
        return;
      }
      const mark = marks.find((m) => m.code === e.code);
      const view = Object.entries(VIEW_KEYS).find(([, k]) => k.code === e.code)?.[0] as
        keyof typeof VIEW_KEYS | undefined;
      if (mark) {
        e.preventDefault();
        // Before the dose its button is disabled: no clinician is asked to sign an infusion end that cannot be recorded yet.
        if (mark.kind !== 'infusion_ended' || state?.doses.length) void addMark(mark.kind);
      } else if (e.code === 'KeyD' || e.code === 'KeyB') {
        e.preventDefault();
        (e.code === 'KeyD' ? doseInput : boosterInput).current?.focus();
      } else if (view === 'glance') {
        e.preventDefault();
        setGlance(true);
      } else if (view === 'discharge') {
        e.preventDefault();
        toggleDischarge();
      } else if (view) {
        e.preventDefault();
        setTool(tool === view ? null : view);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (loadError) return <p role="alert">{loadError}</p>;
  if (!state || !timeline) return <main aria-busy="true" />;
  if (state.discharge.closed) return <ClosedSession state={state} settings={settings} onLeave={onLeave} />;

  const firstDose = state.doses[0];
  const chartStart = (timeline.firstDoseAt ?? state.startedAt) - 5 * 60_000;
  const chartEnd = Math.max(timeline.earliestDischargeAt ?? now, now) + 10 * 60_000;
  const due = dueItems(state, timeline, now);
  // Under a tool or glance mode the session is out of the Tab order (its keys still work: Alt+M pauses the music).
  const covered = tool !== null || glance;
  const keys: RoomKey[] = [
    ...marks.map((m) => ({ key: m.key, label: m.label })),
    { key: 'Alt+D', label: 'Dose' },
    { key: 'Alt+B', label: 'Booster' },
    ...Object.values(VIEW_KEYS),
  ];

  const doses = (
    <section className="doses" aria-label="Doses">
      <h2>Doses</h2>
      <ul>
        {state.doses.map((d) => (
          <li key={d.seq}>
            {d.device ? `Device ${d.device.n} of ${d.device.of}:` : d.booster ? 'Booster' : 'Dose'} {d.mg} mg at{' '}
            {clockText(d.at)}
            {firstDose && ` (T+${elapsedText(d.at - firstDose.at, false)})`}
            {d.lot && `, lot ${d.lot}`}, by {d.author}
            {d.decision &&
              ` · given despite ${d.decision.items.map((i) => `${CHECKLIST_LABELS[i.item]} (${i.answer}${i.reason ? `: ${i.reason}` : ''})`).join(', ')}: ${d.decision.clinician} decided to proceed`}
            {d.late && <span className="late"> · late entry, recorded {clockText(d.recordedAt)}</span>}
          </li>
        ))}
      </ul>
      {firstDose ? (
        routeOf(state.preset).devices ? (
          <NextDevice state={state} now={now} onRecorded={session.accept} />
        ) : (
          <DoseForm
            key="booster"
            sessionId={sessionId}
            booster
            defaultMg={null}
            firstInputRef={boosterInput}
            state={state}
            onRecorded={session.accept}
          />
        )
      ) : (
        <>
          <DoseForm
            key="dose"
            sessionId={sessionId}
            booster={false}
            defaultMg={state.plannedDoseMg}
            firstInputRef={doseInput}
            state={state}
            onRecorded={session.accept}
          />
          <NoDoseClose sessionId={sessionId} author={author} onRecorded={session.accept} />
        </>
      )}
    </section>
  );
  const checklist = (
    <ChecklistPanel key={firstDose ? 'dosed' : 'before'} state={state} author={author} onRecorded={session.accept} />
  );
  const discharge = firstDose && (
    <DischargePanel
      state={state}
      events={session.view?.events}
      author={author}
      now={now}
      remsOptions={remsOptions}
      onRecorded={session.accept}
    />
  );
  // Keyed, so moving between the moments reorders the parts rather than starting them again (a half-filled form stays).
  const parts = { doses, discharge, checklist };

  return (
    <main className="room" data-moment={moment}>
      <header className="room-head" inert={covered}>
        {roomStaff.staff.length ? (
          <RecorderLine />
        ) : (
          <div className="recorder" role="group" aria-label="Recording as">
            <span className="label">Recording as</span>
            {people.map((p) => (
              <button key={p} type="button" aria-pressed={p === picked} onClick={() => setPicked(p)}>
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
              onClick={toggleDischarge}
            >
              {moment === 'discharge' ? 'Back to the session' : 'Towards discharge'}{' '}
              <kbd>{VIEW_KEYS.discharge.key}</kbd>
            </button>
          )}
          <button type="button" aria-keyshortcuts={VIEW_KEYS.glance.key} onClick={() => setGlance(true)}>
            Glance <kbd>{VIEW_KEYS.glance.key}</kbd>
          </button>
          {firstDose && (
            <button type="button" aria-keyshortcuts={VIEW_KEYS.cadss.key} onClick={() => setTool('cadss')}>
              CADSS-6 <kbd>{VIEW_KEYS.cadss.key}</kbd>
            </button>
          )}
          <button type="button" aria-keyshortcuts={VIEW_KEYS.history.key} onClick={() => setTool('history')}>
            History <kbd>{VIEW_KEYS.history.key}</kbd>
          </button>
          <button type="button" aria-keyshortcuts={VIEW_KEYS.keys.key} onClick={() => setTool('keys')}>
            Keys <kbd>{VIEW_KEYS.keys.key}</kbd>
          </button>
        </nav>
      </header>

      <div className="room-now" inert={covered}>
        {state.clockJumps.length > 0 && (
          <p role="status" className="warning clock-jump">
            {state.clockJumps
              .map(
                (j) =>
                  `The computer's clock jumped ${j.jumpMs > 0 ? 'forward' : 'back'} by ${Math.round(Math.abs(j.jumpMs) / 60_000)} min at ${clockText(j.at)}`,
              )
              .join('; ')}
            . The room keeps its own time: elapsed time and the discharge rules are unchanged.
          </p>
        )}
        <SessionClocks timeline={timeline} now={now} />
        <section className="marks" aria-label="Marks">
          <h2>What you see</h2>
          {marks.map((m) => (
            <button
              key={m.kind}
              type="button"
              onClick={() => void addMark(m.kind)}
              aria-keyshortcuts={m.key}
              disabled={!firstDose}
            >
              {m.label} <kbd>{m.key}</kbd>
            </button>
          ))}
          <ErrorLine error={message} />
        </section>
        <ArcChart
          timeline={timeline}
          marks={state.marks}
          entries={state.entries}
          slotMin={state.preset.slotMin}
          now={now}
        />
        {moment !== 'discharge' && (
          <VitalsChart entries={state.entries} start={chartStart} end={chartEnd} thresholds={settings.thresholds} />
        )}
      </div>

      <div className="room-record" inert={covered}>
        <ObservationPanel
          state={state}
          session={session}
          settings={settings}
          timeline={timeline}
          author={author}
          now={now}
          onError={setMessage}
        />
      </div>

      <div className="room-moment" inert={covered} ref={momentColumn}>
        {ORDER[moment].map((part) => (
          <Fragment key={part}>{parts[part]}</Fragment>
        ))}
      </div>

      <div className="room-music" inert={covered}>
        <MusicPanel
          sessionId={sessionId}
          author={author}
          settings={settings}
          music={state.music}
          phaseAt={(at) => computeTimeline(state.preset, state.doses, state.marks, at).phase}
        />
      </div>

      {tool && (
        <Overlay title={TOOL_TITLES[tool]} onClose={closeTool}>
          {tool === 'cadss' && <Cadss6 sessionId={sessionId} author={author} onRecorded={session.accept} />}
          {tool === 'history' && (
            <Suspense fallback={<p aria-busy="true">Loading the session history</p>}>
              <HistoryView settings={settings} />
            </Suspense>
          )}
          {tool === 'keys' && <RoomKeys keys={keys} />}
        </Overlay>
      )}
      {glance && (
        <Glance timeline={timeline} due={due} alerts={alertSummary(state, now)} now={now} onClose={closeGlance} />
      )}
    </main>
  );
}
