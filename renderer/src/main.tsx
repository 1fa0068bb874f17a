// First import: the room's first request leaves while the page's modules are still being evaluated, before React renders.
import { firstRoom, servedRoom } from './bridge/first-call';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { RoomNotices } from './ui/RoomNotices';

createRoot(document.getElementById('root')!).render(
  <>
    <RoomNotices />
    <App firstRoom={firstRoom} servedRoom={servedRoom} />
  </>,
);
