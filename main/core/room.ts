import type Database from 'better-sqlite3';
import type { MethodName } from '../../preload/channels';
import type { ParsedArgsOf, PushPayloads, ResultOf, RoomInfo } from '../../preload/contract';
import { CLOCK_JUMP_MS, SteadyClock, type Clock } from './clock';
import { RoomError } from './pure/errors';
import { permit, roleOf } from './pure/staff/permissions';
import type { EventKind, NewEvent, StoredEvent } from './session/events';
import { musicLibraryHandlers, type RoomMusic } from './music/handlers';
import { AdminGate } from './admin/gate';
import { adminHandlers } from './admin/handlers';
import { musicAdminHandlers } from './music-admin/handlers';
import { observationHandlers } from './observations/handlers';
import { firstDoseRefusal, itemsNeedingDecision } from './pure/discharge/dose-rules';
import { nextDeviceProblem, SPRAVATO_DEVICE_MG, spravatoDoseProblem } from './pure/discharge/devices';
import { closedRefusal } from './discharge/closed';
import { dischargeHandlers } from './discharge/handlers';
import { playbackHandlers } from './music/playback-handlers';
import { applyEvents, foldSession, type SessionState } from './pure/session/fold';
import { SessionStore } from './session/store';
import { recoveryHandlers, type RecoveryState } from './db/recovery-handlers';
import type { RoomSettings } from './settings/store';
import { syncHandlers } from './sync/handlers';

export type Handlers = { [M in MethodName]: (args: ParsedArgsOf<M>) => ResultOf<M> | Promise<ResultOf<M>> };
export type PushListener = <C extends keyof PushPayloads>(channel: C, payload: PushPayloads[C]) => void;

const MAX_LATE_ENTRY_MS = 12 * 60 * 60_000;
const FUTURE_TOLERANCE_MS = 60_000;

/** The room's core: every bridge method, over the session log. Knows nothing of Electron or HTTP. */
export class Room {
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
    this.admin = new AdminGate(settings, this.clock);
    // Reopened during a session whose clock jumped: keep counting the session's time, not the computer's.
    const active = this.activeSessionId();
    const offset = active ? this.state(active).clockOffsetMs : 0;
    if (offset) {
      this.clock.shift(-offset);
      this.noticedDriftMs = offset;
    }
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
    const event: NewEvent<'clock_jump'> = { kind: 'clock_jump', occurredAt: this.clock.now(), author: 'Session Room', payload: { jumpMs, computerTime: this.clock.wall.now() } };
    this.published(this.sessions.append(active, event));
  }

  /** The admin PIN and admin sessions. */
  readonly admin: AdminGate;

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
        console.error(`room: a listener failed on ${channel}; what was saved stays saved: ${(err as Error)?.stack ?? String(err)}`);
      }
    }
  }

  private published(event: StoredEvent): StoredEvent {
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
    if (!state) throw new RoomError('no_such_session', 'That session does not exist on this machine. Open it from the session list.');
    this.states.set(sessionId, state);
    return state;
  }

  /** Appends durably, updates the cached state, then tells the listeners. */
  record<K extends EventKind>(sessionId: string, event: NewEvent<K>): StoredEvent {
    this.refuseIfClosed(sessionId, event.kind);
    this.checkClock();
    return this.published(this.sessions.append(sessionId, this.withRole(event)));
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
    return this.sessions.appendAll(sessionId, events.map((e) => this.withRole(e)), alsoInTransaction).map((e) => this.published(e));
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
    if (occurredAt > now + FUTURE_TOLERANCE_MS) throw new RoomError('time_in_future', `The ${what} time is in the future. Enter the time it happened.`);
    if (occurredAt < now - MAX_LATE_ENTRY_MS)
      throw new RoomError('time_too_early', `The ${what} time is more than 12 hours ago. Check the time; a session's entries belong to its own day.`);
    return occurredAt;
  }

  /** The next Spravato device of the dose: 28 mg, after the 5-minute rest, up to the planned number. */
  private recordDevice(args: ParsedArgsOf<'recordDose'>, state: SessionState, at: number): StoredEvent {
    const problem = nextDeviceProblem(state, at);
    if (problem) throw new RoomError('spravato_device', problem);
    const first = state.doses[0]!;
    const of = first.device?.of ?? 1;
    const lot = args.lot ?? first.lot;
    return this.record(args.sessionId, {
      kind: 'dose',
      occurredAt: at,
      author: args.author,
      payload: { mg: SPRAVATO_DEVICE_MG, booster: false, ...(lot ? { lot } : {}), device: { n: state.doses.length + 1, of } },
    });
  }

  readonly handlers: Handlers = {
    getRoom: (): RoomInfo => {
      this.checkClock();
      const settings = this.settings.get();
      return {
        roomName: settings.roomName,
        settings,
        settingsProblem: this.settings.problem,
        activeSessionId: this.activeSessionId(),
        now: this.clock.now(),
      };
    },

    startSession: (args) => {
      const open = this.activeSessionId();
      if (open) {
        throw new RoomError('session_in_progress', 'A session is already in progress in this room. Finish it before starting another.');
      }
      const preset = this.settings.get().presets[args.presetId];
      const event = this.sessions.createSession({
        kind: 'session_started',
        occurredAt: this.clock.now(),
        author: args.therapist,
        payload: { patientRef: args.patientRef, presetId: args.presetId, preset, plannedDoseMg: args.plannedDoseMg, therapist: args.therapist, sitter: args.sitter },
      });
      this.published(event);
      return this.handlers.getSession({ sessionId: event.sessionId }) as ResultOf<'getSession'>;
    },

    getSession: ({ sessionId }) => {
      const session = this.sessions.session(sessionId);
      if (!session) throw new RoomError('no_such_session', 'That session does not exist on this machine. Open it from the session list.');
      return { session, events: this.sessions.events(sessionId) };
    },

    recordDose: (args) => {
      const state = this.state(args.sessionId);
      const at = this.clinicalTime(args.occurredAt, 'dose');
      const first = state.doses[0];
      if (args.booster && !first) throw new RoomError('no_first_dose', 'Record the first dose before a booster.');
      // Spravato: the dose is devices of 28 mg, each recorded as it is given, with the rest between them.
      const spravato = state.preset.id === 'spravato';
      if (spravato && !args.booster && first) return this.recordDevice(args, state, at);
      if (!args.booster && first) {
        throw new RoomError('first_dose_recorded', 'The first dose is already recorded. Record this one as a booster.');
      }
      const devices = spravato && !args.booster ? spravatoDoseProblem(args.mg) : null;
      if (devices) throw new RoomError('spravato_devices', devices);
      if (args.booster && first && at < first.at) throw new RoomError('booster_before_dose', 'A booster cannot come before the first dose. Check its time.');
      if (args.booster && state.preset.id === 'spravato') {
        throw new RoomError('spravato_booster', 'Spravato has no booster: the dose is the devices given at the start (28 mg each). Record another dose only in a new session.');
      }
      const refusal = args.booster ? null : firstDoseRefusal(state, args.proceedBy);
      if (refusal) throw new RoomError(refusal.code, refusal.message);
      const pending = args.booster ? [] : itemsNeedingDecision(state);
      const decision = pending.length && args.proceedBy ? { clinician: args.proceedBy, items: pending } : undefined;
      // Answering "no" records what is so (anyone may); going ahead past it is a clinician's decision.
      if (decision) permit(this.settings.get().staff, 'checklistProceed', decision.clinician);
      return this.record(args.sessionId, {
        kind: 'dose',
        occurredAt: at,
        author: args.author,
        payload: {
          mg: spravato ? SPRAVATO_DEVICE_MG : args.mg,
          booster: args.booster,
          ...(args.lot ? { lot: args.lot } : {}),
          ...(decision ? { decision } : {}),
          ...(spravato ? { device: { n: 1, of: args.mg / SPRAVATO_DEVICE_MG } } : {}),
        },
      });
    },

    addMark: (args) => {
      if (args.mark === 'infusion_ended') permit(this.settings.get().staff, 'markInfusionEnded', args.author);
      const state = this.state(args.sessionId);
      const at = this.clinicalTime(args.occurredAt, 'mark');
      const first = state.doses[0];
      if (!first) throw new RoomError('not_dosed', 'Record the dose first: marks are counted from it.');
      if (at < first.at) throw new RoomError('mark_before_dose', 'A mark cannot come before the first dose. Check its time.');
      return this.record(args.sessionId, { kind: 'mark', occurredAt: at, author: args.author, payload: { mark: args.mark } });
    },

    listSessions: (args) => this.sessions.listSessions({ ...(args.patientRef ? { patientRef: args.patientRef } : {}), limit: args.limit }),
    ...observationHandlers(this),
    ...musicLibraryHandlers(this),
    ...dischargeHandlers(this),
    ...playbackHandlers(this),
    ...adminHandlers(this),
    ...musicAdminHandlers(this),
    ...syncHandlers(this),
    ...recoveryHandlers(this),
  };
}
