import { call } from './bridge';
import { inlinedRoom } from './first-screen';

/** The room as the page was served with it (no round trip), when it was. */
export const servedRoom = inlinedRoom();
/** Else the room's first answer, asked for as the page's first act (main.tsx imports this module first). */
export const firstRoom = servedRoom ? Promise.resolve(servedRoom) : call('getRoom', {});
