import { createRoot } from 'react-dom/client';
import { App } from './App';
import { call } from './bridge';

// The room's first answer is asked for before React mounts, so the two overlap.
const firstRoom = call('getRoom', {});
createRoot(document.getElementById('root')!).render(<App firstRoom={firstRoom} />);
