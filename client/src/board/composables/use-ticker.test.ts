import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import { mount } from '@vue/test-utils';
import { useTicker } from './use-ticker';

type Deal = { id: string; status?: 'recorded' | 'voided' };

/** Every entry is 100 px wide and the strip 250 px; frames are stepped by hand, 100 ms apart. */
function setup(initial: Deal[]) {
  const source = ref<Deal[]>(initial);
  const frames: Array<(t: number) => void> = [];
  let time = 0;
  const Host = defineComponent({
    setup() {
      const { viewport, track, items } = useTicker(source, (d) => d.id, {
        speedEm: 6, // 96 px/s at 16 px
        requestFrame: (cb) => frames.push(cb),
        cancelFrame: () => undefined,
      });
      return () =>
        h('div', { ref: viewport }, [h('ol', { ref: track }, items.value.map((e) => h('li', { key: e.key, 'data-id': e.item.id, 'data-fresh': e.fresh, 'data-status': e.item.status ?? 'recorded' })))]);
    },
  });
  const wrapper = mount(Host);
  const shown = () => wrapper.findAll('li').map((li) => (li.attributes('data-fresh') === 'true' ? `${li.attributes('data-id')}*` : li.attributes('data-id')));
  async function step(n = 1) {
    for (let i = 0; i < n; i++) {
      const cb = frames.shift();
      cb?.((time += 100));
      await nextTick();
    }
  }
  return { source, shown, step, wrapper };
}

describe('useTicker', () => {
  const widths = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetWidth');
  const clients = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');
  beforeEach(() => {
    Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => 100 });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 250 });
  });
  afterEach(() => {
    if (widths) Object.defineProperty(HTMLElement.prototype, 'offsetWidth', widths);
    else delete (HTMLElement.prototype as { offsetWidth?: number }).offsetWidth;
    if (clients) Object.defineProperty(HTMLElement.prototype, 'clientWidth', clients);
    else delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
  });

  it('fills the strip newest first, then shows a new deal next, ahead of the older ones', async () => {
    const { source, shown, step } = setup([{ id: 'c' }, { id: 'b' }, { id: 'a' }]);
    await step(8);
    // 250 px of strip: the three deals, each once (the list comes round again only as they leave).
    expect(shown()).toEqual(['c', 'b', 'a']);

    source.value = [{ id: 'd' }, ...source.value];
    await nextTick();
    await step(12); // 1.2 s at 96 px/s: the first entry has left, room opens at the right
    expect(shown()).toEqual(['b', 'a', 'd*', 'c']);
  });

  it('shows a deal voided since it entered the strip as voided, wherever it is on it', async () => {
    const { source, wrapper, step } = setup([{ id: 'a' }]);
    await step(4);
    expect(wrapper.findAll('li').length).toBe(1); // one deal shows once, never side by side with itself
    source.value = [{ id: 'a', status: 'voided' }];
    await nextTick();
    expect(wrapper.findAll('li').map((li) => li.attributes('data-status'))).toEqual(wrapper.findAll('li').map(() => 'voided'));
  });

  it('never shows a deal twice, and lets deals that all fit stand still', async () => {
    const { source, shown, step, wrapper } = setup([{ id: 'a' }, { id: 'b' }]);
    await step(20);
    expect(shown()).toEqual(['a', 'b']);
    expect(wrapper.find('ol').attributes('style')).toContain('translate3d(0, 0, 0)');
    source.value = [{ id: 'c' }, ...source.value]; // 300 px of deals on 250 px: they start moving
    await nextTick();
    for (let i = 0; i < 40; i++) {
      await step();
      const ids = shown().map((s) => s!.replace('*', ''));
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(wrapper.find('ol').attributes('style')).not.toContain('translate3d(0, 0, 0)');
  });
});
