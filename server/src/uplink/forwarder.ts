import type { Logger } from 'pino';
import type { Db } from '../store/db.js';
import type { ChangeFeed } from '../ledger/feed/change-feed.js';
import { readConfig, readOutbox } from './outbox.js';
import type { UplinkAck, UplinkBatch } from './wire.js';
import type { UplinkStatus } from './central.js';

/** How the venue's uplink stands, as its console shows it. */
export type ForwarderState = {
  /** `up`: the central answers; `down`: it cannot be reached (retrying); `refused`: it refuses the token or the event (an organiser must act). */
  state: 'starting' | 'up' | 'down' | 'refused';
  url: string;
  eventId: string;
  centralEventId: string | null;
  ackedSeq: number;
  headSeq: number;
  behind: number;
  lastAckAt: string | null;
  lastError: { code: string; message: string } | null;
};

export type ForwarderOptions = { db: Db; feed?: ChangeFeed; logger: Logger; url: string; token: string; eventId: string; retryMaxMs: number; batchSize?: number; heartbeatMs?: number };

class Refused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const cursorKey = (eventId: string) => `uplink:${eventId}`;

/**
 * The venue's forwarder: reads its event's committed changes from its own ledger in `seq` order,
 * sends them to the central in batches, and keeps what the central acknowledged in its store, so a
 * restart of either side resumes there. It runs beside the intake and never in its way: tablets
 * and boards are answered by the venue's ledger alone; while the central cannot be reached, it
 * tries again with a growing wait (up to `retryMaxMs`).
 */
export class UplinkForwarder {
  private status: ForwarderState;
  private stopped = false;
  private wake: (() => void) | undefined;
  private sentConfig = '';
  private loop: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly opts: ForwarderOptions) {
    this.status = { state: 'starting', url: opts.url, eventId: opts.eventId, centralEventId: null, ackedSeq: 0, headSeq: 0, behind: 0, lastAckAt: null, lastError: null };
  }

  state(): ForwarderState {
    return { ...this.status };
  }

  start() {
    this.unsubscribe = this.opts.feed?.subscribe((change) => {
      if (change.eventId === this.opts.eventId) this.wake?.();
    });
    this.loop = this.run();
  }

  async stop() {
    this.stopped = true;
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
  }

  private async run() {
    const saved = await this.loadCursor();
    if (saved) Object.assign(this.status, saved);
    let wait = 250;
    while (!this.stopped) {
      try {
        const more = await this.step();
        wait = 250;
        if (!more) await this.sleep(this.opts.heartbeatMs ?? 2000, true);
      } catch (e) {
        this.failed(e);
        // Not woken by new changes: a central that is away is tried again only after the wait.
        await this.sleep(wait, false);
        wait = Math.min(wait * 2, this.opts.retryMaxMs);
      }
    }
  }

  /** One batch (or a heartbeat when there is nothing to send); whether more is waiting. */
  private async step(): Promise<boolean> {
    if (!this.status.centralEventId) await this.resume();
    const batchSize = this.opts.batchSize ?? 500;
    const out = await readOutbox(this.opts.db, this.opts.eventId, this.status.ackedSeq, batchSize);
    if (!out) throw new Refused(0, 'not_found', `This server has no event ${this.opts.eventId} (UPLINK_EVENT)`);
    const config = await readConfig(this.opts.db, this.opts.eventId);
    const fingerprint = JSON.stringify(config);
    const batch: UplinkBatch = { eventId: this.status.centralEventId!, ...out, ...(fingerprint !== this.sentConfig ? { config } : {}) };
    const ack = await this.call<UplinkAck>('POST', '/api/v1/uplink/changes', batch).catch((e: unknown) => {
      // Out of order: the central stands elsewhere than this venue thought (its acknowledgement was lost, say): ask it where.
      if (e instanceof Refused && e.status === 409) this.status.centralEventId = null;
      throw e;
    });
    // A batch with nothing new is only heard of (its settings not applied): they go again with the next one.
    if (batch.config && !ack.replayed && out.toSeq > out.fromSeq) this.sentConfig = fingerprint;
    const moved = ack.ackedSeq !== this.status.ackedSeq;
    Object.assign(this.status, { state: 'up', ackedSeq: ack.ackedSeq, headSeq: out.headSeq, behind: Math.max(0, out.headSeq - ack.ackedSeq), lastAckAt: new Date().toISOString(), lastError: null });
    if (moved) await this.saveCursor();
    return out.toSeq < out.headSeq || ack.ackedSeq < out.toSeq;
  }

  /** Ask the central which event the token is for and up to where it has applied. */
  private async resume() {
    const status = await this.call<UplinkStatus>('GET', '/api/v1/uplink/status');
    if (this.status.centralEventId && this.status.centralEventId !== status.eventId) this.sentConfig = '';
    Object.assign(this.status, { centralEventId: status.eventId, ackedSeq: status.ackedSeq });
    await this.saveCursor();
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(new URL(path, this.opts.url), {
      method,
      headers: { authorization: `Bearer ${this.opts.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const json = (await res.json().catch(() => ({}))) as T & { error?: { code: string; message: string } };
    if (!res.ok) throw new Refused(res.status, json.error?.code ?? 'http_' + res.status, json.error?.message ?? res.statusText);
    return json;
  }

  private failed(e: unknown) {
    const refused = e instanceof Refused && e.status >= 400 && e.status < 500 && e.status !== 409 && e.status !== 429;
    const lastError = e instanceof Refused ? { code: e.code, message: e.message } : { code: 'unreachable', message: e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e) };
    if (this.status.state !== (refused ? 'refused' : 'down') || this.status.lastError?.code !== lastError.code) {
      this.opts.logger.warn({ uplink: this.opts.url, error: lastError }, refused ? 'uplink refused by the central' : 'uplink: the central cannot be reached; the venue goes on, changes wait');
    }
    Object.assign(this.status, { state: refused ? 'refused' : 'down', lastError });
  }

  private sleep(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = wakeable ? done : () => this.stopped && done();
    });
  }

  private async loadCursor(): Promise<Pick<ForwarderState, 'ackedSeq' | 'centralEventId'> | undefined> {
    const row = await this.opts.db.selectFrom('meta').select('value').where('key', '=', cursorKey(this.opts.eventId)).executeTakeFirst();
    return row ? (JSON.parse(row.value) as Pick<ForwarderState, 'ackedSeq' | 'centralEventId'>) : undefined;
  }

  private async saveCursor() {
    const value = JSON.stringify({ ackedSeq: this.status.ackedSeq, centralEventId: this.status.centralEventId });
    await this.opts.db
      .insertInto('meta')
      .values({ key: cursorKey(this.opts.eventId), value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
}
