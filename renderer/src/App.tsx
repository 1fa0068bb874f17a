import { useCallback, useEffect, useState } from 'react';
import type { RoomInfo } from '../../preload/contract';
import { bridge, call } from './bridge';
import { HistoryView } from './HistoryView';
import { RoomView } from './RoomView';
import { StartSession } from './StartSession';

export function App({ firstRoom }: { firstRoom: Promise<RoomInfo> }) {
  const [room, setRoom] = useState<RoomInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState<'room' | 'history'>('room');

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
        <button type="button" className="no-print" onClick={() => setPage(page === 'room' ? 'history' : 'room')}>
          {page === 'room' ? 'Session history' : 'Back to the room'}
        </button>
        {room.settingsProblem && (
          <p className="warning" role="status">
            {room.settingsProblem}
          </p>
        )}
      </header>
      {page === 'history' ? (
        <HistoryView settings={room.settings} />
      ) : room.activeSessionId ? (
        <RoomView sessionId={room.activeSessionId} settings={room.settings} onLeave={() => load()} />
      ) : (
        <StartSession settings={room.settings} onStarted={() => load()} />
      )}
    </div>
  );
}
