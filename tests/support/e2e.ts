import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.js';
import { ensureClientBuilt, spawnServer, type ServerProcess } from './process.js';

/** For an e2e file: the built client, the real server process and Chromium, started once and stopped after. */
export function e2eEnvironment(): { readonly srv: ServerProcess; readonly browser: Browser } {
  const env = {} as { srv: ServerProcess; browser: Browser };
  beforeAll(async () => {
    ensureClientBuilt();
    env.srv = await spawnServer();
    env.browser = await launchChromium();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.srv?.stop();
  });
  return env;
}
