import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, api, nextEvent, operatorSocket, setupEvent, startServer, type OperatorSocket, type TestServer } from '../support/server.js';

/**
 * Issue 15 §5: the QR sheet can be printed again, also after a restart, with the same
 * join links and without cutting any tablet off; rotating a booth's code stays an
 * explicit, audited action that cuts its tablet off and kills the old link.
 */
let srv: TestServer | undefined;
const sockets: OperatorSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await srv?.stop();
  srv = undefined;
});

type Sheet = { booths: { id: string; joinUrl: string | null; qrSvg: string; needsNewCode?: string }[] };
const sheetOf = (url: string, eventId: string, body: unknown = {}) => api<Sheet>(url, 'POST', `/api/v1/events/${eventId}/booths/sheet`, body, ADMIN_TOKEN);
const tokenOf = (joinUrl: string | null) => joinUrl!.split('/join/')[1]!;

async function joined(url: string, token: string): Promise<OperatorSocket> {
  const s = operatorSocket(url, token);
  sockets.push(s);
  await nextEvent(s, 'connect');
  return s;
}

describe('join cards', () => {
  it('reprint after a restart gives the same links; connected tablets stay connected', async () => {
    srv = await startServer();
    const ctx = await setupEvent(srv.url);
    const first = await sheetOf(srv.url, ctx.event.id);
    expect(first.body.booths.map((b) => tokenOf(b.joinUrl)).sort()).toEqual([ctx.boothA.token, ctx.boothB.token].sort());
    const dataDir = srv.dataDir;
    await srv.stop();
    srv = await startServer({ dataDir });
    const tablet = await joined(srv.url, ctx.boothA.token);
    let cutOff = false;
    tablet.on('disconnect', () => (cutOff = true));
    const again = await sheetOf(srv.url, ctx.event.id);
    expect(again.body.booths.map((b) => tokenOf(b.joinUrl))).toEqual(first.body.booths.map((b) => tokenOf(b.joinUrl)));
    expect(again.body.booths.every((b) => b.qrSvg.startsWith('<svg'))).toBe(true);
    // The tablet still answers on its connection, and the printed link still opens a session.
    const session = await api<{ booth: { id: string } }>(srv.url, 'GET', '/api/v1/operator/session', undefined, tokenOf(again.body.booths[0]!.joinUrl));
    expect(session.status).toBe(200);
    expect(tablet.connected && !cutOff).toBe(true);
    const audit = await api<{ entries: { action: string }[] }>(srv.url, 'GET', `/api/v1/events/${ctx.event.id}/audit`, undefined, ADMIN_TOKEN);
    expect(audit.body.entries.filter((e) => e.action === 'booth.sheet')).toHaveLength(2);
    expect(audit.body.entries.some((e) => e.action === 'booth.rotate')).toBe(false);
  });

  it('rotating a code cuts the tablet off, kills the old link, and the next sheet prints the new one', async () => {
    srv = await startServer();
    const ctx = await setupEvent(srv.url);
    const tablet = await joined(srv.url, ctx.boothA.token);
    const gone = nextEvent(tablet, 'disconnect');
    const rotated = await api<{ token: string }>(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/booths/${ctx.boothA.id}/rotate`, {}, ADMIN_TOKEN);
    await gone;
    expect((await api(srv.url, 'GET', '/api/v1/operator/session', undefined, ctx.boothA.token)).status).toBe(401);
    const sheet = await sheetOf(srv.url, ctx.event.id, { boothIds: [ctx.boothA.id] });
    expect(tokenOf(sheet.body.booths[0]!.joinUrl)).toBe(rotated.body.token);
    const audit = await api<{ entries: { action: string; actor: string }[] }>(srv.url, 'GET', `/api/v1/events/${ctx.event.id}/audit`, undefined, ADMIN_TOKEN);
    expect(audit.body.entries.find((e) => e.action === 'booth.rotate')?.actor).toBe('admin (API)');
  });

  it('a revoked booth gets no card until it is given a new code', async () => {
    srv = await startServer();
    const ctx = await setupEvent(srv.url);
    await api(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/booths/${ctx.boothB.id}/revoke`, {}, ADMIN_TOKEN);
    const sheet = await sheetOf(srv.url, ctx.event.id, { boothIds: [ctx.boothB.id] });
    expect(sheet.body.booths[0]).toMatchObject({ joinUrl: null, needsNewCode: 'revoked' });
  });
});
