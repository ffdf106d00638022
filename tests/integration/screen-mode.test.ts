import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN as A, api, boardSocket, nextEvent, startServer } from '../support/server.js';
import { serverWithEvent } from '../support/event-fixture.js';

// The screens' mode (blackout or live) lives in the store: every node and a restarted one know it.
const fixture = serverWithEvent();
const path = (p: string) => `/api/v1/events/${fixture.ctx.event.id}${p}`;

describe('the screens\' mode', () => {
  it('keeps the screens dark through a server restart until someone brings them back', async () => {
    await api(fixture.srv.url, 'POST', path('/screens/command'), { command: 'blackout' }, A);
    await fixture.srv.stop();
    fixture.srv = await startServer({ dataDir: fixture.srv.dataDir });
    const late = boardSocket(fixture.srv.url, fixture.ctx.event.id);
    expect(await nextEvent(late, 'board:command')).toEqual({ command: 'blackout' });
    expect((await api<{ mode: string }>(fixture.srv.url, 'GET', path('/screens'), undefined, A)).body.mode).toBe('blackout');
    const lit = nextEvent<{ command: string }>(late, 'board:command');
    await api(fixture.srv.url, 'POST', path('/screens/command'), { command: 'live' }, A);
    expect(await lit).toEqual({ command: 'live' });
    late.disconnect();
    // A screen that connects now comes up live: a snapshot, and no command after it.
    const fresh = boardSocket(fixture.srv.url, fixture.ctx.event.id);
    const commands: unknown[] = [];
    fresh.on('board:command', (c: unknown) => commands.push(c));
    await nextEvent(fresh, 'board:snapshot');
    await new Promise((r) => setTimeout(r, 300));
    expect(commands).toEqual([]);
    fresh.disconnect();
  });
});
