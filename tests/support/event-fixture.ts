import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { ensureClientBuilt, spawnServer, type ServerProcess } from './process.js';
import { setupEvent, startServer, type TestServer } from './server.js';

export type TestEvent = Awaited<ReturnType<typeof setupEvent>>;

/** A real server on port 0 (in this process, started with `opts`) with a live event and two booths, for the file's tests. */
export function serverWithEvent(opts: Parameters<typeof startServer>[0] = {}): { srv: TestServer; ctx: TestEvent } {
  const fixture = {} as { srv: TestServer; ctx: TestEvent };
  beforeAll(async () => {
    fixture.srv = await startServer(opts);
    fixture.ctx = await setupEvent(fixture.srv.url);
  });
  afterAll(() => fixture.srv?.stop());
  return fixture;
}

export type BrowserFixture = { srv: ServerProcess; browser: Browser; ctx: TestEvent };

/** Sockets a test opens through `track(socket)` are disconnected after it. */
export function socketsClosedAfterEach(): <S extends Socket>(socket: S) => S {
  const open: Socket[] = [];
  afterEach(() => {
    for (const s of open.splice(0)) s.disconnect();
  });
  return (socket) => (open.push(socket), socket);
}

/** The built client served by a real server process, Chromium, and a live event with two booths. */
export function browserWithEvent(): BrowserFixture {
  const fixture = {} as BrowserFixture;
  beforeAll(async () => {
    ensureClientBuilt();
    fixture.srv = await spawnServer();
    fixture.browser = await launchChromium();
    fixture.ctx = await setupEvent(fixture.srv.url);
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.srv?.stop();
  });
  return fixture;
}

export const FULL_HD = { width: 1920, height: 1080 };

/** A new page on the fixture's server at `path` (the event's board unless said), full HD unless said. */
export async function openPage(fixture: BrowserFixture, path = `/board/${fixture.ctx.event.id}`, viewport = FULL_HD): Promise<Page> {
  const page = await fixture.browser.newPage({ viewport });
  await page.goto(fixture.srv.url + path);
  return page;
}

/** Booth A's tablet (or the booth given), in portrait, opened from its join link and on the recording page. */
export async function openTablet(fixture: BrowserFixture, booth: { joinUrl: string } = fixture.ctx.boothA): Promise<Page> {
  const page = await fixture.browser.newPage({ viewport: { width: 768, height: 1024 } });
  await page.goto(booth.joinUrl.replace(/^https?:\/\/[^/]+/, fixture.srv.url));
  await page.waitForURL(/\/operator/);
  return page;
}
