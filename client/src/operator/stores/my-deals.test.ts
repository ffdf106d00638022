import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { Deal, DealInput } from '@dealboard/shared';
import { median, useMyDealsStore } from './my-deals';
import { useOutboxStore } from './outbox';
import { useOperatorStore } from './operator';
import { NetworkError } from '../../socket/api';
import { STORAGE_KEYS } from '../../lib/storage';
import type { OutboxEntry } from '../lib/outbox';

const TOKEN = 'booth-token-1';

function serverDeal(id: string, amount: number, status: Deal['status'] = 'recorded', seller = 'UD Sapi Makmur'): Deal {
  const at = '2026-04-13T01:30:00.000Z';
  return {
    id, eventId: 'demo', boothId: 'b1', amount, categoryId: 'peternakan', kind: 'trade', seller, buyer: 'PT Banua', sellerDelegationId: 'kalsel',
    buyerDelegationId: null, quantity: null, unit: null, note: null, createdAt: at, recordedAt: at, seq: 1, status, voidReason: null, voidedAt: null, voidedBy: null,
  };
}

function entry(id: string, amount: number, status: OutboxEntry['status'], seller = 'Kelompok Tani'): OutboxEntry {
  const deal: DealInput = { id, amount, category: 'peternakan', seller, buyer: 'Toko Makmur', kind: 'trade' };
  return { id, deal, token: TOKEN, eventId: 'demo', status, createdAt: Date.parse('2026-04-13T02:00:00Z') };
}

describe('my deals store', () => {
  beforeEach(() => {
    localStorage.clear();
    localStorage.setItem(STORAGE_KEYS.boothToken, TOKEN);
    setActivePinia(createPinia());
  });

  it('takes the median', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([1, 2, 3, 10])).toBe(3); // (2 + 3) / 2, rounded to whole rupiah
  });

  it('knows the typical deal only from three recorded deals on (voided and unapproved ones do not count)', () => {
    const store = useMyDealsStore();
    store.server = { deals: [serverDeal('a', 4_000_000), serverDeal('b', 6_000_000), serverDeal('c', 900_000_000, 'voided'), serverDeal('d', 500_000_000, 'pending')], total: 10_000_000, count: 2, selfVoidWindowMin: 10 };
    expect(store.typicalAmount).toBeNull();

    store.server = { ...store.server, deals: [...store.server.deals, serverDeal('e', 5_000_000)] };
    expect(store.typicalAmount).toBe(5_000_000);
  });

  it('shows a deal still in the outbox once, and the server’s state once it has it', () => {
    const outbox = useOutboxStore();
    outbox.entries = [entry('x', 3_000_000, 'pending'), entry('a', 4_000_000, 'sent', 'UD Sapi Makmur')];
    const store = useMyDealsStore();
    store.server = { deals: [serverDeal('a', 4_000_000, 'voided')], total: 0, count: 0, selfVoidWindowMin: 10 };

    expect(store.rows.map((r) => [r.id, r.state])).toEqual([
      ['x', 'outbox'],
      ['a', 'voided'],
    ]);
    expect(store.sellers).toEqual(['Kelompok Tani', 'UD Sapi Makmur']);
  });

  it('after a void shows the booth total the server reports, and keeps the last one while the server is out of reach', async () => {
    const store = useMyDealsStore();
    const op = useOperatorStore();
    store.server = { deals: [serverDeal('a', 4_000_000), serverDeal('b', 6_000_000)], total: 10_000_000, count: 2, selfVoidWindowMin: 10 };
    const voided = { ...serverDeal('a', 4_000_000, 'voided'), voidReason: 'salah ketik' };
    op.voidDeal = async () => ({ ok: true, data: { deal: voided, seq: 3 } });
    // The server's figures after the void (another organiser's approval landed meanwhile).
    op.boothDeals = async () => ({ ok: true, data: { deals: [voided, serverDeal('b', 6_000_000), serverDeal('c', 2_000_000)], total: 8_000_000, count: 2, selfVoidWindowMin: 10 } });

    expect(await store.voidDeal('a', 'salah ketik')).toEqual({ kind: 'voided' });
    expect([store.total, store.count]).toEqual([8_000_000, 2]);

    op.voidDeal = async () => ({ ok: true, data: { deal: { ...serverDeal('b', 6_000_000, 'voided'), voidReason: 'dobel' }, seq: 4 } });
    op.boothDeals = async () => Promise.reject(new NetworkError('not connected'));
    expect(await store.voidDeal('b', 'dobel')).toEqual({ kind: 'voided' });
    expect(store.rows.find((r) => r.id === 'b')?.state).toBe('voided');
    expect([store.total, store.count]).toEqual([8_000_000, 2]);
  });
});
