import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { eventSettingsPatchSchema } from '@dealboard/shared';
import LogoPicker from './logo-picker.vue';
import { mountConsole } from '../../test/harness';

afterEach(() => {
  document.body.innerHTML = '';
});

const logo = ref<string | undefined>(undefined);
const Host = defineComponent({ render: () => h(LogoPicker, { id: 'logo', modelValue: logo.value, 'onUpdate:modelValue': (v: string | undefined) => (logo.value = v) }) });

async function choose(w: ReturnType<typeof mountConsole>, kb: number) {
  const input = w.get('[data-testid="logo-input"]');
  const file = new File([new Uint8Array(kb * 1024).fill(65)], 'logo.png', { type: 'image/png' });
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  await input.trigger('change');
  for (let i = 0; i < 50 && !logo.value && !w.find('[role="alert"]').exists(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('logo picker', () => {
  it('promises the size the server takes: a file at the limit shown is saved, one above it is refused with the same figure', async () => {
    const w = mountConsole(Host);
    expect(w.text()).toContain('paling besar 200 KB');
    await choose(w, 200);
    expect(w.find('[role="alert"]').exists()).toBe(false);
    expect(logo.value).toMatch(/^data:image\/png;base64,/);
    expect(eventSettingsPatchSchema.safeParse({ branding: { logo: logo.value } }).success).toBe(true);

    logo.value = undefined;
    await choose(w, 201);
    expect(w.get('[role="alert"]').text()).toContain('Paling besar 200 KB');
    expect(logo.value).toBeUndefined();
  });
});
