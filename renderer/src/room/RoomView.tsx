import { Fragment, lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { remsOptionsFrom } from '@core/pure/rules/rems';
import type { Settings } from '@core/settings/schema';
import { computeTimeline, type MarkKind } from '@core/pure/timeline/timeline';
import { dueItems } from '@core/pure/rules/due';
import { routeOf } from '@core/pure/timeline/routes';
import { call } from '../bridge/bridge';
import { useClockZone } from '../ui/clock';
import { useNow, useSession } from '../bridge/hooks';
import { ObservationPanel } from '../observations/ObservationPanel';
import { EntryList } from '../observations/EntryList';
import { usePendingEntries } from '../observations/pending';
import { useRecorder } from '../ui/recorder';
import { recordingAuthor, useRoomStaff } from '../staff/room-staff';
import { ChecklistPanel } from '../discharge/ChecklistPanel';
import { DischargePanel } from '../discharge/DischargePanel';
import { alertSummary } from '@core/pure/rules/open-alerts';
import { MusicPanel } from '../music/MusicPanel';
import { RoomNow, type MarkButton } from './RoomNow';
import { RoomHead, VIEW_KEYS, type Tool } from './RoomHead';
import { DosesPanel } from './DosesPanel';
import { Glance } from './Glance';
import { Overlay } from '../ui/Overlay';
import { RoomKeys, type RoomKey } from './RoomKeys';
import { dischargeNear, momentOf, type Moment, type MomentChoice } from './moment';
import { useRescueCheck } from '../care/RescueCheck';

const HistoryView = lazy(() => import('../history/HistoryView').then((m) => ({ default: m.HistoryView })));
// The report of a closed session and the CADSS-6 form load when opened: the session view's bundle is the room alone.
const ClosedSession = lazy(() => import('../report/ClosedSession').then((m) => ({ default: m.ClosedSession })));
const Cadss6 = lazy(() => import('../observations/Cadss6').then((m) => ({ default: m.Cadss6 })));

const MARKS: MarkButton[] = [
  { kind: 'peak_reached', label: 'Peak reached', key: 'Alt+P', code: 'KeyP' },
  { kind: 'returning', label: 'Returning', key: 'Alt+R', code: 'KeyR' },
  { kind: 'infusion_ended', label: 'Infusion ended', key: 'Alt+I', code: 'KeyI' },
];

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
  const pendingEntries = usePendingEntries(session.accept);
  const { state, error: loadError } = session;
  // The room's time: the screen's clock less any jump of the computer's clock the room has recorded.
  const now = useNow() - (state?.clockOffsetMs ?? 0);
  const roomStaff = useRoomStaff();
  const zone = useClockZone();
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
  // Today's rescue check of the room: before the first dose, its notice (advised) or the sentence that holds the dose (required).
  const rescue = useRescueCheck(state?.care.rescueChecks.length);

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
  if (state.discharge.closed)
    return (
      <Suspense fallback={<main aria-busy="true" />}>
        <ClosedSession state={state} settings={settings} onLeave={onLeave} />
      </Suspense>
    );

  const firstDose = state.doses[0];
  const due = dueItems(state, timeline, now, zone);
  // Under a tool or glance mode the session is out of the Tab order (its keys still work: Alt+M pauses the music).
  const covered = tool !== null || glance;
  const keys: RoomKey[] = [
    ...marks.map((m) => ({ key: m.key, label: m.label })),
    { key: 'Alt+D', label: 'Dose' },
    { key: 'Alt+B', label: 'Booster' },
    ...Object.values(VIEW_KEYS),
  ];

  const doses = (
    <DosesPanel
      state={state}
      now={now}
      author={author}
      rescue={rescue}
      doseInput={doseInput}
      boosterInput={boosterInput}
      onRecorded={session.accept}
    />
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
      <RoomHead
        state={state}
        moment={moment}
        covered={covered}
        people={roomStaff.staff.length ? null : { names: people, picked, pick: setPicked }}
        onDischarge={toggleDischarge}
        onGlance={() => setGlance(true)}
        onTool={setTool}
      />

      <RoomNow
        state={state}
        timeline={timeline}
        now={now}
        covered={covered}
        showVitals={moment !== 'discharge'}
        marks={marks}
        onMark={(kind) => void addMark(kind)}
        message={message}
        thresholds={settings.thresholds}
        onRecorded={session.accept}
      />

      <div className="room-record" inert={covered}>
        <ObservationPanel
          state={state}
          session={session}
          settings={settings}
          timeline={timeline}
          author={author}
          now={now}
          pending={pendingEntries}
          onError={setMessage}
        />
      </div>

      <div className="room-entries" inert={covered}>
        <EntryList
          sessionId={state.id}
          author={author}
          entries={state.entries}
          firstDoseAt={timeline.firstDoseAt}
          pending={pendingEntries.pending}
          onRecorded={session.accept}
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
          {tool === 'cadss' && (
            <Suspense fallback={<p aria-busy="true">Loading CADSS-6…</p>}>
              <Cadss6
                sessionId={sessionId}
                author={author}
                onRecorded={session.accept}
                onSaved={closeTool}
                wording={settings.cadssWording}
              />
            </Suspense>
          )}
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
