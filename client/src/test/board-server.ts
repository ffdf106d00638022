import { vi } from 'vitest';
import type { Ack, BoardSnapshot, BoardStatus } from '@dealboard/shared';
import { createPinia, setActivePinia } from 'pinia';
import type { BoardHandlers, OpenBoardChannel } from '../socket/board-channel';
import { useBoardStore } from '../board/stores/board';

/** A stand-in for the board socket: the test plays the server. */
export function fakeBoardServer() {
  let handlers: BoardHandlers | undefined;
  const resyncAnswers: Array<(ack: Ack<BoardSnapshot>) => void> = [];
  const reports: BoardStatus[] = [];
  const open: OpenBoardChannel = (_eventId, h) => {
    handlers = h;
    h.status('connecting');
    return {
      resync: () => new Promise((resolve) => resyncAnswers.push(resolve)),
      report: (status) => reports.push(status),
      close: vi.fn(),
    };
  };
  const server = {
    open,
    get h() {
      if (!handlers) throw new Error('channel not opened');
      return handlers;
    },
    connect(snap: BoardSnapshot) {
      server.h.status('connected');
      server.h.snapshot(snap);
    },
    resyncAnswers,
    reports,
  };
  return server;
}

/** A board store started on a stand-in server that has connected and sent `snap`: where most board tests begin. */
export function connectedBoard(snap: BoardSnapshot) {
  const board = useBoardStore();
  const server = fakeBoardServer();
  board.start('demo', { open: server.open });
  server.connect(snap);
  return { board, server };
}

/** The page is reloaded (a fresh Pinia over the same localStorage) while the server is down. */
export function reloadWithServerDown(before: { stop(): void }) {
  before.stop();
  setActivePinia(createPinia());
  const board = useBoardStore();
  const down = fakeBoardServer();
  board.start('demo', { open: down.open });
  down.h.status('disconnected');
  return board;
}
