import client from 'prom-client';
import type { Server } from 'socket.io';
import { NAMESPACES } from '@dealboard/shared';
import type { Ledger } from '../ledger/batch/ledger.js';

/** Seconds: an ack is due within 25 ms at 200 deals/s; the upper buckets catch a stalled disk. */
const ACK_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * The server's Prometheus metrics, in a registry of its own (several servers may share a
 * process in tests). Counters that other modules already keep (the ledger's commits, the
 * board fan-out's bytes, the sockets Socket.IO holds) are read at scrape time, so the hot
 * paths pay nothing for them.
 */
export class Metrics {
  readonly registry = new client.Registry();
  private readonly accepted = new client.Counter({ name: 'dealboard_deals_accepted_total', help: 'Deals acknowledged as stored; duplicate="true" for a resend of a stored deal', labelNames: ['duplicate'] as const, registers: [this.registry] });
  private readonly refused = new client.Counter({ name: 'dealboard_deals_refused_total', help: 'Deals refused, by error code (validation_failed, rate_limited, conflict, event_not_live, …)', labelNames: ['reason'] as const, registers: [this.registry] });
  private readonly ackLatency = new client.Histogram({ name: 'dealboard_deal_ack_seconds', help: 'Time from a deal reaching the server to its acknowledgement (after the durable commit)', buckets: ACK_BUCKETS, registers: [this.registry] });
  private readonly storeErrors = new client.Counter({ name: 'dealboard_store_errors_total', help: 'Store operations that failed (a deal not committed because the store answered with an error)', registers: [this.registry] });

  private io?: Server;

  /** `fanout`: the board fan-out's running counts (kept by realtime/, handed in by the app). */
  constructor(ledger: Ledger, fanout: Readonly<{ frames: number; bytes: number }>) {
    const registers = [this.registry];
    const sockets = (nsp: string) => this.io?.of(nsp).sockets.size ?? 0;
    client.collectDefaultMetrics({ register: this.registry });
    new client.Gauge({ name: 'dealboard_board_sockets', help: 'Board sockets connected to this server', registers, collect() {
      this.set(sockets(NAMESPACES.board));
    } });
    new client.Gauge({ name: 'dealboard_tablet_sockets', help: 'Booth tablet (operator) sockets connected to this server', registers, collect() {
      this.set(sockets(NAMESPACES.operator));
    } });
    new client.Counter({ name: 'dealboard_group_commits_total', help: 'Group commits of the ledger (one fsync each)', registers, collect() {
      setCounter(this, ledger.stats.commits);
    } });
    new client.Counter({ name: 'dealboard_group_commit_deals_total', help: 'Deals written by group commits; divided by dealboard_group_commits_total it is the mean group-commit size', registers, collect() {
      setCounter(this, ledger.stats.deals);
    } });
    new client.Counter({ name: 'dealboard_board_updates_sent_total', help: 'Board updates written to board sockets (one per board per update)', registers, collect() {
      setCounter(this, fanout.frames);
    } });
    new client.Counter({ name: 'dealboard_board_update_bytes_sent_total', help: 'Bytes of board updates written to board sockets (WebSocket frames)', registers, collect() {
      setCounter(this, fanout.bytes);
    } });
  }

  /** The Socket.IO server whose sockets the gauges count (made after the intake). */
  attach(io: Server): void {
    this.io = io;
  }

  /** Start timing one deal; call the result with how it ended. */
  startDeal(): (outcome: { duplicate: boolean } | { refused: string } | { storeError: true }) => void {
    const end = this.ackLatency.startTimer();
    return (outcome) => {
      end();
      if ('duplicate' in outcome) this.accepted.inc({ duplicate: String(outcome.duplicate) });
      else if ('refused' in outcome) this.refused.inc({ reason: outcome.refused });
      else {
        this.storeErrors.inc();
        this.refused.inc({ reason: 'internal' });
      }
    };
  }

  /** A deal turned away before it reached the intake (no valid booth token, body too large). */
  refusedAtTheDoor(reason: string): void {
    this.refused.inc({ reason });
  }

  /** The Prometheus text exposition. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** A counter that mirrors a running total kept elsewhere (it only ever grows). */
function setCounter(counter: client.Counter, total: number) {
  counter.reset();
  counter.inc(total);
}
