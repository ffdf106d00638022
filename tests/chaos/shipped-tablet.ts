import { createPinia } from 'pinia';
import type { DealInput } from '@dealboard/shared';
import { fetchFrom } from './client-env.js';
import { idbOutbox } from '../../client/src/operator/lib/outbox.js';
import { useOperatorStore } from '../../client/src/operator/stores/operator.js';
import { useOutboxStore } from '../../client/src/operator/stores/outbox.js';
import { openOperatorChannel } from '../../client/src/socket/operator-channel.js';
import { between, pick, uuidFrom, type Rng } from './random.js';
import { Link } from './timers.js';

/** What a tablet reports to the run. */
export interface TabletHost {
  readonly seed: number;
  fail(message: string): void;
  recordCreated(id: string, amount: number): void;
  recordAck(id: string, duplicate: boolean, latencyMs: number, transport: 'socket' | 'http'): void;
  countHttp(): void;
  later(ms: number, fn: () => void): void;
}

/** Nothing listens here: a tablet whose socket cannot get through (a venue proxy that blocks it) sends over HTTP. */
const BLOCKED = 'http://127.0.0.1:9';

/**
 * A booth tablet made of the shipped code: the operator store (session, socket, HTTP
 * fallback) and the outbox store over IndexedDB, in a Pinia of its own. The harness only
 * types deals in, drops the connection now and then, and reads what the outbox holds.
 */
export class ShippedTablet {
  private readonly pinia = createPinia();
  readonly op = useOperatorStore(this.pinia);
  readonly outbox = useOutboxStore(this.pinia);
  created = 0;
  /** The tablet's link: a drop closes the store's socket, which opens a new one after the pause. */
  readonly link: Link;
  private n = 0;
  private readonly seen = new Set<string>();
  private readonly deps: Parameters<ReturnType<typeof useOperatorStore>['start']>[0];

  constructor(
    private readonly run: TabletHost,
    readonly index: number,
    url: string,
    token: string,
    private readonly dealRng: Rng,
    readonly transport: 'socket' | 'http',
  ) {
    const base = transport === 'socket' ? url : BLOCKED;
    this.deps = {
      open: (t, handlers) => openOperatorChannel(t, handlers, base),
      fetch: fetchFrom(url, (path, init) => {
        if (init?.method === 'POST' && path.endsWith('/deals')) run.countHttp();
      }),
    };
    this.link = new Link((ms, fn) => run.later(ms, fn), () => this.op.stop(), () => void this.op.start(this.deps));
    this.op.setToken(token);
  }

  async start(): Promise<void> {
    await this.outbox.init(await idbOutbox(`chaos-${this.run.seed}-tablet-${this.index}`));
    await this.op.start(this.deps);
  }

  /** Signed in (session known) and, for a socket tablet, connected. */
  get ready(): boolean {
    return this.op.state === 'ready' && (this.transport === 'http' || this.op.link === 'connected');
  }

  get pending(): number {
    return this.outbox.pendingCount;
  }

  /** A deal is typed in: the outbox makes it durable on the tablet, then sends it. */
  createDeal(categories: readonly string[], delegations: readonly string[]): void {
    const rng = this.dealRng;
    this.n++;
    // Mostly round amounts like real deals, some odd ones so an off-by-a-rupiah shows.
    const amount = rng() < 0.7 ? between(rng, 1, 5000) * 1_000_000 : between(rng, 1, 9_999_999_999);
    const deal: DealInput = {
      id: uuidFrom(rng),
      amount,
      category: pick(rng, categories),
      seller: `UMKM Tablet ${this.index} no. ${this.n}`,
      buyer: pick(rng, ['CV Sumber Rejeki', 'PT Banua Makmur', 'Koperasi Barito', 'UD Sapi Madura']),
      kind: rng() < 0.85 ? 'trade' : 'investment',
      createdAt: new Date().toISOString(),
    };
    if (rng() < 0.5) deal.buyerDelegation = pick(rng, delegations);
    if (rng() < 0.3) {
      deal.quantity = between(rng, 1, 500);
      deal.unit = pick(rng, ['ton', 'ekor', 'kg', 'unit']);
    }
    if (rng() < 0.2) deal.note = `catatan ${this.n}`;
    this.created++;
    this.run.recordCreated(deal.id, amount);
    void this.outbox.submit(deal).then((outcome) => {
      if (outcome.kind === 'unsent' && outcome.reason === 'no session') this.run.fail(`tablet ${this.index}: deal ${deal.id} not kept (no session)`);
    });
  }

  /** Read what the outbox now holds as sent or refused (each deal once). */
  collect(): void {
    for (const e of this.outbox.entries) {
      if (this.seen.has(e.id) || e.status === 'pending') continue;
      this.seen.add(e.id);
      if (e.status === 'rejected') {
        this.run.fail(`tablet ${this.index}: deal ${e.id} refused with ${e.error?.code}: ${e.error?.message}`);
        continue;
      }
      this.run.recordAck(e.id, e.duplicate === true, (e.confirmedAt ?? Date.now()) - e.createdAt, this.transport);
    }
  }


  close(): void {
    this.outbox.dispose();
    this.op.stop();
  }
}
