/**
 * Board-side measure: Debian's Chromium (playwright-core) shows `/board/:eventId`
 * from our server. Reports the time to the first correct grand total on cold
 * loads, the gzip size of the JavaScript the board page actually loads, and —
 * while the orchestrator drives updates at 10 Hz — long tasks (> 50 ms),
 * animation frames, and canvas redraws per second.
 */
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serve } from './lib/rpc.js';

let browser: Browser | undefined;
let page: Page | undefined;

async function launch() {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return browser;
}

/** Installed before any page script: watches for the expected total, long tasks, frames and canvas draws. */
function instrument(expected: string) {
  const w = window as unknown as Record<string, unknown>;
  w.__bench = { expected, shownMs: null, firstCorrectMs: null as number | null, longTasks: [] as { start: number; duration: number }[], frames: [] as number[], canvasDraws: [] as { t: number; id: number }[], recording: false };
  const bench = w.__bench as {
    expected: string;
    /** When the DOM first held the expected total; `firstCorrectMs`: when a frame showing it was drawn. */
    shownMs: number | null;
    firstCorrectMs: number | null;
    longTasks: { start: number; duration: number }[];
    frames: number[];
    canvasDraws: { t: number; id: number }[];
    recording: boolean;
  };
  const check = () => {
    if (bench.shownMs !== null) return;
    const el = document.querySelector('[data-testid="grand-total"]');
    if (!el || el.textContent?.trim() !== bench.expected) return;
    bench.shownMs = performance.now();
    // The next frame is drawn once the page may render (style sheets in, main thread free): time it.
    requestAnimationFrame(() => setTimeout(() => (bench.firstCorrectMs = performance.now())));
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* longtask not supported */
  }
  const frame = (t: number) => {
    if (bench.recording) bench.frames.push(t);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const ids = new WeakMap<object, number>();
  let nextId = 1;
  const clearRect = CanvasRenderingContext2D.prototype.clearRect;
  CanvasRenderingContext2D.prototype.clearRect = function (this: CanvasRenderingContext2D, ...args: [number, number, number, number]) {
    if (bench.recording) {
      let id = ids.get(this.canvas);
      if (!id) ids.set(this.canvas, (id = nextId++));
      bench.canvasDraws.push({ t: performance.now(), id });
    }
    return clearRect.apply(this, args);
  };
}

/** The bare page the phone view is compared with: it fetches `/totals` and writes the total, nothing else. */
const baselinePage = (eventId: string) => `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head><body>
<p data-testid="grand-total">—</p><script>
const group = (d) => { const h = d.length % 3 || 3; let o = d.slice(0, h); for (let i = h; i < d.length; i += 3) o += '.' + d.slice(i, i + 3); return o; };
fetch('/api/v1/events/${encodeURIComponent(eventId)}/totals').then((r) => r.json()).then((t) => { document.querySelector('[data-testid=grand-total]').textContent = 'Rp' + group(String(t.total)); });
</script></body></html>`;

type Script = { url: string; bytes: number; gzip: number; worker: boolean };
type Load = { url: string; expected: string; measureJs?: boolean; viewport?: { width: number; height: number }; baselineOf?: string };

/**
 * One cold load (fresh context, empty cache): time until a frame shows `expected`. With
 * `measureJs`, every JavaScript response in the context: the page's own and what a service
 * worker it registers downloads (its precache), each URL once. With `baselineOf` (an event
 * id), `url` answers with the bare baseline page instead, from the same origin.
 */
async function coldLoad(p: Load) {
  if (!browser) await launch();
  const phone = p.viewport && p.viewport.width < 600;
  const context = await browser!.newContext({ viewport: p.viewport ?? { width: 1920, height: 1080 }, ...(phone ? { deviceScaleFactor: 3, isMobile: true, hasTouch: true } : {}) });
  if (p.baselineOf) await context.route(p.url, (r) => r.fulfill({ contentType: 'text/html', body: baselinePage(p.baselineOf!) }));
  const pg = await context.newPage();
  // tsx (esbuild keepNames) wraps named functions in `__name(...)`; give the page a no-op one.
  await pg.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await pg.addInitScript(instrument, p.expected);
  const scripts = new Map<string, Script>();
  const pending: Promise<void>[] = [];
  const external: string[] = [];
  pg.on('request', (r) => {
    if (!r.url().startsWith(new URL(p.url).origin) && !r.url().startsWith('data:')) external.push(r.url());
  });
  if (p.measureJs) {
    context.on('response', (res) => {
      if (!/javascript/.test(res.headers()['content-type'] ?? '')) return;
      const worker = res.request().serviceWorker() !== null;
      const url = new URL(res.url()).pathname;
      pending.push(
        res.body().then(
          (body) => void scripts.set(`${url}${worker ? ' (worker)' : ''}`, { url, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length, worker }),
          () => undefined,
        ),
      );
    });
  }
  await pg.goto(p.url, { waitUntil: 'load' });
  try {
    await pg.waitForFunction(() => (window as unknown as { __bench: { firstCorrectMs: number | null } }).__bench.firstCorrectMs !== null, undefined, { timeout: 15_000, polling: 20 });
  } catch (e) {
    const shown = await pg.evaluate(() => document.querySelector('[data-testid="grand-total"]')?.textContent ?? document.body.innerText.slice(0, 300));
    throw new Error(`the page never showed ${JSON.stringify(p.expected)}; it shows ${JSON.stringify(shown)} (${String(e).split('\n')[0]})`);
  }
  const timing = await pg.evaluate(() => {
    const b = (window as unknown as { __bench: { firstCorrectMs: number; shownMs: number } }).__bench;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return { firstCorrectMs: b.firstCorrectMs, shownMs: b.shownMs, fcpMs: fcp, htmlMs: nav?.responseEnd ?? null, domContentLoadedMs: nav?.domContentLoadedEventEnd ?? null, loadMs: nav?.loadEventEnd ?? null };
  });
  // Lazy chunks (the climb chart) and a service worker's precache load after the first total: count them too.
  if (p.measureJs) await pg.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
  if (p.measureJs) await pg.waitForTimeout(1000);
  await Promise.all(pending);
  return { pg, context, timing, scripts: [...scripts.values()], external };
}

async function firstLoads(p: Omit<Load, 'measureJs'> & { loads: number }) {
  const loads = [];
  let scripts: Script[] = [];
  const external: string[] = [];
  for (let i = 0; i < p.loads; i++) {
    const r = await coldLoad({ ...p, measureJs: i === 0 });
    if (i === 0) scripts = r.scripts;
    external.push(...r.external);
    loads.push(r.timing);
    if (i < p.loads - 1) await r.context.close();
    else page = r.pg;
  }
  const sum = (xs: Script[], k: 'bytes' | 'gzip') => xs.reduce((s, x) => s + x[k], 0);
  const own = scripts.filter((x) => !x.worker);
  const worker = scripts.filter((x) => x.worker);
  return { loads, scripts, jsBytes: sum(own, 'bytes'), jsGzipBytes: sum(own, 'gzip'), workerJsGzipBytes: sum(worker, 'gzip'), external };
}

/** The phone view and the bare baseline page, cold load after cold load in turn, so a busy spell on the machine falls on both. */
async function phoneLoads(p: { url: string; baselineUrl: string; eventId: string; expected: string; loads: number; viewport: { width: number; height: number }; screenshot: string }) {
  const phone: Awaited<ReturnType<typeof coldLoad>>['timing'][] = [];
  const baseline: typeof phone = [];
  let scripts: Script[] = [];
  for (let i = 0; i < p.loads; i++) {
    const r = await coldLoad({ url: p.url, expected: p.expected, viewport: p.viewport, measureJs: i === 0 });
    if (i === 0) {
      scripts = r.scripts;
      // The phone view as the first visitor saw it, once the app has taken over the first frame.
      await r.pg.waitForLoadState('networkidle').catch(() => undefined);
      await r.pg.screenshot({ path: p.screenshot });
    }
    phone.push(r.timing);
    await r.context.close();
    const b = await coldLoad({ url: p.baselineUrl, expected: p.expected, viewport: p.viewport, baselineOf: p.eventId });
    baseline.push(b.timing);
    await b.context.close();
  }
  const own = scripts.filter((x) => !x.worker);
  return { phone, baseline, scripts, jsGzipBytes: own.reduce((s, x) => s + x.gzip, 0), workerJsGzipBytes: scripts.filter((x) => x.worker).reduce((s, x) => s + x.gzip, 0) };
}

/** Record long tasks, frames and canvas draws on the open board for `durationMs` (the orchestrator sends deals meanwhile). */
async function watch(p: { durationMs: number }) {
  if (!page) throw new Error('firstLoads first');
  const t0 = await page.evaluate(() => {
    const b = (window as unknown as { __bench: { recording: boolean; frames: number[]; canvasDraws: unknown[] } }).__bench;
    b.frames = [];
    b.canvasDraws = [];
    b.recording = true;
    return performance.now();
  });
  const updates = await page.evaluate(() => {
    // Count the updates the page's socket receives via the grand total text changing (a proxy).
    const w = window as unknown as { __benchTexts?: number };
    w.__benchTexts = 0;
    const el = document.querySelector('[data-testid="grand-total"]');
    if (el) new MutationObserver(() => (w.__benchTexts! += 1)).observe(el, { subtree: true, childList: true, characterData: true });
    return true;
  });
  void updates;
  await page.waitForTimeout(p.durationMs);
  return page.evaluate((start) => {
    const w = window as unknown as { __benchTexts: number; __bench: { recording: boolean; frames: number[]; longTasks: { start: number; duration: number }[]; canvasDraws: { t: number; id: number }[] } };
    const b = w.__bench;
    b.recording = false;
    const end = performance.now();
    const frames = b.frames;
    const gaps: number[] = [];
    for (let i = 1; i < frames.length; i++) gaps.push(frames[i]! - frames[i - 1]!);
    gaps.sort((x, y) => x - y);
    const long = b.longTasks.filter((t) => t.start >= start);
    // Redraws per canvas per wall-clock second, the busiest second of the busiest canvas.
    const perSecond = new Map<string, number>();
    for (const d of b.canvasDraws) {
      const k = `${d.id}:${Math.floor((d.t - start) / 1000)}`;
      perSecond.set(k, (perSecond.get(k) ?? 0) + 1);
    }
    return {
      windowMs: end - start,
      frames: frames.length,
      fps: (frames.length / (end - start)) * 1000,
      frameGapP99Ms: gaps.length ? gaps[Math.ceil(gaps.length * 0.99) - 1]! : null,
      frameGapMaxMs: gaps.length ? gaps[gaps.length - 1]! : null,
      framesOver50Ms: gaps.filter((g) => g > 50).length,
      longTasks: long.length,
      longTaskMaxMs: long.reduce((m, t) => Math.max(m, t.duration), 0),
      longTaskTotalMs: long.reduce((s, t) => s + t.duration, 0),
      canvases: new Set(b.canvasDraws.map((d) => d.id)).size,
      canvasDrawsMaxPerSecond: Math.max(0, ...perSecond.values()),
      totalTextChanges: w.__benchTexts,
    };
  }, t0);
}

/** After updates stop: how long until the board shows exactly `expected` (the counter finishes its roll). */
async function settle(p: { expected: string; timeoutMs: number }) {
  if (!page) throw new Error('firstLoads first');
  const t0 = performance.now();
  try {
    await page.waitForFunction((want) => document.querySelector('[data-testid="grand-total"]')?.textContent?.trim() === want, p.expected, { timeout: p.timeoutMs, polling: 50 });
    return { ok: true, ms: performance.now() - t0, shown: p.expected };
  } catch {
    return { ok: false, ms: performance.now() - t0, shown: await page.getByTestId('grand-total').textContent() };
  }
}

async function close() {
  await browser?.close();
  browser = undefined;
  page = undefined;
  return true;
}

process.on('SIGTERM', () => void close().finally(() => process.exit(0)));
serve({ firstLoads, phoneLoads, watch, settle, close });
