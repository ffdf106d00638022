import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { mount } from '@vue/test-utils';
import RupiahInput from './rupiah-input.vue';
import { createAppI18n } from '../../i18n';

type Options = { locale?: 'id' | 'en'; tablet?: boolean; units?: boolean; refuseZero?: boolean; optional?: boolean };

/** The input in a host that holds the amount, as a console form does. */
function mountInput(initial: number | null = null, opts: Options = {}) {
  const value = ref<number | null>(initial);
  const Host = defineComponent({
    render: () =>
      h(RupiahInput, {
        id: 'm',
        testid: 'money',
        tablet: opts.tablet,
        units: opts.units,
        refuseZero: opts.refuseZero,
        optional: opts.optional,
        modelValue: value.value,
        'onUpdate:modelValue': (v: number | null) => (value.value = v),
      }),
  });
  const w = mount(Host, { global: { plugins: [createAppI18n(opts.locale ?? 'id')] } });
  const input = () => w.get<HTMLInputElement>('[data-testid="money-input"]');
  return { w, value, input };
}

describe('Rupiah amount input', () => {
  it('reads Indonesian shorthand and previews it in full and in words', async () => {
    const { w, value, input } = mountInput();
    await input().setValue('1,3 M');
    expect(value.value).toBe(1_300_000_000);
    expect(w.get('[data-testid="money-preview"]').text()).toBe('Rp1.300.000.000');
    expect(w.get('[data-testid="money-words"]').text()).toBe('satu miliar tiga ratus juta rupiah');
  });

  it('refuses an English decimal point instead of guessing, and suggests the comma', async () => {
    const { w, value, input } = mountInput(5_000_000);
    await input().setValue('1.3 M');
    expect(value.value).toBeNull();
    expect(w.find('[data-testid="money-preview"]').exists()).toBe(false);
    expect(w.get('[role="alert"]').text()).toContain('membingungkan');
    expect(w.get('[data-testid="money-error"]').text()).toContain('“1,3 M”');
    expect(input().attributes('aria-invalid')).toBe('true');
  });

  it('starts from a stored amount written the Indonesian way, and takes a new one set from outside', async () => {
    const { w, value, input } = mountInput(2_500_000_000, { locale: 'en' });
    expect(input().element.value).toBe('2.500.000.000');
    expect(w.text()).toContain('two billion five hundred million rupiah');
    value.value = 750_000_000;
    await w.vm.$nextTick();
    expect(input().element.value).toBe('750.000.000');
    value.value = null;
    await w.vm.$nextTick();
    expect(input().element.value).toBe('');
  });

  it('takes zero in a console form, refuses it as a deal’s amount', async () => {
    const form = mountInput();
    await form.input().setValue('0');
    expect(form.value.value).toBe(0);
    const deal = mountInput(null, { refuseZero: true });
    await deal.input().setValue('0');
    expect(deal.value.value).toBeNull();
    expect(deal.w.get('[data-testid="money-error"]').text()).toContain('lebih dari nol');
  });

  it('in a console form: a required amount left empty says so, an optional one does not', async () => {
    const { w, input } = mountInput();
    expect(w.text()).toContain('M = miliar · jt = juta · rb = ribu');
    await input().trigger('blur');
    expect(w.find('[data-testid="money-error"]').exists()).toBe(true);

    const optional = mountInput(null, { optional: true });
    await optional.input().trigger('blur');
    expect(optional.w.find('[data-testid="money-error"]').exists()).toBe(false);
  });

  it('on the tablet: leaving the empty amount is no error, emptying what was typed is', async () => {
    const { w, input } = mountInput(null, { tablet: true });
    await input().trigger('blur');
    expect(w.find('[data-testid="money-error"]').exists()).toBe(false);
    await input().setValue('7');
    await input().setValue('');
    expect(w.find('[data-testid="money-error"]').exists()).toBe(true);
  });

  it('adds a unit with a tap, replacing the one typed', async () => {
    const { w, value, input } = mountInput(null, { tablet: true, units: true });
    const unit = (u: string) => w.findAll('button.unit').find((b) => b.text() === u)!;
    await input().setValue('750');
    await unit('jt').trigger('click');
    expect(input().element.value).toBe('750 jt');
    expect(value.value).toBe(750_000_000);
    await unit('M').trigger('click');
    expect(input().element.value).toBe('750 M');
    expect(value.value).toBe(750_000_000_000);
  });

  it('offers no unit buttons unless asked to', () => {
    expect(mountInput().w.findAll('button.unit')).toHaveLength(0);
  });
});
