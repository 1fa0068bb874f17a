import type Database from 'better-sqlite3';
import type { MethodName } from './contract/channels';
import type { ParsedArgsOf, PushPayloads, ResultOf } from './contract/contract';
import type { AdminLock } from './admin/pin-lock';
import type { SteadyClock } from './clock';
import type { RecoveryState } from './db/recovery';
import type { RoomMusic } from './music/room-music';
import type { SessionState } from './pure/session/fold';
import type { EventKind, NewEvent, StoredEvent } from './session/events';
import type { SessionStore } from './session/store';
import type { RoomSettings } from './settings/store';
import type { Action, StaffRole } from './pure/staff/permissions';
import type { SignatureRequest, StaffAccounts } from './staff/accounts';
import type { StaffLog } from './staff/log';
import type { Signature } from './staff/view';

/** Every bridge method's handler, typed by the contract. */
export type Handlers = { [M in MethodName]: (args: ParsedArgsOf<M>) => ResultOf<M> | Promise<ResultOf<M>> };
export type PushListener = <C extends keyof PushPayloads>(channel: C, payload: PushPayloads[C]) => void;

/**
 * What a feature's handlers may use of the room (implemented by Room in room.ts). The handlers depend on
 * this interface, the registry (bridge/registry.ts) on the handlers, and Room on the registry: no cycle.
 */
export interface RoomApi {
  readonly db: Database.Database;
  readonly sessions: SessionStore;
  readonly settings: RoomSettings;
  readonly music: RoomMusic;
  /** The room's time: steady across a jump of the computer's clock. */
  readonly clock: SteadyClock;
  /** The admin PIN and admin sessions. */
  readonly admin: AdminLock;
  /** The staff's personal PINs, who is recording, and signatures. */
  readonly staff: StaffAccounts;
  readonly staffLog: StaffLog;
  recordingAuthor(typed: string, followRecorder?: boolean): { author: string; authorRole?: StaffRole };
  sign(request: Partial<SignatureRequest>, action: Action, meaning: string, what: string): Promise<Signature>;
  /** Set when the records were found damaged at open (see openRoom). */
  recovery: RecoveryState | null;
  readonly handlers: Handlers;
  checkClock(): void;
  /** Writes the heartbeat (at most every 30 s unless forced). */
  beat(force?: boolean): void;
  /** Counts the room's time from the time a clinician confirmed. */
  confirmTime(confirmedTime: number): void;
  onPush(listener: PushListener): () => void;
  push<C extends keyof PushPayloads>(channel: C, payload: PushPayloads[C]): void;
  /** Updates the cached state with an event already appended, then tells the listeners. */
  published(event: StoredEvent): StoredEvent;
  activeSessionId(): string | null;
  hasDosedSession(): boolean;
  state(sessionId: string): SessionState;
  record<K extends EventKind>(sessionId: string, event: NewEvent<K>): StoredEvent;
  recordAll(sessionId: string, events: NewEvent[], alsoInTransaction?: () => void): StoredEvent[];
  clinicalTime(given: number | undefined, what: string): number;
}
