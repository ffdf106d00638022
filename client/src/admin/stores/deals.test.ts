import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { MAX_DEALS_PAGE } from '@dealboard/shared';
import { fakeServer } from '../test/harness';
import { totals } from '../../test/fixtures';
import { useDealsStore } from './deals';

afterEach(() => vi.unstubAllGlobals());

describe('deal table store', () => {
  it('stops offering more deals at the server’s cap, and says the table is capped', async () => {
    const matched = 1_050;
    // As the server answers: newest first, never more than MAX_DEALS_PAGE whatever the limit asked.
    fakeServer({
      'GET /events/demo/deals': ({ query }) => {
        const n = Math.min(Number(query.get('limit') ?? 100), MAX_DEALS_PAGE, matched);
        return { body: { deals: Array.from({ length: n }, (_, i) => ({ id: `d${matched - i}`, seq: matched - i })), matched } };
      },
      'GET /events/demo/totals': { body: totals(matched, 0, matched) },
    });
    setActivePinia(createPinia());
    const store = useDealsStore();
    store.attach('demo', () => ({ close() {} }));
    await flushPromises();
    let clicks = 0;
    while (store.canLoadMore && clicks < 20) {
      store.loadMore();
      await flushPromises();
      clicks++;
    }
    expect(store.deals).toHaveLength(MAX_DEALS_PAGE);
    expect(clicks).toBe(9);
    expect(store.capped).toBe(true);
    store.detach();
  });
});
