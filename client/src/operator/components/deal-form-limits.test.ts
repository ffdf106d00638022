import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import type { PublicBooth, PublicEvent } from '@dealboard/shared';
import DealForm from './deal-form.vue';
import { createAppI18n } from '../../i18n';
import { demoEvent } from '../../test/fixtures';

const booth: PublicBooth = { id: 'b1', eventId: 'demo', name: 'Stan Kalsel 1', delegationId: 'kalsel', delegationName: 'Kalsel' };

function mountForm(event: PublicEvent = demoEvent, locale: 'id' | 'en' = 'id') {
  const send = vi.fn();
  const w = mount(DealForm, { props: { event, booth, send }, global: { plugins: [createAppI18n(locale)] }, attachTo: document.body });
  return { w, send };
}

async function fill(w: ReturnType<typeof mountForm>['w'], amount: string) {
  await w.get('[data-testid="amount-input"]').setValue(amount);
  await w.get('input[name="category"][value="peternakan"]').setValue(true);
  await w.get('[data-testid="seller-input"]').setValue('UD Sapi Makmur');
  await w.get('[data-testid="buyer-input"]').setValue('PT Banua Pangan');
}

describe('deal form: what it will not take', () => {
  beforeEach(() => {
    localStorage.clear();
    document.body.innerHTML = '';
  });

  it('refuses "0" with a message instead of a green Rp0 and a button that does nothing', async () => {
    const { w, send } = mountForm();
    await fill(w, '0');
    expect(w.find('[data-testid="amount-preview"]').exists()).toBe(false);
    expect(w.get('[data-testid="amount-error"]').text()).toContain('lebih dari nol');
    expect(w.get<HTMLButtonElement>('[data-testid="submit-deal"]').element.disabled).toBe(true);
    await w.get('form').trigger('submit');
    expect(send).not.toHaveBeenCalled();
  });

  it('suggests the amount with its own unit for "1,300,000,000"', async () => {
    const { w } = mountForm(demoEvent, 'en');
    await w.get('[data-testid="amount-input"]').setValue('1,300,000,000');
    const error = w.get('[data-testid="amount-error"]').text();
    expect(error).toContain('“1,3 miliar”');
    expect(error).not.toContain('juta');
  });

  it('turns entry off once the end time has passed on an event that stops counting there', async () => {
    const ended: PublicEvent = { ...demoEvent, endsAt: new Date(Date.now() - 60_000).toISOString(), settings: { ...demoEvent.settings, stopAtEnd: true } };
    const { w } = mountForm(ended);
    expect(w.get('fieldset.entry').attributes('disabled')).toBeDefined();
    const open = mountForm({ ...ended, endsAt: new Date(Date.now() + 600_000).toISOString() }).w;
    expect(open.get('fieldset.entry').attributes('disabled')).toBeUndefined();
  });
});
