import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import type { Deal } from '@dealboard/shared';
import MyDeals from './my-deals.vue';
import { createAppI18n } from '../../i18n';
import type { MyDealRow, VoidOutcome } from '../stores/my-deals';
import { demoEvent } from '../../test/fixtures';

const MIN = 60_000;

function stored(id: string, amount: number, minutesAgo: number, status: Deal['status'] = 'recorded'): MyDealRow {
  const at = new Date(Date.now() - minutesAgo * MIN).toISOString();
  const deal = {
    id,
    eventId: 'demo',
    boothId: 'b1',
    amount,
    categoryId: 'peternakan',
    kind: 'trade',
    seller: 'UD Sapi Makmur',
    buyer: 'PT Banua Pangan',
    sellerDelegationId: 'kalsel',
    buyerDelegationId: 'jatim',
    quantity: null,
    unit: null,
    note: null,
    createdAt: at,
    recordedAt: at,
    seq: 1,
    status,
    voidReason: status === 'voided' ? 'salah ketik' : null,
    voidedAt: null,
    voidedBy: null,
  } satisfies Deal;
  return { id, amount, seller: deal.seller, buyer: deal.buyer, categoryId: deal.categoryId, kind: 'trade', at: Date.parse(at), state: status, deal };
}

const waiting: MyDealRow = { id: 'w1', amount: 3_000_000, seller: 'UD Sapi Makmur', buyer: 'PT Banua Pangan', categoryId: 'peternakan', kind: 'trade', at: Date.now(), state: 'outbox' };

function mountList(rows: MyDealRow[], voidDeal: (id: string, reason: string) => Promise<VoidOutcome> = async () => ({ kind: 'voided' })) {
  return mount(MyDeals, {
    props: { event: demoEvent, rows, total: 80_000_000, count: 2, windowMin: 10, voidDeal },
    global: { plugins: [createAppI18n('id')] },
    attachTo: document.body,
  });
}

describe('my deals on the tablet', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('lists each deal with its state and the booth’s total', () => {
    const w = mountList([waiting, stored('a', 50_000_000, 1), stored('b', 30_000_000, 2, 'pending'), stored('c', 9_000_000, 3, 'voided')]);

    expect(w.get('[data-testid="booth-total"]').text()).toBe('Rp80.000.000');
    const states = w.findAll('[data-testid="my-deal"]').map((r) => r.attributes('data-state'));
    expect(states).toEqual(['outbox', 'recorded', 'pending', 'voided']);
    expect(w.text()).toContain('Menunggu dikirim');
    expect(w.text()).toContain('Menunggu persetujuan');
    expect(w.text()).toContain('Dibatalkan: salah ketik');
    expect(w.text()).toContain('1 transaksi masih di tablet — belum masuk total');
    // Nothing to correct on a deal the server does not have yet, nor on a voided one.
    expect(w.findAll('[data-testid="void-deal"]')).toHaveLength(2);
  });

  it('voids a deal within the window, only with a reason', async () => {
    const voidDeal = vi.fn(async (): Promise<VoidOutcome> => ({ kind: 'voided' }));
    const w = mountList([stored('a', 50_000_000, 4)], voidDeal);

    await w.get('[data-testid="void-deal"]').trigger('click');
    const confirm = w.get<HTMLButtonElement>('[data-testid="confirm-correction"]');
    expect(w.get('[data-testid="correction-dialog"]').text()).toContain('Rp50.000.000');
    expect(confirm.element.disabled).toBe(true);

    await w.get('[data-testid="void-reason"]').setValue('salah ketik jumlah');
    expect(confirm.element.disabled).toBe(false);
    await confirm.trigger('click');
    await flushPromises();

    expect(voidDeal).toHaveBeenCalledWith('a', 'salah ketik jumlah');
    expect(w.find('[data-testid="correction-dialog"]').exists()).toBe(false);
  });

  it('after the window says to ask the organisers instead of offering a void', () => {
    const w = mountList([stored('old', 50_000_000, 11)]);
    expect(w.find('[data-testid="void-deal"]').exists()).toBe(false);
    expect(w.find('[data-testid="edit-deal"]').exists()).toBe(false);
    expect(w.get('[data-testid="contact-organiser"]').text()).toContain('hubungi panitia');
  });

  it('explains when the server refuses the void as too late', async () => {
    const voidDeal = vi.fn(async (): Promise<VoidOutcome> => ({ kind: 'refused', error: { code: 'forbidden', message: 'too old' } }));
    const w = mountList([stored('a', 50_000_000, 9)], voidDeal);
    await w.get('[data-testid="void-deal"]').trigger('click');
    await w.get('[data-testid="void-reason"]').setValue('batal');
    await w.get('[data-testid="confirm-correction"]').trigger('click');
    await flushPromises();

    expect(w.get('[data-testid="correction-problem"]').text()).toContain('Hubungi panitia');
    expect(w.find('[data-testid="correction-dialog"]').exists()).toBe(true);
  });

  it('edits: voids with reason "diubah", then hands the deal to the form', async () => {
    const voidDeal = vi.fn(async (): Promise<VoidOutcome> => ({ kind: 'voided' }));
    const row = stored('a', 50_000_000, 2);
    const w = mountList([row], voidDeal);

    await w.get('[data-testid="edit-deal"]').trigger('click');
    await w.get('[data-testid="confirm-correction"]').trigger('click');
    await flushPromises();

    expect(voidDeal).toHaveBeenCalledWith('a', 'diubah');
    expect(w.emitted('edit')).toEqual([[row.deal]]);
  });

  it('does not start an edit when the void did not go through', async () => {
    const w = mountList([stored('a', 50_000_000, 2)], async () => ({ kind: 'offline' }));
    await w.get('[data-testid="edit-deal"]').trigger('click');
    await w.get('[data-testid="confirm-correction"]').trigger('click');
    await flushPromises();

    expect(w.get('[data-testid="correction-problem"]').text()).toContain('Tidak tersambung');
    expect(w.emitted('edit')).toBeUndefined();
  });
});
