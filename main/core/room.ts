import type Database from 'better-sqlite3';
import { AdminLock } from './admin/pin-lock';
import { roomHandlers } from './bridge/registry';
import { CLOCK_JUMP_MS, SteadyClock, type Clock } from './clock';
import type { RecoveryState } from './db/recovery';
import { closedRefusal } from './discharge/closed';
import type { RoomMusic } from './music/room-music';
import { RoomError } from './pure/errors';
import { applyEvents, foldSession, type SessionState } from './pure/session/fold';
import { roleOf, sameName, type Action, type StaffRole } from './pure/staff/permissions';
import { StaffAccounts, type SignatureRequest } from './staff/accounts';
import { StaffLog } from './staff/log';
import type { Signature } from './staff/view';
import type { Handlers, PushListener, RoomApi } from './room-api';
import type { EventKind, NewEvent, StoredEvent } from './session/events';
import { SessionStore } from './session/store';
import type { PushPayloads } from './contract/contract';
import type { RoomSettings } from './settings/store';

const MAX_LATE_ENTRY_MS = 12 * 60 * 60_000;
const FUTURE_TOLERANCE_MS = 60_000;
/** The heartbeat is written at most this often while a session is open (and by a timer when nothing is recorded). */
export const HEARTBEAT_MS = 30_000;
/** Reopened more than this after the last heartbeat, the room cannot tell a long stop from a clock set wrong (room convention). */
export const HEARTBEAT_GAP_MS = 10 * 60_000;

/** The room's core: every bridge method, over the session log. Knows nothing of Electron or HTTP. */
export class Room implements RoomApi {
  readonly sessions: SessionStore;
  private readonly listeners = new Set<PushListener>();
  /** Each session's folded state, kept current as events are appended, so an append never re-reads the log. */
  private readonly states = new Map<string, SessionState>();

  /** The room's time: steady across a jump of the computer's clock (see SteadyClock). */
  readonly clock: SteadyClock;
  /** The computer clock's offset from the room's time already recorded as a jump. */
  private noticedDriftMs = 0;

  constructor(
    readonly db: Database.Database,
    wallClock: Clock,
    readonly settings: RoomSettings,
    readonly music: RoomMusic,
  ) {
    this.clock = new SteadyClock(wallClock);
    this.sessions = new SessionStore(db, this.clock);
    this.admin = new AdminLock(settings, this.clock);
    this.staffLog = new StaffLog(db, this.clock);
    this.staff = new StaffAccounts(settings, this.clock, this.staffLog);
    // Reopened during a session whose clock jumped: keep counting the session's time, not the computer's (its best guess).
    const active = this.activeSessionId();
    const offset = active ? this.state(active).clockOffsetMs : 0;
    if (offset) {
      this.clock.shift(-offset);
      this.noticedDriftMs = offset;
    }
    if (active && !db.readonly) this.doubtTheClock(active);
  }

  /**
   * On reopening a session in progress, the room asks whether it can trust the time it reads: a jump recorded during the
   * session (was the clock fixed since, or not?), a clock earlier than the last entry, or a gap since the last heartbeat
   * longer than a restart takes (a long stop, or a clock set wrong: the room cannot tell). Any doubt is recorded, and no
   * time-based condition holds until a clinician confirms the current time (confirmTime, signed).
   */
  private doubtTheClock(sessionId: string): void {
    const state = this.state(sessionId);
    if (state.timeUnconfirmed) return;
    const computer = this.clock.wall.now();
    const events = this.sessions.events(sessionId);
    const lastRecordedAt = events.reduce((t, e) => Math.max(t, e.recordedAt), 0);
    const beat = this.db.prepare('SELECT wall FROM heartbeat WHERE id = 1 AND session_id = ?').get(sessionId) as
      { wall: number } | undefined;
    const lastSeenAt = Math.max(lastRecordedAt, beat?.wall ?? 0);
    const minutes = (ms: number) => `${Math.round(Math.abs(ms) / 60_000)} min`;
    const reasons: string[] = [];
    if (state.clockOffsetMs)
      reasons.push(
        `The computer's clock jumped during this session (by ${minutes(state.clockOffsetMs)}); it may have been set right since.`,
      );
    if (computer < lastRecordedAt - CLOCK_JUMP_MS)
      reasons.push(`The computer's clock reads ${minutes(lastRecordedAt - computer)} earlier than the last entry.`);
    else if (computer - lastSeenAt > HEARTBEAT_GAP_MS)
      reasons.push(
        `The room was last seen ${minutes(computer - lastSeenAt)} ago by the computer's clock: a long stop, or a clock set wrong.`,
      );
    if (!reasons.length) return;
    const event: NewEvent<'time_unconfirmed'> = {
      kind: 'time_unconfirmed',
      occurredAt: this.clock.now(),
      author: 'Session Room',
      payload: { reasons, computerTime: computer, lastSeenAt },
    };
    this.published(this.sessions.append(sessionId, event));
  }

  /** The heartbeat: the computer's time while a session is open, at most every 30 s (see doubtTheClock). */
  private lastBeat = 0;
  beat(force = false): void {
    const wall = this.clock.wall.now();
    if (this.db.readonly || (!force && Math.abs(wall - this.lastBeat) < HEARTBEAT_MS)) return;
    const active = this.activeSessionId();
    if (!active) return;
    this.lastBeat = wall;
    this.db
      .prepare(
        'INSERT INTO heartbeat (id, wall, session_id) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET wall = excluded.wall, session_id = excluded.session_id',
      )
      .run(wall, active);
  }

  /** A clinician confirmed the current time: the room counts from it, and the computer's offset is what the screen corrects by. */
  confirmTime(confirmedTime: number): void {
    this.clock.shift(confirmedTime - this.clock.now());
    this.noticedDriftMs = this.clock.drift();
  }

  /**
   * Notices a jump of the computer's clock (more than 2 minutes against the room's own count) and records it in
   * the session in progress, so the record says so and the screen can show it. Called before every write.
   */
  checkClock(): void {
    const drift = this.clock.drift();
    if (Math.abs(drift - this.noticedDriftMs) <= CLOCK_JUMP_MS) return;
    const jumpMs = drift - this.noticedDriftMs;
    this.noticedDriftMs = drift;
    const active = this.activeSessionId();
    if (!active) return;
    const event: NewEvent<'clock_jump'> = {
      kind: 'clock_jump',
      occurredAt: this.clock.now(),
      author: 'Session Room',
      payload: { jumpMs, computerTime: this.clock.wall.now() },
    };
    this.published(this.sessions.append(active, event));
  }

  /** The admin PIN and admin sessions. */
  readonly admin: AdminLock;
  /** The staff's personal PINs, who is recording, and signatures. */
  readonly staff: StaffAccounts;
  readonly staffLog: StaffLog;

  /**
   * Who an entry is recorded by. With no staff list (a fresh room) it is the name the screen gives. Once the staff list
   * names people, it is the person who switched in with their PIN: a name typed for someone else is refused, so nobody
   * records as another person. `followRecorder` (the music player's own log lines) takes whoever is recording.
   */
  recordingAuthor(typed: string, followRecorder = false): { author: string; authorRole?: StaffRole } {
    if (this.settings.get().staff.length === 0) return { author: typed };
    const recorder = this.staff.recorder();
    if (!recorder)
      throw new RoomError('no_recorder', 'Say who is recording first: choose your name (Alt+S) and enter your PIN.');
    if (!followRecorder && !sameName(recorder.name, typed)) {
      throw new RoomError(
        'not_recorder',
        `${recorder.name} is recording. To record as ${typed}, switch to them with their own PIN (Alt+S).`,
      );
    }
    return { author: recorder.name, authorRole: recorder.role };
  }

  /**
   * A clinician's signature for an act: the name and PIN given in the same call, checked against the permission table.
   * `what` names the act when the call came without a signature.
   */
  async sign(request: Partial<SignatureRequest>, action: Action, meaning: string, what: string): Promise<Signature> {
    if (!request.signer || !request.pin) {
      throw new RoomError(
        'signature_needed',
        `${what} is a clinician's signed act: the clinician signs it with their name and PIN.`,
      );
    }
    return this.staff.sign({ signer: request.signer, pin: request.pin, pinAgain: request.pinAgain }, action, meaning);
  }

  /** Set when the records were found damaged at open (see openRoom). */
  recovery: RecoveryState | null = null;

  onPush(listener: PushListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every listener (the renderer, through the shell or the host) something that is not a session event. */
  push<C extends keyof PushPayloads>(channel: C, payload: PushPayloads[C]): void {
    for (const listener of this.listeners) {
      // Each listener on its own: one that throws (a closed window, a broken stream) cannot undo what was saved or starve the others.
      try {
        listener(channel, payload);
      } catch (err) {
        console.error(
          `room: a listener failed on ${channel}; what was saved stays saved: ${(err as Error)?.stack ?? String(err)}`,
        );
      }
    }
  }

  /** Updates the cached state with an event already appended, then tells the listeners. */
  published(event: StoredEvent): StoredEvent {
    const cached = this.states.get(event.sessionId);
    if (cached && cached.lastSeq === event.seq - 1) applyEvents(cached, [event]);
    else this.states.delete(event.sessionId);
    this.push('session-event', { event });
    return event;
  }

  /** The session in progress: the newest one not closed. */
  activeSessionId(): string | null {
    return this.sessions.openSessions()[0]?.id ?? null;
  }

  /** Is any session dosed and not closed? The shell keeps the screen awake while it is. */
  hasDosedSession(): boolean {
    return this.sessions.openSessions().some((s) => this.state(s.id).status === 'dosed');
  }

  state(sessionId: string): SessionState {
    const cached = this.states.get(sessionId);
    if (cached) return cached;
    const state = foldSession(this.sessions.events(sessionId));
    if (!state)
      throw new RoomError(
        'no_such_session',
        'That session does not exist on this machine. Open it from the session list.',
      );
    this.states.set(sessionId, state);
    return state;
  }

  /** Appends durably, updates the cached state, then tells the listeners. */
  record<K extends EventKind>(sessionId: string, event: NewEvent<K>): StoredEvent {
    this.refuseIfClosed(sessionId, event.kind);
    this.checkClock();
    const stored = this.published(this.sessions.append(sessionId, this.withRole(event)));
    this.beat();
    return stored;
  }

  /** The author's role on the staff list goes into the record with what they wrote. */
  private withRole<E extends NewEvent>(event: E): E {
    const role = event.authorRole ?? roleOf(this.settings.get().staff, event.author);
    return role ? { ...event, authorRole: role } : event;
  }

  /** Appends several events (and what must land with them) in one transaction, then tells the listeners of each. */
  recordAll(sessionId: string, events: NewEvent[], alsoInTransaction?: () => void): StoredEvent[] {
    for (const event of events) this.refuseIfClosed(sessionId, event.kind);
    this.checkClock();
    return this.sessions
      .appendAll(
        sessionId,
        events.map((e) => this.withRole(e)),
        alsoInTransaction,
      )
      .map((e) => this.published(e));
  }

  /** A closed session takes amendments only, each with its reason. */
  private refuseIfClosed(sessionId: string, kind: EventKind): void {
    const refusal = closedRefusal(this.state(sessionId), kind);
    if (refusal) throw new RoomError('session_closed', refusal);
  }

  /**
   * A time the screen gives (its own clock: the computer's) as the room's time. After a jump of the computer's
   * clock the screen's times carry the jump; the room takes it off, so an entry keeps its true place.
   */
  clinicalTime(given: number | undefined, what: string): number {
    this.checkClock();
    const now = this.clock.now();
    if (given === undefined) return now;
    const occurredAt = given - this.noticedDriftMs;
    if (occurredAt > now + FUTURE_TOLERANCE_MS)
      throw new RoomError('time_in_future', `The ${what} time is in the future. Enter the time it happened.`);
    if (occurredAt < now - MAX_LATE_ENTRY_MS)
      throw new RoomError(
        'time_too_early',
        `The ${what} time is more than 12 hours ago. Check the time; a session's entries belong to its own day.`,
      );
    return occurredAt;
  }

  /** Every bridge method, each feature's from its own folder (bridge/registry.ts). */
  readonly handlers: Handlers = roomHandlers(this);
}
