import type { Ack, AckCallback } from './schemas/errors.js';
import type { Deal, DealInput, DealReceipt } from './schemas/deal.js';
import type { PublicEvent } from './schemas/event.js';
import type { PublicBooth } from './schemas/booth.js';
import type { BoardDeal, Totals } from './schemas/totals.js';
import type { PackedClimbPoint } from './board-delta.js';
import type { BoardTick, WireDelta } from './board-wire.js';
import type { ClimbSeries } from './climb.js';
import type { ProgrammeSnapshot, ProgrammeUpdate } from './schemas/programme.js';

/**
 * Everything the board needs to draw itself from nothing: the event's public
 * config, the current totals (with `seq`, `total`, `count` at the top level), the
 * most recent deals, newest first, and the climb so far as the server keeps it.
 */
export type BoardSnapshot = Totals & { event: PublicEvent; recent: BoardDeal[]; climb: ClimbSeries; keys: string[] };

/**
 * What changed since the previous update (`fromSeq`), never the whole state:
 * `seq`, `total` and `count` always (the same figures as `GET /totals`); the
 * other figures and only the breakdown rows that changed, as absolute values
 * (see `TotalsDelta`), their keys as indexes into the snapshot's `keys` plus
 * the `keys` this update is the first to use (see `board-wire.ts`); at most a
 * few changed deals, trimmed to what the ticker draws, with `more` counting the
 * rest; the climb points that moved; the event's public config when it changed. `seq` of consecutive updates may skip when
 * changes were coalesced. An update stays within `MAX_UPDATE_BYTES`: rows that did not fit
 * come in the next one, or in a follow-up at the same `seq` (`part` 1, 2…, `fromSeq` = `seq`);
 * the update after a follow-up names it as its start (`fromPart`). A board that does not hold
 * an update's start resyncs (`nextStep` in `board-wire.ts`).
 */
export type BoardUpdate = WireDelta & {
  fromSeq: number;
  /** The follow-up's number at `seq` (absent: 0, the first update at `seq`). */
  part?: number;
  /** The part at `fromSeq` this update builds on (absent: 0). */
  fromPart?: number;
  keys?: [number, string][];
  changed: BoardTick[];
  more?: number;
  climb?: PackedClimbPoint[];
  event?: PublicEvent;
};

/** `/board` namespace: read-only; handshake `auth: {eventId}`. */
export interface BoardServerToClientEvents {
  /** Server → board, on connect and on request: the whole state. */
  'board:snapshot': (snapshot: BoardSnapshot) => void;
  /** Server → board, after accepted changes, at most 10 per second per event. */
  'board:update': (update: BoardUpdate) => void;
  /** Server → board, from the organiser console. */
  'board:command': (command: { command: BoardCommand }) => void;
}
export interface BoardClientToServerEvents {
  /** Board → server: ask for a fresh snapshot (after a `seq` gap or a reconnect). */
  'board:resync': (ack: AckCallback<BoardSnapshot>) => void;
  /** Board → server, on connect and every few seconds: what it shows, for the console's screen list. */
  'board:status': (status: BoardStatus) => void;
}

/** What a screen reports about itself. */
export type BoardStatus = { seq: number; layout: string };

/** Console → screens: reload the page, show a plain branded screen, or go back to the live board. */
export const BOARD_COMMANDS = ['reload', 'blackout', 'live'] as const;
export type BoardCommand = (typeof BOARD_COMMANDS)[number];

/** A connected screen as the console lists it. */
export type ScreenInfo = { id: string; layout: string; seq: number; behind: number; connectedAt: string; lastSeenAt: string; address: string };

/** What the tablet learns about itself on connect. */
export type OperatorSession = { booth: PublicBooth; event: PublicEvent };

/** `/operator` namespace: handshake `auth: {token}` (the booth's token). */
export interface OperatorServerToClientEvents {
  /** Server → tablet, on connect: which booth this token is, and the event. */
  'operator:session': (session: OperatorSession) => void;
  /** Server → tablet, when the event's public config or status changes. */
  'event:changed': (event: PublicEvent) => void;
  /** Server → tablet, when any of this booth's deals changed (recorded, voided, approved, restored). */
  'booth:changed': (change: { dealIds: string[] }) => void;
}
/** A booth's own deals, newest first, with its recorded total. */
export type BoothDeals = { deals: Deal[]; total: number; count: number; selfVoidWindowMin: number };

export interface OperatorClientToServerEvents {
  /** Tablet → server: this booth's deals (for "my deals"). */
  'booth:deals': (ack: AckCallback<BoothDeals>) => void;
  /**
   * Tablet → server: void one of this booth's own deals with a reason, within the
   * event's self-void window; later corrections go through the organiser.
   */
  'deal:void': (request: { dealId: string; reason: string }, ack: AckCallback<{ deal: Deal; seq: number }>) => void;
  /**
   * Tablet → server: record one deal. The ack comes only after the deal is
   * durably committed; resending the same `id` and content is harmless.
   */
  'deal:submit': (deal: DealInput, ack: AckCallback<DealReceipt>) => void;
}

/** Namespace names, so neither side spells them by hand. */
/** `/programme` namespace: the national board, read-only; handshake `auth: {programmeId}`. */
export interface ProgrammeServerToClientEvents {
  /** Server → national board, on connect, on request and after the programme's events changed: the whole state. */
  'programme:snapshot': (snapshot: ProgrammeSnapshot) => void;
  /** Server → national board, after a venue's change or freshness change, at most 10 per second per programme. */
  'programme:update': (update: ProgrammeUpdate) => void;
}
export interface ProgrammeClientToServerEvents {
  /** National board → server: ask for a fresh snapshot (after a `seq` gap). */
  'programme:resync': (ack: AckCallback<ProgrammeSnapshot>) => void;
}

export const NAMESPACES = { board: '/board', operator: '/operator', programme: '/programme' } as const;

export type { Ack };
