// A national board on one node of a two-node PostgreSQL cluster: deals taken by the other node,
// and venues added there, reach it (the change feed's notes, the programme's stored base).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { ProgrammeClientToServerEvents, ProgrammeServerToClientEvents, ProgrammeSnapshot, ProgrammeTotals, ProgrammeUpdate } from '@dealboard/shared';
import { ClusterNodes, eventually } from '../support/cluster-nodes.js';
import { ADMIN_TOKEN, api, nextEvent, setupEvent, uuid } from '../support/server.js';

const c = new ClusterNodes('postgres');
beforeAll(() => c.start(2), 120_000);
afterAll(() => c.destroy(), 60_000);

describe('a national board on a cluster', () => {
  it('shows a deal made on the other node, and a venue added there, with the same figures as /totals on either node', async () => {
    const [a, b] = c.urls as [string, string];
    const sby = await setupEvent(a, { name: 'Surabaya', timezone: 'Asia/Jakarta' });
    const bjm = await setupEvent(a, { name: 'Banjarmasin' });
    const created = await api<{ id: string }>(a, 'POST', '/api/v1/programmes', { name: 'Nasional', target: 9_000_000_000, events: [sby.event.id] }, ADMIN_TOKEN);
    const board: Socket<ProgrammeServerToClientEvents, ProgrammeClientToServerEvents> = ioClient(`${b}/programme`, { auth: { programmeId: created.body.id }, transports: ['websocket'], forceNew: true, reconnection: false });
    try {
      const snap = await nextEvent<ProgrammeSnapshot>(board, 'programme:snapshot');
      let latest = { seq: snap.seq, total: snap.total, venues: snap.venues.map((v) => v.eventId) };
      board.on('programme:update', (u: ProgrammeUpdate) => (latest = { ...latest, seq: u.seq, total: u.total }));
      board.on('programme:snapshot', (s: ProgrammeSnapshot) => (latest = { seq: s.seq, total: s.total, venues: s.venues.map((v) => v.eventId) }));

      const deal = (v: typeof sby, amount: number) => api(a, 'POST', `/api/v1/events/${v.event.id}/deals`, { id: uuid(), amount, category: v.event.categories[0]!.id, seller: 'UMKM', buyer: 'PT' }, v.boothA.token);
      expect((await deal(sby, 410_000_000)).status).toBe(201);
      await eventually(async () => expect(latest.total).toBe('410000000'), 10_000);

      expect((await api(a, 'POST', `/api/v1/programmes/${created.body.id}/events`, { eventId: bjm.event.id }, ADMIN_TOKEN)).status).toBe(201);
      await eventually(async () => expect(latest.venues).toEqual([sby.event.id, bjm.event.id]), 10_000);
      expect((await deal(bjm, 90_000_000)).status).toBe(201);
      await eventually(async () => expect(latest.total).toBe('500000000'), 10_000);
      for (const url of [a, b]) {
        const t = (await api<ProgrammeTotals>(url, 'GET', `/api/v1/programmes/${created.body.id}/totals`)).body;
        expect([t.seq, t.total]).toEqual([latest.seq, '500000000']);
      }
    } finally {
      board.disconnect();
    }
  }, 90_000);
});
