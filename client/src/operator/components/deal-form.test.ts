import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import type { Deal, DealInput, DealReceipt, PublicBooth, PublicEvent } from '@dealboard/shared';
import DealForm from './deal-form.vue';
import { createAppI18n } from '../../i18n';
import type { SendOutcome } from '../../socket/send-deal';
import { demoEvent } from '../../test/fixtures';

const booth: PublicBooth = { id: 'b1', eventId: 'demo', name: 'Stan Kalsel 1', delegationId: 'kalsel', delegationName: 'Kalsel' };

function accepted(deal: DealInput, seq = 42): SendOutcome {
  const receipt = { deal: { ...deal, status: 'recorded' }, duplicate: false, seq } as unknown as DealReceipt;
  return { kind: 'accepted', receipt };
}

type Extra = { typical?: number | null; sellers?: string[]; event?: PublicEvent };

function mountForm(send: (deal: DealInput) => Promise<SendOutcome> = async (d) => accepted(d), locale: 'id' | 'en' = 'id', extra: Extra = {}) {
  return mount(DealForm, {
    props: { event: extra.event ?? demoEvent, booth, send, typical: extra.typical, sellers: extra.sellers },
    global: { plugins: [createAppI18n(locale)] },
    attachTo: document.body,
  });
}

type Wrapper = ReturnType<typeof mountForm>;

async function fillDeal(w: Wrapper, amount: string) {
  await w.get('[data-testid="amount-input"]').setValue(amount);
  await w.get('input[name="category"][value="peternakan"]').setValue(true);
  await w.get('input[name="kind"][value="investment"]').setValue(true);
  await w.get('[data-testid="seller-input"]').setValue('UD Sapi Makmur');
  await w.get('[data-testid="buyer-input"]').setValue('PT Banua Pangan');
}

const submitButton = (w: Wrapper) => w.get<HTMLButtonElement>('[data-testid="submit-deal"]');

describe('operator deal form', () => {
  beforeEach(() => {
    localStorage.clear();
    document.body.innerHTML = '';
  });

  it('reads "1,3 M" as Rp1.300.000.000 and spells it out', async () => {
    const w = mountForm();
    await w.get('[data-testid="amount-input"]').setValue('1,3 M');

    expect(w.get('[data-testid="amount-preview"]').text()).toBe('Rp1.300.000.000');
    expect(w.get('[data-testid="amount-words"]').text()).toBe('satu miliar tiga ratus juta rupiah');
  });

  it('spells the amount in English when the tablet is switched to English', async () => {
    const w = mountForm(undefined, 'en');
    await w.get('[data-testid="amount-input"]').setValue('750 jt');

    expect(w.get('[data-testid="amount-preview"]').text()).toBe('Rp750.000.000');
    expect(w.get('[data-testid="amount-words"]').text()).toBe('seven hundred fifty million rupiah');
  });

  it('refuses an ambiguous amount: explains why and will not submit', async () => {
    const send = vi.fn();
    const w = mountForm(send);
    await fillDeal(w, '1.5 juta');

    expect(w.find('[data-testid="amount-preview"]').exists()).toBe(false);
    expect(w.get('[data-testid="amount-error"]').text()).toContain('titik adalah pemisah ribuan');
    expect(submitButton(w).element.disabled).toBe(true);
    await w.get('form').trigger('submit');
    expect(send).not.toHaveBeenCalled();
  });

  it('says what is still missing before it lets the deal go', async () => {
    const w = mountForm();
    await w.get('[data-testid="amount-input"]').setValue('75 jt');

    expect(submitButton(w).element.disabled).toBe(true);
    expect(w.text()).toContain('Lengkapi dulu: Kategori, Penjual (UMKM), Pembeli');
  });

  it('sends the deal, shows the recorded amount, clears the amount and keeps the booth’s choices', async () => {
    const send = vi.fn(async (d: DealInput) => accepted(d, 7));
    const w = mountForm(send);
    await fillDeal(w, '75 jt');
    await w.get('[data-testid="buyer-delegation"]').setValue('jatim');
    await submitButton(w).trigger('click');
    await flushPromises();

    expect(send).toHaveBeenCalledTimes(1);
    const deal = send.mock.calls[0]![0];
    expect(deal).toMatchObject({
      amount: 75_000_000,
      category: 'peternakan',
      kind: 'investment',
      seller: 'UD Sapi Makmur',
      buyer: 'PT Banua Pangan',
      buyerDelegation: 'jatim',
    });
    expect(deal.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const result = w.get('[data-testid="submit-result"]').text();
    expect(result).toContain('Tercatat');
    expect(result).toContain('Rp75.000.000');
    expect(result).toContain('No. urut 7');

    expect(w.get<HTMLInputElement>('[data-testid="amount-input"]').element.value).toBe('');
    expect(w.get<HTMLInputElement>('input[name="category"][value="peternakan"]').element.checked).toBe(true);
    expect(w.get<HTMLInputElement>('input[name="kind"][value="investment"]').element.checked).toBe(true);
    expect(w.get<HTMLInputElement>('[data-testid="buyer-input"]').element.value).toBe('PT Banua Pangan');
    expect(w.get<HTMLSelectElement>('[data-testid="buyer-delegation"]').element.value).toBe('jatim');
    expect(document.activeElement).toBe(w.get('[data-testid="amount-input"]').element);

    // The next deal needs only an amount, and gets a new id.
    await w.get('[data-testid="amount-input"]').setValue('12,5 jt');
    await submitButton(w).trigger('click');
    await flushPromises();
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1]![0]).toMatchObject({ amount: 12_500_000, category: 'peternakan', buyer: 'PT Banua Pangan' });
    expect(send.mock.calls[1]![0].id).not.toBe(deal.id);
  });

  it('shows the server’s refusal in the tablet’s language and marks the field, keeping what was typed', async () => {
    const send = vi.fn(
      async (): Promise<SendOutcome> => ({
        kind: 'rejected',
        error: { code: 'validation_failed', message: 'seller: must be at most 120 characters', pesan: 'seller: terlalu panjang', field: 'seller' },
      }),
    );
    const w = mountForm(send);
    await fillDeal(w, '75 jt');
    await submitButton(w).trigger('click');
    await flushPromises();

    expect(w.get('[data-testid="submit-result"]').text()).toContain('seller: terlalu panjang');
    expect(w.get('[data-testid="seller-input"]').element.closest('.form-field')?.classList.contains('invalid')).toBe(true);
    expect(w.get<HTMLInputElement>('[data-testid="amount-input"]').element.value).toBe('75 jt');
  });

  it('says a deal that could not reach the server is kept on the tablet', async () => {
    const w = mountForm(async () => ({ kind: 'unsent', reason: 'offline' }));
    await fillDeal(w, '75 jt');
    await submitButton(w).trigger('click');
    await flushPromises();

    expect(w.get('[data-testid="submit-result"]').text()).toContain('Disimpan di tablet');
    expect(w.get<HTMLInputElement>('[data-testid="amount-input"]').element.value).toBe('');
  });

  it('asks for a deliberate confirmation of a large amount before sending it', async () => {
    const send = vi.fn(async (d: DealInput) => accepted(d));
    const w = mountForm(send);
    await fillDeal(w, '1,3 M'); // the demo target is Rp1,3 miliar: 10% of it needs a second look
    await submitButton(w).trigger('click');
    await flushPromises();

    expect(send).not.toHaveBeenCalled();
    expect(w.get('[data-testid="slip-guard"]').text()).toContain('Rp1.300.000.000');

    await w.get('[data-testid="confirm-deal"]').trigger('click');
    await flushPromises();
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]![0].amount).toBe(1_300_000_000);
  });

  it('also stops an amount ten times this booth’s typical deal, even below the event threshold', async () => {
    const send = vi.fn(async (d: DealInput) => accepted(d));
    const w = mountForm(send, 'id', { typical: 5_000_000 });
    await fillDeal(w, '50 jt'); // far below the Rp130 juta threshold, but 10× the booth’s usual Rp5 juta
    await submitButton(w).trigger('click');
    await flushPromises();

    expect(send).not.toHaveBeenCalled();
    const guard = w.get('[data-testid="slip-guard"]');
    expect(guard.text()).toContain('Rp50.000.000');
    expect(guard.get('[data-testid="slip-guard-words"]').text()).toBe('lima puluh juta rupiah');
    expect(guard.get('[data-testid="slip-guard-reason"]').text()).toContain('Rp5.000.000');

    // "Ubah jumlah" goes back to the amount without sending.
    await guard.get('button.edit').trigger('click');
    expect(w.find('[data-testid="slip-guard"]').exists()).toBe(false);
    expect(send).not.toHaveBeenCalled();

    // Just under ten times goes straight through.
    await w.get('[data-testid="amount-input"]').setValue('49.999.999');
    await submitButton(w).trigger('click');
    await flushPromises();
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]![0].amount).toBe(49_999_999);
  });

  it('has no 10× rule while the booth has too few deals to know its typical one', async () => {
    const send = vi.fn(async (d: DealInput) => accepted(d));
    const w = mountForm(send, 'id', { typical: null });
    await fillDeal(w, '100 jt');
    await submitButton(w).trigger('click');
    await flushPromises();
    expect(w.find('[data-testid="slip-guard"]').exists()).toBe(false);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('keeps the last choices after a reload of the page', async () => {
    const first = mountForm();
    await fillDeal(first, '75 jt');
    await first.get('[data-testid="buyer-delegation"]').setValue('jatim');
    await first.get('#deal-unit').setValue('ekor');
    await submitButton(first).trigger('click');
    await flushPromises();
    first.unmount();

    const w = mountForm();
    expect(w.get<HTMLInputElement>('[data-testid="amount-input"]').element.value).toBe('');
    expect(w.get<HTMLInputElement>('input[name="category"][value="peternakan"]').element.checked).toBe(true);
    expect(w.get<HTMLInputElement>('input[name="kind"][value="investment"]').element.checked).toBe(true);
    expect(w.get<HTMLInputElement>('[data-testid="seller-input"]').element.value).toBe('UD Sapi Makmur');
    expect(w.get<HTMLInputElement>('[data-testid="buyer-input"]').element.value).toBe('PT Banua Pangan');
    expect(w.get<HTMLSelectElement>('[data-testid="buyer-delegation"]').element.value).toBe('jatim');
    expect(w.get<HTMLInputElement>('#deal-unit').element.value).toBe('ekor');
  });

  it('suggests the sellers this booth used before', async () => {
    const w = mountForm(undefined, 'id', { sellers: ['UD Sapi Makmur', 'Kelompok Tani Martapura'] });
    expect(w.get('[data-testid="seller-input"]').attributes('list')).toBe('deal-sellers');
    expect(w.findAll('#deal-sellers option').map((o) => o.attributes('value'))).toEqual(['UD Sapi Makmur', 'Kelompok Tani Martapura']);
  });

  it('takes an earlier deal’s values for an edit and sends them under a new id', async () => {
    const send = vi.fn(async (d: DealInput) => accepted(d));
    const w = mountForm(send);
    const old = {
      id: '11111111-1111-4111-8111-111111111111',
      amount: 12_500_000,
      categoryId: 'pertanian',
      kind: 'trade',
      seller: 'Kelompok Tani Martapura',
      buyer: 'Toko Makmur',
      buyerDelegationId: 'jatim',
      quantity: 2.5,
      unit: 'ton',
      note: 'kirim Mei',
    } as unknown as Deal;
    await (w.vm as unknown as { prefill(d: Deal): Promise<void> }).prefill(old);
    await flushPromises();

    expect(w.find('[data-testid="editing-note"]').exists()).toBe(true);
    expect(w.get('[data-testid="amount-preview"]').text()).toBe('Rp12.500.000');
    expect(w.get<HTMLInputElement>('input[name="category"][value="pertanian"]').element.checked).toBe(true);
    expect(w.get<HTMLInputElement>('#deal-quantity').element.value).toBe('2,5');

    await submitButton(w).trigger('click');
    await flushPromises();
    expect(send).toHaveBeenCalledTimes(1);
    const sent = send.mock.calls[0]![0];
    expect(sent).toMatchObject({ amount: 12_500_000, category: 'pertanian', seller: 'Kelompok Tani Martapura', buyer: 'Toko Makmur', buyerDelegation: 'jatim', quantity: 2.5, unit: 'ton', note: 'kirim Mei' });
    expect(sent.id).not.toBe(old.id);
    expect(w.find('[data-testid="editing-note"]').exists()).toBe(false);
  });

  it('disables entry while the event is paused', async () => {
    const send = vi.fn();
    const w = mountForm(send, 'id', { event: { ...demoEvent, status: 'paused' } });
    expect(w.get<HTMLFieldSetElement>('fieldset.entry').element.disabled).toBe(true);
    expect(submitButton(w).element.closest('fieldset')?.disabled).toBe(true);
    await w.setProps({ event: demoEvent });
    expect(w.get<HTMLFieldSetElement>('fieldset.entry').element.disabled).toBe(false);
  });
});
