import { onMounted, onScopeDispose, shallowRef, watch, type Ref } from 'vue';

const MAX_ON_STRIP = 30;

export interface TickerItem<T> {
  key: number;
  item: T;
  /** First time this entry crosses the strip since it arrived. */
  fresh: boolean;
}

export interface TickerOptions {
  /** Speed in em of the strip per second. */
  speedEm?: number;
  /** Show the newest entries still, without scrolling (prefers-reduced-motion). */
  still?: boolean;
  requestFrame?: (cb: (time: number) => void) => number;
  cancelFrame?: (id: number) => void;
}

/**
 * A news-style ticker: entries scroll right to left at a steady speed. The strip holds just
 * enough entries to fill its width; each time room opens at the right it takes the next
 * one, new arrivals before the rest, else the list again from its newest, never a deal that
 * is on the strip already. So a new deal enters within a few seconds, nothing jumps when one
 * arrives, and no deal shows twice. Deals that all fit stand still.
 *
 * Per frame it only writes one transform; it measures the entries' widths only after
 * the list it shows has changed.
 */
export function useTicker<T>(source: Ref<readonly T[]>, idOf: (item: T) => string, opts: TickerOptions = {}) {
  const viewport = shallowRef<HTMLElement | null>(null);
  const track = shallowRef<HTMLElement | null>(null);
  const items = shallowRef<TickerItem<T>[]>([]);
  const requestFrame = opts.requestFrame ?? ((cb) => requestAnimationFrame(cb));
  const cancelFrame = opts.cancelFrame ?? ((id) => cancelAnimationFrame(id));

  const seen = new Set<string>();
  let arrivals: T[] = [];
  let cursor = 0;
  let nextKey = 0;
  let offset = 0;
  let widths: number[] | null = null; // null: measure after the next render
  let viewportWidth = 0;
  let emPx = 16;
  let lastTime: number | null = null;
  let frame: number | null = null;

  watch(
    source,
    (list) => {
      if (opts.still) {
        items.value = list.slice(0, 8).map((item) => ({ key: nextKey++, item, fresh: false }));
        return;
      }
      const fresh = list.filter((d) => !seen.has(idOf(d)));
      for (const d of fresh) seen.add(idOf(d));
      // Oldest first, so a burst reads in the order the deals were made. (What the strip
      // starts with is not news: it is taken from the list, newest first.)
      if (items.value.length > 0) {
        arrivals = [...arrivals, ...fresh.reverse()].slice(-20);
        // Entries on the strip show the latest version of their deal (a void turns up as one).
        const byId = new Map(list.map((d) => [idOf(d), d]));
        items.value = items.value.map((e) => ({ ...e, item: byId.get(idOf(e.item)) ?? e.item }));
      }
    },
    { immediate: true },
  );

  /** The next entry for the right end: a new arrival, else the next deal of the list not on the strip already. */
  function nextEntry(onStrip: ReadonlySet<string>): TickerItem<T> | null {
    const arrival = arrivals.shift();
    if (arrival) return { key: nextKey++, item: arrival, fresh: true };
    const list = source.value;
    // A deal twice on the strip reads as a double entry: it comes round again only once it has left.
    for (let tried = 0; tried < list.length; tried++) {
      cursor = cursor % list.length;
      const item = list[cursor++]!;
      if (!onStrip.has(idOf(item))) return { key: nextKey++, item, fresh: false };
    }
    return null;
  }

  function measure(): void {
    const t = track.value;
    const v = viewport.value;
    if (!t || !v) return;
    viewportWidth = v.clientWidth;
    emPx = parseFloat(getComputedStyle(v).fontSize) || 16;
    const gap = parseFloat(getComputedStyle(t).columnGap) || 0;
    widths = Array.from(t.children, (c) => (c as HTMLElement).offsetWidth + gap);
  }

  function step(time: number): void {
    frame = requestFrame(step);
    const dt = lastTime === null ? 0 : Math.min(100, time - lastTime);
    lastTime = time;
    if (widths === null) measure();
    if (!widths || !track.value) return;
    let list = items.value;
    const onStrip = new Set(list.map((e) => idOf(e.item)));
    const width = widths.reduce((a, b) => a + b, 0);
    // Every deal is on the strip and they all fit: they stand still, there is nothing to bring in.
    if (arrivals.length === 0 && source.value.every((d) => onStrip.has(idOf(d))) && width <= viewportWidth) {
      offset = 0;
      track.value.style.transform = 'translate3d(0, 0, 0)';
      return;
    }
    offset = list.length === 0 ? 0 : offset + ((opts.speedEm ?? 6) * emPx * dt) / 1000;
    // An entry that has left on the left goes; the strip moves back by its width in the same frame.
    while (widths.length > 1 && offset >= widths[0]!) {
      offset -= widths.shift()!;
      list = list.slice(1);
    }
    const filled = widths.reduce((a, b) => a + b, 0) - offset;
    // (The cap keeps a strip that cannot be measured, e.g. not displayed, from growing without end.)
    if (filled < viewportWidth + emPx * 4 && widths.length === list.length && list.length < MAX_ON_STRIP) {
      const entry = nextEntry(new Set(list.map((e) => idOf(e.item))));
      if (entry) {
        list = [...list, entry];
        widths = null;
      }
    } else if (list !== items.value) widths = null;
    if (list !== items.value) items.value = list;
    track.value.style.transform = `translate3d(${-offset.toFixed(1)}px, 0, 0)`;
  }

  onMounted(() => {
    if (!opts.still) frame = requestFrame(step);
  });
  onScopeDispose(() => {
    if (frame !== null) cancelFrame(frame);
  });

  return { viewport, track, items };
}
