import { BOARD_COMMANDS, type BoardCommand, type ScreenInfo } from '@dealboard/shared';
import type { Db } from '../store/db.js';

type Screen = { id: string; eventId: string; layout: string; seq: number; connectedAt: string; lastSeenAt: string; address: string };
/** A board socket: its `data.screen` travels with it when another node asks who is connected. */
type ScreenSocket = { id: string; data: object };
/** What the registry needs of the `/board` namespace: tell a room of screens a command, and gather a room's sockets from every node. */
export type ScreenRooms = {
  to(room: string): { emit(event: 'board:command', message: { command: BoardCommand }): unknown };
  in(room: string): { fetchSockets(): Promise<{ data: unknown }[]> };
};

/** The longest the console waits for the other nodes' screens (the adapters' own request timeout is 5 s). */
const GATHER_MS = 6_000;

/** `promise`, or a failure once `ms` have passed without it settling. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * Connected screens, for the console: which boards are up, how far behind they
 * are, and commands to them.
 * In a cluster the list covers every node: each screen's record is kept in its
 * socket's `data`, and the Socket.IO adapter's `fetchSockets` gathers them from
 * all nodes (with one node, from this one at once).
 */
export class ScreensRegistry {
  private readonly screens = new Map<string, Screen>();
  private boards: ScreenRooms | undefined;

  constructor(
    private readonly currentSeq: (eventId: string) => number | undefined,
    /** Where the event's screen mode is kept, for every node and across restarts. */
    private readonly db: Db,
  ) {}

  attachBoards(nsp: ScreenRooms) {
    this.boards = nsp;
  }

  addScreen(socket: ScreenSocket, eventId: string, address: string) {
    const now = new Date().toISOString();
    const screen: Screen = { id: socket.id, eventId, layout: 'full', seq: 0, connectedAt: now, lastSeenAt: now, address };
    this.screens.set(socket.id, screen);
    (socket.data as { screen?: Screen }).screen = screen;
  }

  report(id: string, status: { seq: unknown; layout: unknown }) {
    const s = this.screens.get(id);
    if (!s) return;
    if (typeof status?.seq === 'number' && Number.isFinite(status.seq)) s.seq = status.seq;
    if (typeof status?.layout === 'string') s.layout = status.layout.slice(0, 24);
    s.lastSeenAt = new Date().toISOString();
  }

  removeScreen(id: string) {
    this.screens.delete(id);
  }

  /** The event's screens on every node (only this node's if the others do not answer in time). */
  async list(eventId: string): Promise<ScreenInfo[]> {
    const seq = this.currentSeq(eventId) ?? 0;
    return (await this.screensOf(`event:${eventId}`))
      .filter((s) => s.eventId === eventId)
      .map((s) => ({ id: s.id, layout: s.layout, seq: s.seq, behind: Math.max(0, seq - s.seq), connectedAt: s.connectedAt, lastSeenAt: s.lastSeenAt, address: s.address }));
  }

  private async screensOf(room: string): Promise<Screen[]> {
    const local = () => [...this.screens.values()].filter((s) => s.id === room || `event:${s.eventId}` === room);
    if (!this.boards) return local();
    try {
      const sockets = await within(this.boards.in(room).fetchSockets(), GATHER_MS);
      return sockets.map((s) => (s.data as { screen?: Screen }).screen).filter((s): s is Screen => !!s);
    } catch {
      return local();
    }
  }

  /** The mode a newly connected screen of the event should take, on whichever node (blackout survives a reload and a restart). */
  async modeOf(eventId: string): Promise<BoardCommand> {
    const row = await this.db.selectFrom('events').select('screen_mode').where('id', '=', eventId).executeTakeFirst();
    const mode = row?.screen_mode as BoardCommand | null | undefined;
    return mode && BOARD_COMMANDS.includes(mode) ? mode : 'live';
  }

  /** Send a command to one screen (on whichever node) or all of an event's; returns how many were told. */
  async command(eventId: string, command: BoardCommand, screenId?: string): Promise<number> {
    if (!this.boards) return 0;
    if (screenId) {
      const [s] = await this.screensOf(screenId);
      if (!s || s.eventId !== eventId) return 0;
      this.boards.to(screenId).emit('board:command', { command });
      return 1;
    }
    if (command !== 'reload') await this.db.updateTable('events').set({ screen_mode: command }).where('id', '=', eventId).execute();
    this.boards.to(`event:${eventId}`).emit('board:command', { command });
    return (await this.list(eventId)).length;
  }
}
