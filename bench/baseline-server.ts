/**
 * The bare baseline the bench compares our server with, in the same run:
 * a Socket.IO server with the same engine options doing the same coalesced
 * room broadcast with the smallest payload a board can live on (`{seq, fromSeq,
 * total, count}`; ours carries the changed rows and a few deals besides), and
 * a bare Express JSON endpoint. No validation, no auth, no storage: a deal is
 * added to in-memory sums and acknowledged at once.
 *
 * Env: PORT, HOST (default 127.0.0.1), BOARD_UPDATE_INTERVAL_MS (default 100), SEQ_BASE (default 0:
 * where its `seq` starts; the cluster bench's `--bare` gives each node its own), BARE_DATABASE_URL
 * (the cluster bench's `--bare=commit`: each deal is committed to PostgreSQL before its ack, with
 * `bench/lib/bare-commit.ts`).
 */
import http from 'node:http';
import express from 'express';
import { Server, type Namespace } from 'socket.io';
import { bareCommit } from './lib/bare-commit.js';

const PORT = Number(process.env.PORT ?? 0);
const HOST = process.env.HOST ?? '127.0.0.1';
const INTERVAL_MS = Number(process.env.BOARD_UPDATE_INTERVAL_MS ?? 100);
const SEQ_BASE = Number(process.env.SEQ_BASE ?? 0);
const commit = process.env.BARE_DATABASE_URL ? bareCommit(process.env.BARE_DATABASE_URL) : undefined;

type Sum = { total: number; count: number };
type BoardDeal = { id: string; amount: number; categoryId: string; kind: string; seller: string; boothId: string; recordedAt: string; status: 'recorded' };

/** In-memory totals of one event, shaped like the contract's Totals. */
class EventState {
  seq = SEQ_BASE;
  total = 0;
  count = 0;
  sellers = new Set<string>();
  byKind = { trade: { total: 0, count: 0 }, investment: { total: 0, count: 0 } };
  byCategory = new Map<string, Sum>();
  byBooth = new Map<string, Sum>();
  byFlow = new Map<string, Sum & { from: string; to: string | null }>();
  recent: BoardDeal[] = [];
  coalescer: Coalescer;
  constructor(
    readonly eventId: string,
    nsp: Namespace,
  ) {
    this.coalescer = new Coalescer(nsp, eventId, this);
  }

  record(boothId: string, body: Record<string, unknown>) {
    const amount = Number(body.amount) || 0;
    const kind = body.kind === 'investment' ? 'investment' : 'trade';
    const now = new Date().toISOString();
    this.seq++;
    this.total += amount;
    this.count++;
    this.sellers.add(String(body.seller).toLowerCase());
    this.byKind[kind].total += amount;
    this.byKind[kind].count++;
    add(this.byCategory, String(body.category), amount);
    add(this.byBooth, boothId, amount);
    const to = body.buyerDelegation ? String(body.buyerDelegation) : null;
    const fk = `d\u0000${to}`;
    const f = this.byFlow.get(fk) ?? { from: 'd', to, total: 0, count: 0 };
    f.total += amount;
    f.count++;
    this.byFlow.set(fk, f);
    const deal = {
      id: String(body.id),
      eventId: this.eventId,
      boothId,
      amount,
      categoryId: String(body.category),
      kind,
      seller: String(body.seller),
      buyer: String(body.buyer),
      sellerDelegationId: 'd',
      buyerDelegationId: to,
      quantity: body.quantity ?? null,
      unit: body.unit ?? null,
      note: body.note ?? null,
      createdAt: now,
      recordedAt: now,
      seq: this.seq,
      status: 'recorded' as const,
      voidReason: null,
      voidedAt: null,
      voidedBy: null,
    };
    const bd: BoardDeal = { id: deal.id, amount, categoryId: deal.categoryId, kind, seller: deal.seller, boothId, recordedAt: now, status: 'recorded' };
    this.recent.unshift(bd);
    if (this.recent.length > 20) this.recent.length = 20;
    this.coalescer.push();
    return { deal, duplicate: false, seq: this.seq };
  }

  totals() {
    const desc = (a: Sum, b: Sum) => b.total - a.total;
    return {
      eventId: this.eventId,
      seq: this.seq,
      total: this.total,
      count: this.count,
      target: 100_000_000_000_000,
      sellers: this.sellers.size,
      voided: 0,
      pending: { total: 0, count: 0 },
      countedKinds: ['trade', 'investment'],
      byKind: this.byKind,
      byCategory: [...this.byCategory].map(([categoryId, s]) => ({ categoryId, ...s })).sort(desc),
      byBooth: [...this.byBooth].map(([boothId, s]) => ({ boothId, ...s })).sort(desc),
      byFlow: [...this.byFlow.values()].sort(desc),
      updatedAt: new Date().toISOString(),
    };
  }
}

function add(map: Map<string, Sum>, key: string, amount: number) {
  const s = map.get(key) ?? { total: 0, count: 0 };
  s.total += amount;
  s.count++;
  map.set(key, s);
}

/** The same rule as the server's: first change of a quiet period at once, then at most one update per interval. */
class Coalescer {
  private lastSentAt = 0;
  private lastSentSeq = SEQ_BASE;
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  constructor(
    private readonly nsp: Namespace,
    private readonly eventId: string,
    private readonly state: EventState,
  ) {}
  push() {
    this.dirty = true;
    if (this.timer) return;
    const wait = this.lastSentAt + INTERVAL_MS - Date.now();
    if (wait <= 0) this.send();
    else this.timer = setTimeout(() => this.send(), wait);
  }
  private send() {
    this.timer = undefined;
    if (!this.dirty) return;
    // The bare minimum a board needs: `{seq, total, count}` (and `fromSeq` for the seq chain).
    const { seq, total, count } = this.state;
    this.nsp.to(`event:${this.eventId}`).emit('board:update', { seq, fromSeq: this.lastSentSeq, total, count });
    this.lastSentSeq = seq;
    this.lastSentAt = Date.now();
    this.dirty = false;
  }
}

const app = express();
const server = http.createServer(app);
const io = new Server(server, { serveClient: false, maxHttpBufferSize: 16 * 1024, perMessageDeflate: false, httpCompression: false });
const boards = io.of('/board');
const events = new Map<string, EventState>();
const stateOf = (eventId: string) => {
  let s = events.get(eventId);
  if (!s) events.set(eventId, (s = new EventState(eventId, boards)));
  return s;
};
const boothOf = (token: string) => `b-${token.slice(0, 8)}`;

app.use(express.json({ limit: '16kb' }));
app.get('/api/v1/health', (_req, res) => {
  res.json({ status: 'ok' });
});
app.post('/api/v1/events/:eventId/deals', (req, res) => {
  const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
  res.status(201).json(stateOf(req.params.eventId).record(boothOf(token), req.body ?? {}));
});
app.get('/api/v1/events/:eventId/totals', (req, res) => {
  res.json(stateOf(req.params.eventId).totals());
});

boards.on('connection', (socket) => {
  const eventId = String((socket.handshake.auth as { eventId?: unknown }).eventId);
  void socket.join(`event:${eventId}`);
  const s = stateOf(eventId);
  socket.emit('board:snapshot', { ...s.totals(), event: { id: eventId }, recent: s.recent });
});
io.of('/operator').on('connection', (socket) => {
  const token = String((socket.handshake.auth as { token?: unknown }).token ?? '');
  const boothId = boothOf(token);
  socket.on('deal:submit', (payload: Record<string, unknown>, ack: unknown) => {
    if (typeof ack !== 'function') return;
    // The server also knows the event from the booth token; the bench puts it in the token's prefix.
    const eventId = token.split('.')[0] ?? 'bench';
    if (!commit) return ack({ ok: true, data: stateOf(eventId).record(boothId, payload) });
    commit(String(payload.id), Number(payload.amount) || 0).then(
      () => ack({ ok: true, data: stateOf(eventId).record(boothId, payload) }),
      (e: Error) => ack({ ok: false, error: { code: 'store_unavailable', message: e.message } }),
    );
  });
});

server.listen(PORT, HOST, () => {
  const addr = server.address() as { port: number };
  console.log(`Baseline listening on http://${HOST}:${addr.port}`);
});
const stop = () => {
  io.close();
  server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
