import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { Ack, DealInput, DealReceipt, OperatorSession } from '@dealboard/shared';
import { useOperatorStore } from './operator';
import { useOutboxStore } from './outbox';
import { memoryOutbox, type Outbox } from '../lib/outbox';
import type { OpenOperatorChannel, OperatorHandlers } from '../../socket/operator-channel';
import { STORAGE_KEYS } from '../../lib/storage';
import { demoEvent } from '../../test/fixtures';

const session: OperatorSession = {
  booth: { id: 'b1', eventId: 'demo', name: 'Stan Kalsel 1', delegationId: 'kalsel', delegationName: 'Kalsel' },
  event: demoEvent,
};

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The venue network: the session check may answer while deal posts fail, or everything may be down. */
function network(opts: { sessionStatus?: number; dealsUp?: boolean; limited?: number; notLive?: boolean } = {}) {
  const posts: DealInput[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const path = String(url);
    if (path.endsWith('/operator/session')) {
      return opts.sessionStatus === 401 ? json(401, { error: { code: 'unauthorized', message: 'revoked', pesan: 'dicabut' } }) : json(200, session);
    }
    if (!opts.dealsUp) throw new TypeError('Failed to fetch');
    if (opts.limited && opts.limited-- > 0) {
      return json(429, { error: { code: 'rate_limited', message: 'Too many deals from this booth; try again in 30 s', pesan: 'coba lagi dalam 30 detik', retryAfterMs: 1000 } });
    }
    if (opts.notLive) return json(409, { error: { code: 'event_not_live', message: 'The event is paused', pesan: 'Acara dijeda' } });
    const deal = JSON.parse(String(init?.body)) as DealInput;
    posts.push(deal);
    return json(201, { deal: { ...deal, status: 'recorded' }, duplicate: false, seq: posts.length });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, posts, opts };
}

/** A tablet socket the test switches on and off; it acknowledges every deal it gets. */
function tabletSocket() {
  let handlers: OperatorHandlers | undefined;
  let connected = false;
  const submitted: DealInput[] = [];
  const open: OpenOperatorChannel = (_token, h) => {
    handlers = h;
    return {
      get connected() {
        return connected;
      },
      async submit(deal): Promise<Ack<DealReceipt>> {
        submitted.push(deal);
        return { ok: true, data: { deal: { ...deal, status: 'recorded' }, duplicate: false, seq: 100 + submitted.length } as unknown as DealReceipt };
      },
      async boothDeals() {
        return { ok: true, data: { deals: [], total: 0, count: 0, selfVoidWindowMin: 10 } };
      },
      async voidDeal() {
        return { ok: false, error: { code: 'not_found', message: 'no such deal' } };
      },
      reconnect() {
        connected = true;
      },
      close() {
        connected = false;
      },
    };
  };
  return {
    open,
    submitted,
    connect() {
      connected = true;
      handlers?.status('connected');
    },
    /** The server cuts the tablet off on purpose (as after a revoke). */
    kick() {
      connected = false;
      handlers?.status('disconnected', 'io server disconnect');
    },
  };
}

const deal = (id: string, amount = 5_000_000): DealInput => ({ id, amount, category: 'peternakan', seller: 'UD Sapi', buyer: 'PT Banua', kind: 'trade' });
const ID_A = '11111111-1111-4111-8111-111111111111';

/** One page load: fresh stores over the same IndexedDB stand-in. */
async function loadPage(backend: Outbox, net: ReturnType<typeof network>, socket: ReturnType<typeof tabletSocket>) {
  setActivePinia(createPinia());
  const operator = useOperatorStore();
  const outbox = useOutboxStore();
  await outbox.init(backend);
  await operator.start({ open: socket.open, fetch: net.fetch });
  return { operator, outbox };
}

describe('tablet outbox', () => {
  beforeEach(() => {
    localStorage.clear();
    localStorage.setItem(STORAGE_KEYS.boothToken, 'booth-token-1');
  });

  it('keeps a deal that could not be sent, across a reload, and sends it once the socket is back', async () => {
    const backend = memoryOutbox();
    const offline = network();
    const first = await loadPage(backend, offline, tabletSocket());

    const outcome = await first.outbox.submit(deal(ID_A));
    expect(outcome.kind).toBe('unsent');
    expect(first.outbox.pendingCount).toBe(1);
    first.outbox.dispose();

    // The tablet is reloaded; the server comes back.
    const socket = tabletSocket();
    const second = await loadPage(backend, network(), socket);
    expect(second.outbox.entries.map((e) => [e.id, e.status])).toEqual([[ID_A, 'pending']]);

    socket.connect();
    await vi.waitFor(() => expect(second.outbox.entries[0]?.status).toBe('sent'));
    expect(socket.submitted.map((d) => d.id)).toEqual([ID_A]); // the same id: the server counts it once
    expect(second.outbox.pendingCount).toBe(0);
    expect((await backend.list())[0]?.status).toBe('sent');
    second.outbox.dispose();
  });

  it('falls back to HTTP when the socket is down but the server answers', async () => {
    const net = network({ dealsUp: true });
    const { outbox } = await loadPage(memoryOutbox(), net, tabletSocket());

    const outcome = await outbox.submit(deal(ID_A, 75_000_000));

    expect(outcome.kind).toBe('accepted');
    expect(net.posts.map((d) => d.amount)).toEqual([75_000_000]);
    expect(outbox.entries[0]?.status).toBe('sent');
    outbox.dispose();
  });

  it('explains a revoked token instead of showing the form', async () => {
    setActivePinia(createPinia());
    const operator = useOperatorStore();
    const socket = tabletSocket();
    const open = vi.fn(socket.open);
    await operator.start({ open, fetch: network({ sessionStatus: 401 }).fetch });

    expect(operator.state).toBe('unauthorized');
    expect(open).not.toHaveBeenCalled();
  });

  it('asks a tablet without a token to scan its QR code', async () => {
    localStorage.clear();
    setActivePinia(createPinia());
    const operator = useOperatorStore();
    await operator.start({ open: tabletSocket().open, fetch: network().fetch });
    expect(operator.state).toBe('no_token');
  });

  it('treats a rate limit as "later", not as a refusal, and tries again when the server said', async () => {
    const net = network({ dealsUp: true, limited: 1 });
    const { outbox } = await loadPage(memoryOutbox(), net, tabletSocket());

    const outcome = await outbox.submit(deal(ID_A));
    expect(outcome).toMatchObject({ kind: 'unsent', retryAfterMs: 1000 });
    expect(outbox.entries[0]?.status).toBe('pending');

    await vi.waitFor(() => expect(outbox.entries[0]?.status).toBe('sent'), { timeout: 3000 });
    expect(net.posts.map((d) => d.id)).toEqual([ID_A]);
    expect(outbox.lastConfirmedAt).toBeGreaterThan(0);
    outbox.dispose();
  });

  it('sends deals refused while the event was paused once it is live again', async () => {
    const net = network({ dealsUp: true, notLive: true });
    const { outbox } = await loadPage(memoryOutbox(), net, tabletSocket());
    await outbox.submit(deal(ID_A));
    expect(outbox.entries[0]).toMatchObject({ status: 'rejected', error: { code: 'event_not_live' } });

    net.opts.notLive = false;
    await outbox.retryNotLive();
    expect(outbox.entries[0]?.status).toBe('sent');
    expect(net.posts.map((d) => d.id)).toEqual([ID_A]);
    outbox.dispose();
  });

  it('explains a token revoked while the tablet was connected', async () => {
    const net = network();
    const socket = tabletSocket();
    const { operator, outbox } = await loadPage(memoryOutbox(), net, socket);
    socket.connect();
    expect(operator.link).toBe('connected');

    net.opts.sessionStatus = 401;
    socket.kick();
    await vi.waitFor(() => expect(operator.state).toBe('unauthorized'));
    outbox.dispose();
  });

  it('connects again when the server closed the connection but the token is still good', async () => {
    const socket = tabletSocket();
    const { operator, outbox } = await loadPage(memoryOutbox(), network(), socket);
    socket.connect();
    socket.kick();
    await vi.waitFor(() => expect(operator.route('booth-token-1', 'demo').channel?.connected).toBe(true));
    expect(operator.state).toBe('ready');
    outbox.dispose();
  });

  it('forgets the booth on sign-out but keeps its unsent deals', async () => {
    const backend = memoryOutbox();
    const { operator, outbox } = await loadPage(backend, network(), tabletSocket());
    await outbox.submit(deal(ID_A));

    operator.signOut();
    expect(operator.state).toBe('no_token');
    expect(localStorage.getItem(STORAGE_KEYS.boothToken)).toBeNull();
    expect(localStorage.getItem(STORAGE_KEYS.boothSession)).toBeNull();
    expect((await backend.list()).map((e) => [e.id, e.status, e.token])).toEqual([[ID_A, 'pending', 'booth-token-1']]);
    outbox.dispose();
  });
});
