import type { BoardCommand, ScreenInfo } from '@dealboard/shared';

type Screen = { id: string; eventId: string; layout: string; seq: number; connectedAt: string; lastSeenAt: string; address: string };
type Disconnectable = { disconnect(close?: boolean): unknown };
/** What the registry needs of the `/board` namespace: tell a room of screens a command. */
export type ScreenRooms = { to(room: string): { emit(event: 'board:command', message: { command: BoardCommand }): unknown } };
/** What it needs of the `/operator` namespace: cut off a booth's room on every node. */
export type TabletRooms = { in(room: string): { disconnectSockets(close?: boolean): void } };

/**
 * Connected screens and tablets, for the console: which boards are up, how far
 * behind they are, and commands to them; tablets of a revoked booth are cut off.
 */
export class ScreensRegistry {
  private readonly screens = new Map<string, Screen>();
  private readonly modes = new Map<string, BoardCommand>();
  private readonly tablets = new Map<string, Set<Disconnectable>>();
  private boards: ScreenRooms | undefined;
  private operators: TabletRooms | undefined;

  constructor(private readonly currentSeq: (eventId: string) => number | undefined) {}

  attachBoards(nsp: ScreenRooms) {
    this.boards = nsp;
  }

  attachTablets(nsp: TabletRooms) {
    this.operators = nsp;
  }

  addScreen(id: string, eventId: string, address: string) {
    const now = new Date().toISOString();
    this.screens.set(id, { id, eventId, layout: 'full', seq: 0, connectedAt: now, lastSeenAt: now, address });
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

  list(eventId: string): ScreenInfo[] {
    const seq = this.currentSeq(eventId) ?? 0;
    return [...this.screens.values()]
      .filter((s) => s.eventId === eventId)
      .map((s) => ({ id: s.id, layout: s.layout, seq: s.seq, behind: Math.max(0, seq - s.seq), connectedAt: s.connectedAt, lastSeenAt: s.lastSeenAt, address: s.address }));
  }

  /** The mode a newly connected screen of the event should take (blackout survives a reload). */
  modeOf(eventId: string): BoardCommand {
    return this.modes.get(eventId) ?? 'live';
  }

  /** Send a command to one screen or all of an event's; returns how many were told. */
  command(eventId: string, command: BoardCommand, screenId?: string): number {
    if (!this.boards) return 0;
    if (screenId) {
      const s = this.screens.get(screenId);
      if (!s || s.eventId !== eventId) return 0;
      this.boards.to(screenId).emit('board:command', { command });
      return 1;
    }
    if (command !== 'reload') this.modes.set(eventId, command);
    this.boards.to(`event:${eventId}`).emit('board:command', { command });
    return this.list(eventId).length;
  }

  addTablet(boothId: string, socket: Disconnectable) {
    const set = this.tablets.get(boothId) ?? new Set();
    set.add(socket);
    this.tablets.set(boothId, set);
  }

  removeTablet(boothId: string, socket: Disconnectable) {
    this.tablets.get(boothId)?.delete(socket);
  }

  /**
   * Cut off every tablet of a booth (after a revoke or a new token), on every node:
   * the booth's room is told through the adapter. Their token is refused when they
   * try again, since every node emptied its token cache on the change.
   */
  disconnectBooth(boothId: string) {
    for (const s of this.tablets.get(boothId) ?? []) s.disconnect(true);
    this.tablets.delete(boothId);
    this.operators?.in(`booth:${boothId}`).disconnectSockets(true);
  }
}
