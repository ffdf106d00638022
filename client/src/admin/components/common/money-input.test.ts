import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { mount } from '@vue/test-utils';
import MoneyInput from './money-input.vue';
import { consoleI18n } from '../../test/harness';

function mountInput(initial: number | null = null, locale: 'id' | 'en' = 'id') {
  const value = ref<number | null>(initial);
  const Host = defineComponent({
    render: () => h(MoneyInput, { id: 'm', testid: 'money', modelValue: value.value, 'onUpdate:modelValue': (v: number | null) => (value.value = v) }),
  });
  const w = mount(Host, { global: { plugins: [consoleI18n(locale)] } });
  return { w, value };
}

describe('money input', () => {
  it('reads Indonesian shorthand and previews it in full and in words', async () => {
    const { w, value } = mountInput();
    await w.get('input').setValue('1,3 M');
    expect(value.value).toBe(1_300_000_000);
    expect(w.get('[data-testid="money-preview"]').text()).toBe('Rp1.300.000.000');
    expect(w.text()).toContain('satu miliar tiga ratus juta rupiah');
  });

  it('refuses an English decimal point instead of guessing', async () => {
    const { w, value } = mountInput(5_000_000);
    await w.get('input').setValue('1.3 M');
    expect(value.value).toBeNull();
    expect(w.get('[role="alert"]').text()).toContain('membingungkan');
  });

  it('starts from a stored amount written the Indonesian way', () => {
    const { w } = mountInput(2_500_000_000, 'en');
    expect((w.get('input').element as HTMLInputElement).value).toBe('2.500.000.000');
    expect(w.text()).toContain('two billion five hundred million rupiah');
  });
});
