import { io as ioClient } from 'socket.io-client';
import type { Ack, BoardSnapshot, BoardUpdate, DealReceipt } from '@dealboard/shared';
import { operatorSocket, uuid, type BoardSocket, type OperatorSocket } from './server.js';

type Deal = { id: string; amount: number; category: string; seller: string; buyer: string };

/**
 * A tablet of the cluster tests: makes deals and sends each one until a node
 * acknowledges it, moving to the next node whenever one does not answer (as a
 * tablet behind a load balancer does when its node dies). HTTP or socket.
 */
export class ClusterTablet {
  readonly acked = new Map<string, number>();
  private socket: OperatorSocket | undefined;
  private node: number;
  private stopped = false;
  /** Every ack this tablet got, for the "nothing acked that was not committed" check. */
  acks = 0;

  constructor(
    private readonly nodes: () => string[],
    private readonly eventId: string,
    private readonly token: string,
    private readonly category: string,
    private readonly via: 'http' | 'socket',
    start: number,
  ) {
    this.node = start;
  }

  /** Make and send deals every `everyMs` until `stop()`; resolves once every deal made is acked. */
  async run(everyMs: number): Promise<void> {
    while (!this.stopped) {
      const deal: Deal = { id: uuid(), amount: 1_000 + Math.floor(Math.random() * 9_000_000), category: this.category, seller: 'UMKM Klaster', buyer: 'PT Banua' };
      await this.sendUntilAcked(deal);
      await new Promise((r) => setTimeout(r, everyMs));
    }
    this.socket?.disconnect();
  }

  stop() {
    this.stopped = true;
  }

  private async sendUntilAcked(deal: Deal) {
    for (;;) {
      const base = this.nodes()[this.node % this.nodes().length]!;
      const ok = this.via === 'http' ? await this.http(base, deal) : await this.viaSocket(base, deal);
      if (ok) {
        this.acked.set(deal.id, deal.amount);
        this.acks++;
        return;
      }
      this.node++;
      this.socket?.disconnect();
      this.socket = undefined;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private async http(base: string, deal: Deal): Promise<boolean> {
    try {
      const r = await fetch(`${base}/api/v1/events/${this.eventId}/deals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify(deal),
        signal: AbortSignal.timeout(5_000),
      });
      await r.text();
      return r.status === 200 || r.status === 201;
    } catch {
      return false;
    }
  }

  private async viaSocket(base: string, deal: Deal): Promise<boolean> {
    this.socket ??= operatorSocket(base, this.token);
    try {
      const ack = (await this.socket.timeout(5_000).emitWithAck('deal:submit', deal)) as Ack<DealReceipt>;
      return ack.ok;
    } catch {
      return false;
    }
  }
}

/** A board that follows the latest total it was sent, reconnecting to its node when it comes back. */
export class ClusterBoard {
  total = -1;
  seq = -1;
  readonly socket: BoardSocket;

  constructor(base: string, eventId: string) {
    this.socket = ioClient(`${base}/board`, { auth: { eventId }, transports: ['websocket'], forceNew: true, reconnectionDelay: 200, reconnectionDelayMax: 500 }) as BoardSocket;
    this.socket.on('board:snapshot', (s: BoardSnapshot) => this.take(s.seq, s.total));
    this.socket.on('board:update', (u: BoardUpdate) => {
      // A gap means a missed update: ask for a snapshot, as the board page does.
      if (u.fromSeq > this.seq && this.seq >= 0) {
        this.socket.emit('board:resync', (a: Ack<BoardSnapshot>) => a.ok && this.take(a.data.seq, a.data.total));
      }
      this.take(u.seq, u.total);
    });
  }

  private take(seq: number, total: number) {
    if (seq < this.seq) return;
    this.seq = seq;
    this.total = total;
  }
}
