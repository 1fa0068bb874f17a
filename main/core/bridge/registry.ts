import { adminHandlers } from '../admin/handlers';
import { careHandlers } from '../care/handlers';
import { integrationHandlers } from '../integration/handlers';
import { recoveryHandlers } from '../db/recovery-handlers';
import { dischargeHandlers } from '../discharge/handlers';
import { remsHandlers } from '../discharge/rems-handlers';
import { musicAdminHandlers } from '../music-admin/handlers';
import { musicLibraryHandlers } from '../music/handlers';
import { playbackHandlers } from '../music/playback-handlers';
import { monitorHandlers } from '../monitor/handlers';
import { observationHandlers } from '../observations/handlers';
import { exportHandlers } from '../report/export-handlers';
import type { Handlers, RoomApi } from '../room-api';
import { sessionHandlers } from '../session/handlers';
import { syncHandlers } from '../sync/handlers';
import { staffHandlers } from '../staff/handlers';

/** Every bridge method, each feature's from its own folder. A new method's handler is added to its feature's set. */
export function roomHandlers(room: RoomApi): Handlers {
  return {
    ...sessionHandlers(room),
    ...staffHandlers(room),
    ...observationHandlers(room),
    ...musicLibraryHandlers(room),
    ...dischargeHandlers(room),
    ...remsHandlers(room),
    ...exportHandlers(room),
    ...playbackHandlers(room),
    ...adminHandlers(room),
    ...musicAdminHandlers(room),
    ...syncHandlers(room),
    ...recoveryHandlers(room),
    ...careHandlers(room),
    ...integrationHandlers(room),
    ...monitorHandlers(room),
  };
}
