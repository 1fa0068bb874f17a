import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import type { RoomApi } from '../room-api';
import { MonitorFeed } from './feed';
import { MllpReader, frame } from './mllp';
import { ackFor, readPcd01 } from './pcd01';
import type { MonitorSettings } from './settings';
import type { MonitorView } from './view';

/** A connection that sends nothing for this long is closed (a monitor reconnects when it has something to send). */
const IDLE_MS = 5 * 60_000;
const MAX_CONNECTIONS = 16;

/** "::ffff:127.0.0.1" is 127.0.0.1 for the allowlist. */
const plainAddress = (a: string | undefined) => (a ?? '').replace(/^::ffff:/, '');

/**
 * The room's MLLP endpoint for IHE PCD-01 messages: off unless an admin turns it on, on the address and port chosen,
 * taking connections only from the allowlist. Every message is answered with an HL7 ACK; nothing a sender does ends the room.
 */
export class MonitorListener {
  readonly feed: MonitorFeed;
  private server: net.Server | null = null;
  private listening: string | null = null;
  private problem: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly room: RoomApi) {
    this.feed = new MonitorFeed(
      room,
      () => this.settings(),
      () => this.publish(),
    );
  }

  private settings(): MonitorSettings {
    return this.room.settings.get().monitor;
  }

  async start(): Promise<void> {
    const s = this.settings();
    if (!s.enabled) return;
    try {
      const tlsOptions =
        s.tlsCertFile && s.tlsKeyFile
          ? { cert: fs.readFileSync(s.tlsCertFile), key: fs.readFileSync(s.tlsKeyFile) }
          : null;
      const server = tlsOptions
        ? tls.createServer(tlsOptions, (socket) => this.connection(socket))
        : net.createServer((socket) => this.connection(socket));
      // A TLS handshake that fails is the sender's problem: the room notes nothing and keeps listening.
      server.on('tlsClientError', () => {});
      server.on('error', (err: Error) => {
        this.problem = `The monitor listener stopped: ${err.message}`;
        this.publish();
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(s.port, s.address, () => {
          server.off('error', reject);
          resolve();
        });
      });
      server.maxConnections = MAX_CONNECTIONS;
      this.server = server;
      const bound = server.address() as net.AddressInfo;
      this.listening = `${s.address}:${bound.port}`;
      this.problem = null;
      this.timer = setInterval(() => this.feed.tick(), 1000);
      this.timer.unref();
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      this.problem =
        e.code === 'EADDRINUSE'
          ? `The monitor listener could not start: port ${s.port} on ${s.address} is in use. Choose another port under Admin.`
          : e.code === 'EADDRNOTAVAIL'
            ? `The monitor listener could not start: ${s.address} is not an address of this computer. Choose another under Admin.`
            : `The monitor listener could not start: ${e.message}`;
    }
    this.publish();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = null;
    this.listening = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The listener again with the settings as they are now (after an admin's change). */
  async restart(): Promise<void> {
    await this.close();
    await this.start();
  }

  view(): MonitorView {
    const s = this.settings();
    const feed = this.feed.view();
    const recent = feed.last !== null && this.room.clock.now() - feed.last.at < 30_000;
    return {
      enabled: s.enabled,
      name: s.name,
      listening: this.listening,
      problem: this.problem,
      state: !this.listening ? 'off' : feed.signalLostSince !== null ? 'signal_lost' : recent ? 'connected' : 'waiting',
      ...feed,
    };
  }

  private publish(): void {
    this.room.push('monitor-state', this.view());
  }

  private connection(socket: net.Socket): void {
    const from = plainAddress(socket.remoteAddress);
    socket.on('error', () => socket.destroy());
    if (!this.settings().allowlist.includes(from)) {
      // Not on the allowlist: closed before anything it sends is read.
      this.feed.counts.refusedConnections++;
      this.feed.lastRefusal = `A connection from ${from} was refused: that address is not on the monitor allowlist.`;
      socket.destroy();
      this.publish();
      return;
    }
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.setTimeout(IDLE_MS, () => socket.destroy());
    const reader = new MllpReader();
    socket.on('data', (chunk: Buffer) => {
      for (const text of reader.push(chunk)) {
        if (socket.destroyed) return;
        socket.write(frame(this.answer(text)));
      }
      if (reader.tooLarge) {
        const reason = 'The message is too large for a vital-signs observation: the connection was closed.';
        this.feed.refused(reason);
        socket.end(frame(ackFor(null, 'AR', reason)));
      }
    });
  }

  /** The ACK for one message; whatever goes wrong, the sender is answered and the room goes on. */
  private answer(text: string): string {
    const read = readPcd01(text);
    if (!read.ok) {
      this.feed.refused(read.reason);
      return ackFor(read.message, read.code, read.reason);
    }
    try {
      const answer = this.feed.take(read.reading);
      return ackFor(read.message, answer.code, answer.reason);
    } catch (err) {
      const reason = `The room could not record the reading: ${(err as Error).message}`;
      this.feed.refused(reason);
      return ackFor(read.message, 'AE', reason);
    }
  }
}

const listeners = new WeakMap<RoomApi, MonitorListener>();

/** Starts the room's monitor listener (the shell and the host each call this once); off unless the admin turned it on. */
export async function startMonitor(room: RoomApi): Promise<MonitorListener> {
  const existing = listeners.get(room);
  if (existing) return existing;
  const listener = new MonitorListener(room);
  listeners.set(room, listener);
  await listener.start();
  return listener;
}

export const monitorOf = (room: RoomApi): MonitorListener | null => listeners.get(room) ?? null;
