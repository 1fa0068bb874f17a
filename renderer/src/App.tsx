import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { RoomInfo } from '../../preload/contract';
import { bridge, call } from './bridge';
import { RoomView } from './RoomView';
import { StartSession } from './StartSession';

// The admin areas load only when opened, so the room itself starts as fast as before.
const AdminArea = lazy(() => import('./admin/AdminArea').then((m) => ({ default: m.AdminArea })));

export function App({ firstRoom }: { firstRoom: Promise<RoomInfo> }) {
  const [room, setRoom] = useState<RoomInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adminOpen, setAdminOpen] = useState(false);

  const load = useCallback((request: Promise<RoomInfo> = call('getRoom', {})) => {
    request
      .then((info) => {
        setRoom(info);
        setError(null);
      })
      .catch((err: Error) => setError(err.message));
  }, []);
  useEffect(() => load(firstRoom), [load, firstRoom]);

  useEffect(() => {
    document.documentElement.style.setProperty('--brightness', String(room?.settings.themeBrightness ?? 0.7));
    // Read by `npm run bench` (renderer start to interactive room).
    if (room) performance.mark('room-interactive');
  }, [room]);

  if (!bridge || error) {
    return (
      <main className="centre">
        <p role="alert">{error ?? 'This page is not connected to a room. Open the address the room printed when it started.'}</p>
      </main>
    );
  }
  if (!room) return <main className="centre" aria-busy="true" />;
  return (
    <div className="app" data-ready="true">
      <header className="topbar">
        <h1>{room.roomName}</h1>
        {!adminOpen && (
          <button type="button" className="admin-open" onClick={() => setAdminOpen(true)}>
            Admin
          </button>
        )}
        {room.settingsProblem && (
          <p className="warning" role="status">
            {room.settingsProblem}
          </p>
        )}
      </header>
      {adminOpen ? (
        <Suspense fallback={<main aria-busy="true" />}>
          <AdminArea
            onClose={() =>
              // The room's new settings arrive with the room view, so its forms start from them.
              load(
                call('getRoom', {}).then((info) => {
                  setAdminOpen(false);
                  return info;
                }),
              )
            }
          />
        </Suspense>
      ) : room.activeSessionId ? (
        <RoomView sessionId={room.activeSessionId} settings={room.settings} />
      ) : (
        <StartSession settings={room.settings} onStarted={() => load()} />
      )}
    </div>
  );
}
