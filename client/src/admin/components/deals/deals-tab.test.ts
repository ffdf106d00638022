import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import type { Deal } from '@dealboard/shared';
import DealsTab from './deals-tab.vue';
import { fakeServer, openConsole } from '../../test/harness';
import { demoEvent, totals } from '../../../test/fixtures';
import type { LiveHandlers } from '../../lib/live-channel';

const live = vi.hoisted(() => ({ handlers: null as LiveHandlers | null, closed: 0 }));
vi.mock('../../lib/live-channel', () => ({
  CONSOLE_LAYOUT: 'console',
  openLiveChannel: (_eventId: string, handlers: LiveHandlers) => {
    live.handlers = handlers;
    handlers.status('connected');
    return { close: () => live.closed++ };
  },
}));

const deal = (seq: number, over: Partial<Deal> = {}): Deal => ({
  id: `d${seq}`,
  eventId: 'demo',
  boothId: 'b1',
  amount: 25_000_000,
  categoryId: 'peternakan',
  kind: 'trade',
  seller: 'CV Sapi Makmur',
  buyer: 'PT Surya Pangan',
  sellerDelegationId: 'kalsel',
  buyerDelegationId: 'jatim',
  quantity: null,
  unit: null,
  note: null,
  createdAt: '2026-04-13T01:30:00Z',
  recordedAt: '2026-04-13T01:30:05Z',
  seq,
  status: 'recorded',
  voidReason: null,
  voidedAt: null,
  voidedBy: null,
  ...over,
});

let ledger: Deal[];
function server() {
  return fakeServer({
    'GET /events/demo/deals': ({ query }) => {
      const status = query.get('status');
      const list = ledger.filter((d) => !status || d.status === status).sort((a, b) => b.seq - a.seq);
      return { body: { deals: list, matched: list.length } };
    },
    'GET /events/demo/totals': () => {
      const pending = ledger.filter((d) => d.status === 'pending');
      const counted = ledger.filter((d) => d.status === 'recorded');
      return { body: { ...totals(ledger.length, counted.reduce((s, d) => s + d.amount, 0), counted.length), pending: { count: pending.length, total: pending.reduce((s, d) => s + d.amount, 0) } } };
    },
    'GET /events/demo/booths': { body: { booths: [{ id: 'b1', name: 'Stan Kalsel 1', delegationId: 'kalsel', delegationName: 'Kalsel', revoked: false, createdAt: '', deals: 1, total: 0 }] } },
    'POST /events/demo/deals/d1/void': ({ body }) => {
      ledger = ledger.map((d) => (d.id === 'd1' ? { ...d, status: 'voided', voidReason: (body as { reason: string }).reason, voidedAt: '2026-04-13T02:00:00Z' } : d));
      return { body: {} };
    },
    'POST /events/demo/deals/d2/approve': () => {
      ledger = ledger.map((d) => (d.id === 'd2' ? { ...d, status: 'recorded' } : d));
      return { body: {} };
    },
  });
}

beforeEach(() => {
  ledger = [deal(1)];
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('deal table', () => {
  it('shows deals in Rupiah with times in the event zone, and the booth by name', async () => {
    server();
    const w = await openConsole(DealsTab, { event: demoEvent });
    const row = w.get('[data-testid="deal-row-d1"]').text();
    // 01:30:05Z is 09.30.05 in WITA.
    for (const shown of ['Rp25.000.000', '09.30.05', 'Stan Kalsel 1']) expect(row).toContain(shown);
    expect(w.get('[data-testid="live-status"]').text()).toContain('Langsung');
  });

  it('voids a deal only with a reason', async () => {
    const s = server();
    const w = await openConsole(DealsTab, { event: demoEvent });
    await w.get('[data-testid="deal-void"]').trigger('click');
    await w.get('[data-testid="confirm-ok"]').trigger('click');
    expect(w.get('[data-testid="confirm-dialog"]').text()).toContain('Tulis alasannya.');
    expect(s.sent('POST', '/events/demo/deals/d1/void')).toHaveLength(0);

    await w.get('[data-testid="confirm-reason"]').setValue('Salah ketik jumlah');
    await w.get('[data-testid="confirm-ok"]').trigger('click');
    await flushPromises();
    expect(s.sent('POST', '/events/demo/deals/d1/void')[0]?.body).toEqual({ reason: 'Salah ketik jumlah' });
    expect(w.get('[data-testid="deal-status"]').text()).toBe('Dibatalkan');
    expect(w.get('[data-testid="deal-void-reason"]').text()).toContain('Salah ketik jumlah');
    expect(w.find('[data-testid="deal-restore"]').exists()).toBe(true);
  });

  it('names the void dialog\'s buttons by what they do and keeps the void apart from the way out', async () => {
    server();
    const w = await openConsole(DealsTab, { event: demoEvent });
    await w.get('[data-testid="deal-void"]').trigger('click');
    const close = w.get('[data-testid="confirm-cancel"]');
    const ok = w.get('[data-testid="confirm-ok"]');
    expect(ok.text()).toBe('Batalkan transaksi');
    expect(close.text()).toBe('Tutup, biarkan tercatat');
    // Neither reads like the other ("Batal" beside "Batalkan" did), and the way out is pushed to the far side.
    expect(close.text()).not.toMatch(/^Batal/);
    expect(close.classes()).toContain('apart');
  });

  it('refetches once, half a second after a burst of live updates', async () => {
    vi.useFakeTimers();
    const s = server();
    const w = await openConsole(DealsTab, { event: demoEvent });
    const before = s.sent('GET', '/events/demo/deals').length;
    ledger = [...ledger, deal(2, { seller: 'UD Rotan Banua', amount: 7_500_000 })];
    live.handlers?.changed();
    live.handlers?.changed();
    live.handlers?.changed();
    await vi.advanceTimersByTimeAsync(499);
    expect(s.sent('GET', '/events/demo/deals').length).toBe(before);
    await vi.advanceTimersByTimeAsync(10);
    await flushPromises();
    // One refresh = the table page and the pending list.
    expect(s.sent('GET', '/events/demo/deals').length).toBe(before + 2);
    expect(w.text()).toContain('UD Rotan Banua');
  });

  it('shows what waits for approval and approves it after a confirmation', async () => {
    ledger = [deal(1), deal(2, { status: 'pending', amount: 750_000_000, seller: 'PT Kayu Manis' })];
    const s = server();
    const w = await openConsole(DealsTab, { event: demoEvent });
    const panel = w.get('[data-testid="pending-panel"]');
    expect(panel.text()).toContain('1 transaksi · Rp750.000.000 belum dihitung');
    await panel.get('[data-testid="pending-approve"]').trigger('click');
    await w.get('[data-testid="confirm-ok"]').trigger('click');
    await flushPromises();
    expect(s.sent('POST', '/events/demo/deals/d2/approve')).toHaveLength(1);
    expect(w.find('[data-testid="pending-panel"]').exists()).toBe(false);
    expect(w.get('[data-testid="deals-total"]').text()).toBe('Rp775.000.000');
  });

  it('closes the live connection when the tab closes', async () => {
    server();
    const closed = live.closed;
    const w = await openConsole(DealsTab, { event: demoEvent });
    w.unmount();
    expect(live.closed).toBe(closed + 1);
  });
});
