import { call } from './bridge';

/** The room's first answer, asked for as the page's first act (main.tsx imports this module first). */
export const firstRoom = call('getRoom', {});
