import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import type { DealInput, DealReceipt, PublicBooth } from '@dealboard/shared';
import DealForm from './deal-form.vue';
import { createAppI18n } from '../../i18n';
import type { SendOutcome } from '../../lib/send-deal';
import { demoEvent } from '../../test/fixtures';

const booth: PublicBooth = { id: 'b1', eventId: 'demo', name: 'Stan Kalsel 1', delegationId: 'kalsel', delegationName: 'Kalsel' };

function accepted(deal: DealInput, seq = 42): SendOutcome {
  const receipt = { deal: { ...deal, status: 'recorded' }, duplicate: false, seq } as unknown as DealReceipt;
  return { kind: 'accepted', receipt };
}

function mountForm(send: (deal: DealInput) => Promise<SendOutcome> = async (d) => accepted(d), locale: 'id' | 'en' = 'id') {
  return mount(DealForm, {
    props: { event: demoEvent, booth, send },
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
});
