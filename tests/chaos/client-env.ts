// What a browser gives the shipped tablet and board code that Node lacks: IndexedDB (an
// in-memory stand-in), and a way to reach the server by its address instead of the page's.
import 'fake-indexeddb/auto';

/** `fetch` for code that asks for `/api/v1/…` relative to its page. */
export function fetchFrom(base: string, count?: (path: string, init?: RequestInit) => void): typeof fetch {
  return (input, init) => {
    const path = typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url;
    count?.(path, init);
    return fetch(new URL(path, base), init);
  };
}
