import type { Migration } from '../migrate';
import { migration001 } from './001-sessions-and-events';
import { migration002 } from './002-session-history';
import { migration004 } from './004-author-role';
import { migration005 } from './005-bridge-requests';
import { migration006 } from './006-clinic-outbox';
import { migration007 } from './007-request-digest';
import { migration008 } from './008-staff-log';
import { migration009 } from './009-heartbeat';
import { migration010 } from './010-event-chain';
import { migration011 } from './011-rescue-checks';
import { migration012 } from './012-monitor-held';

/** Every migration, in order. Add a new numbered file and list it here; never edit a shipped one. */
export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
];
