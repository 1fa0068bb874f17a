import { Component, lazy, Suspense, useCallback, useEffect, useState, type ReactNode } from 'react';
import type { RoomInfo } from '@core/contract/contract';
import { bridge, call } from './bridge/bridge';
import { StartSession } from './room/StartSession';
import { usedFirstScreen } from './bridge/first-screen';
import { SyncLine } from './ui/SyncLine';
import { PALETTE_KEY, usePalette } from './ui/palette';
import { ClockZoneProvider } from './ui/clock';
import { StaffProvider } from './staff/StaffProvider';
import { FirstRunSetup } from './staff/FirstRunSetup';

/** "Set up later" holds for this window until it reloads into a room still not set up, which asks again. */
const SETUP_LATER_KEY = 'session-room-setup-later';

// The admin areas load only when opened, so the room itself starts as fast as before.
const AdminArea = lazy(() => import('./admin/AdminArea').then((m) => ({ default: m.AdminArea })));
// The session view (timeline, music, observations, discharge) loads once there is a session, or
// while the start form waits, so the first screen draws from React and the start form alone.
const loadRoomView = () => import('./room/RoomView');
const RoomView = lazy(() => loadRoomView().then((m) => ({ default: m.RoomView })));
// The line of REMS forms due reads the REMS form's rules (most of the pure core): loaded once the first screen is drawn,
// it keeps them out of the first bundle (they had tripled it).
const RemsDueLine = lazy(() => import('./history/RemsFiling').then((m) => ({ default: m.RemsDueLine })));
// Past sessions and their reports, too.
const HistoryView = lazy(() => import('./history/HistoryView').then((m) => ({ default: m.HistoryView })));

/** Mounts its children in the first idle moment after the first screen is drawn (a lazy part never holds it back). */
function AfterFirstScreen({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const idle = requestIdleCallback(() => setReady(true), { timeout: 500 });
    return () => cancelIdleCallback(idle);
  }, []);
  return ready ? (
    <NothingOnFailure>
      <Suspense fallback={null}>{children}</Suspense>
    </NothingOnFailure>
  ) : null;
}

/** A quiet line whose code could not be loaded is left out: the room's screen goes on without it. */
class NothingOnFailure extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/** A part of the page whose code could not be loaded: a sentence and a way back, not a blank screen. */
class LoadProblem extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="centre">
        <p role="alert">
          This part of the room could not be loaded. Reload the page; the session and everything recorded are kept.
        </p>
        <button type="button" onClick={() => location.reload()}>
          Reload the page
        </button>
      </main>
    );
  }
}

export function App({ firstRoom, servedRoom }: { firstRoom: Promise<RoomInfo>; servedRoom?: RoomInfo | undefined }) {
  // Served with the page, the room draws in the first render; the bridge then only brings what changes.
  const [room, setRoom] = useState<RoomInfo | null>(servedRoom ?? null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState<'room' | 'history' | 'admin'>('room');
  const [palette, togglePalette] = usePalette();
  // The staff and who is recording: followed on their own, so a switch never reloads the screen's session or settings.
  const [people, setPeople] = useState<Pick<RoomInfo, 'staff' | 'recorder'>>(() => ({
    staff: servedRoom?.staff ?? [],
    recorder: servedRoom?.recorder ?? null,
  }));
  const [setupLater, setSetupLater] = useState(() => sessionStorage.getItem(SETUP_LATER_KEY) === 'yes');
  // Served mid-session (a crash, a reload): the session view's code is asked for before the first render needs it.
  useState(() => servedRoom?.activeSessionId && void loadRoomView().catch(() => undefined));

  const load = useCallback((request: Promise<RoomInfo> = call('getRoom', {})) => {
    request
      .then((info) => {
        setRoom(info);
        setPeople({ staff: info.staff, recorder: info.recorder });
        setError(null);
      })
      .catch((err: Error) => setError(err.message));
  }, []);
  useEffect(() => {
    if (servedRoom) usedFirstScreen('room');
    else load(firstRoom);
  }, [load, firstRoom, servedRoom]);
  const takePeople = useCallback((info: RoomInfo) => setPeople({ staff: info.staff, recorder: info.recorder }), []);
  const refreshPeople = useCallback(
    () =>
      call('getRoom', {})
        .then(takePeople)
        // The room's next answer says what is wrong; the line on screen keeps what it showed.
        .catch(() => undefined),
    [takePeople],
  );

  useEffect(() => {
    document.documentElement.style.setProperty('--brightness', String(room?.settings.themeBrightness ?? 0.7));
    // Read by `npm run bench` (renderer start to interactive room).
    if (room) performance.mark('room-interactive');
    // Fetched while the therapist fills in the start form, so "Start session" opens the room at once.
    if (room && !room.activeSessionId) {
      // A failed fetch here is left to the room view's own load, which says so (LoadProblem below).
      const idle = requestIdleCallback(() => void loadRoomView().catch(() => undefined));
      return () => cancelIdleCallback(idle);
    }
  }, [room]);

  if (!bridge || error) {
    return (
      <main className="centre">
        <p role="alert">
          {error ?? 'This page is not connected to a room. Open the address the room printed when it started.'}
        </p>
      </main>
    );
  }
  if (!room) return <main className="centre" aria-busy="true" />;
  const settingUp = room.setupNeeded && !setupLater && !room.activeSessionId;
  return (
    // Every clock time on the page in the clinic's zone, as the room writes them.
    <ClockZoneProvider value={room.settings.clinicTimeZone}>
      <StaffProvider people={people} onPeople={takePeople} refreshPeople={refreshPeople}>
        <div className="app" data-ready="true">
          <header className="topbar">
            <h1>{room.roomName}</h1>
            {/* History and Admin open between sessions: leaving the room view mid-session would cut the patient's music
                (mid-session, history opens over the session view instead). */}
            {page !== 'admin' && !room.activeSessionId && !settingUp && (
              <button type="button" className="no-print" onClick={() => setPage(page === 'room' ? 'history' : 'room')}>
                {page === 'room' ? 'Session history' : 'Back to the room'}
              </button>
            )}
            {page !== 'admin' && !room.activeSessionId && !settingUp && (
              <button type="button" className="admin-open no-print" onClick={() => setPage('admin')}>
                Admin
              </button>
            )}
            <SyncLine />
            <AfterFirstScreen>
              <RemsDueLine />
            </AfterFirstScreen>
            <button
              type="button"
              className="palette-toggle no-print"
              aria-pressed={palette === 'night'}
              aria-keyshortcuts={PALETTE_KEY.key}
              onClick={togglePalette}
            >
              Night palette <kbd>{PALETTE_KEY.key}</kbd>
            </button>
            {room.settingsProblem && (
              <p className="warning" role="status">
                {room.settingsProblem}
              </p>
            )}
          </header>
          {page === 'history' ? (
            <Suspense fallback={<main aria-busy="true" />}>
              <HistoryView settings={room.settings} />
            </Suspense>
          ) : page === 'admin' ? (
            <Suspense fallback={<main aria-busy="true" />}>
              <AdminArea
                onClose={() =>
                  // The room's new settings arrive with the room view, so its forms start from them.
                  load(
                    call('getRoom', {}).then((info) => {
                      setPage('room');
                      return info;
                    }),
                  )
                }
              />
            </Suspense>
          ) : room.activeSessionId ? (
            <LoadProblem>
              <Suspense fallback={<main aria-busy="true" />}>
                <RoomView sessionId={room.activeSessionId} settings={room.settings} onLeave={() => load()} />
              </Suspense>
            </LoadProblem>
          ) : settingUp ? (
            <FirstRunSetup
              onDone={(info) => load(Promise.resolve(info))}
              onLater={() => {
                sessionStorage.setItem(SETUP_LATER_KEY, 'yes');
                setSetupLater(true);
              }}
            />
          ) : (
            <StartSession settings={room.settings} onStarted={() => load()} />
          )}
        </div>
      </StaffProvider>
    </ClockZoneProvider>
  );
}
