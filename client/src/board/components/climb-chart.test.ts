import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick } from 'vue';
import { mount } from '@vue/test-utils';
import type { PacePoint } from '../lib/pace';

/** Every `data` the chart was handed: each one is a redraw. */
type Drawn = { datasets: Array<{ data: Array<{ x: number; y: number }> }> };
const drawn: Drawn[] = [];
const drawnAt: number[] = [];
let optionsSeen: Record<string, unknown> | null = null;
vi.mock('vue-chartjs', () => ({
  Line: defineComponent({
    props: { data: { type: Object, required: true }, options: { type: Object, required: true }, updateMode: { type: String, default: undefined } },
    setup(props) {
      return () => {
        if (drawn.at(-1) !== props.data) {
          drawn.push(props.data as Drawn);
          drawnAt.push(Date.now());
        }
        optionsSeen = props.options;
        return h('canvas');
      };
    },
  }),
}));

const { default: ClimbChart } = await import('./climb-chart.vue');

const START = Date.parse('2026-04-13T09:00:00+08:00');
const MIN = 60_000;

describe('ClimbChart', () => {
  beforeEach(() => {
    drawn.length = 0;
    drawnAt.length = 0;
    vi.useFakeTimers();
    vi.setSystemTime(START + 10 * MIN);
  });
  afterEach(() => vi.useRealTimers());

  it('redraws at most once a second however often totals arrive, without animation, and ends on the latest total', async () => {
    let points: PacePoint[] = [{ t: START, total: 0 }];
    const labels = { climb: 'Total', pace: 'Laju target', projection: 'Proyeksi' };
    const wrapper = mount(ClimbChart, {
      props: { points, startsAt: START, endsAt: START + 60 * MIN, target: 1_300_000_000, projection: null, timeZone: 'Asia/Makassar', locale: 'id', labels },
    });
    await nextTick();
    for (let i = 1; i <= 30; i++) {
      // Ten updates a second for three seconds.
      vi.advanceTimersByTime(100);
      points = [...points, { t: Date.now(), total: i * 1_000_000 }];
      await wrapper.setProps({ points });
    }
    vi.advanceTimersByTime(1000);
    await nextTick();

    const gaps = drawnAt.slice(1).map((t, i) => t - drawnAt[i]!);
    expect(gaps.length).toBeGreaterThanOrEqual(3); // it does keep up…
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000); // …but never twice within a second
    const climb = drawn.at(-1)!.datasets[0]!.data;
    expect(climb.at(-1)?.y).toBe(30_000_000);
    expect(optionsSeen).toMatchObject({ animation: false });
  });
});
