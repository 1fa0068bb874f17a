// First import: ES modules run in import order, so the room's first request leaves before React is evaluated.
import { firstRoom } from './bridge/first-call';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { RoomNotices } from './ui/RoomNotices';

createRoot(document.getElementById('root')!).render(
  <>
    <RoomNotices />
    <App firstRoom={firstRoom} />
  </>,
);
