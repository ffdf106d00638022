import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.js';
import { ensureClientBuilt, spawnServer, type ServerProcess } from './process.js';
import { setupEvent, startServer, type TestServer } from './server.js';

export type TestEvent = Awaited<ReturnType<typeof setupEvent>>;

/** A real server on port 0 (in this process) with a live event and two booths, for the file's tests. */
export function serverWithEvent(): { srv: TestServer; ctx: TestEvent } {
  const fixture = {} as { srv: TestServer; ctx: TestEvent };
  beforeAll(async () => {
    fixture.srv = await startServer();
    fixture.ctx = await setupEvent(fixture.srv.url);
  });
  afterAll(() => fixture.srv?.stop());
  return fixture;
}

/** The built client served by a real server process, Chromium, and a live event with two booths. */
export function browserWithEvent(): { srv: ServerProcess; browser: Browser; ctx: TestEvent } {
  const fixture = {} as { srv: ServerProcess; browser: Browser; ctx: TestEvent };
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
