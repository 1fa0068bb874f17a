import { powerSaveBlocker } from 'electron';
import type { Room } from '../core/room';

/** Keeps the screen and the machine awake while a session is dosed and not yet closed. */
export function keepAwakeDuringSessions(room: Room): void {
  let blocker: number | null = null;
  const update = () => {
    const needed = room.hasDosedSession();
    if (needed && blocker === null) blocker = powerSaveBlocker.start('prevent-display-sleep');
    if (!needed && blocker !== null) {
      powerSaveBlocker.stop(blocker);
      blocker = null;
    }
  };
  update();
  room.onPush(update);
}
