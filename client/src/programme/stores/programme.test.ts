import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { Ack, ProgrammeSnapshot, ProgrammeUpdate, VenueFigures } from '@dealboard/shared';
import type { OpenProgrammeChannel, ProgrammeHandlers } from '../../socket/programme-channel';
import { useProgrammeStore } from './programme';

const local = { source: 'local', lastHeardAt: null, behind: null, stale: false } as const;
const venue = (eventId: string, seq: number, total: number): VenueFigures => ({ eventId, name: eventId, venue: null, timezone: 'Asia/Makassar', status: 'live', target: 1e9, seq, total, count: seq, mouCount: 0, freshness: local });
const snapshot = (seq: number, venues: VenueFigures[], total: string): ProgrammeSnapshot => ({
  programmeId: 'p',
  seq,
  base: 0,
  total,
  count: 0,
  target: 5e9,
  mouCount: 0,
  venues,
  updatedAt: '',
  programme: { id: 'p', name: 'Hari Dagang', target: 5e9, milestones: [0.5], events: [], createdAt: '' },
  recent: [],
  mous: [],
});
const update = (fromSeq: number, seq: number, venues: VenueFigures[], total: string, part?: number, fromPart?: number): ProgrammeUpdate => ({ fromSeq, seq, total, count: 0, mouCount: 0, venues, changed: [], ...(part ? { part } : {}), ...(fromPart ? { fromPart } : {}) });

function fakeChannel() {
  const server = { h: undefined as unknown as ProgrammeHandlers, answers: [] as ((a: Ack<ProgrammeSnapshot>) => void)[] };
  const open: OpenProgrammeChannel = (_id, handlers) => {
    server.h = handlers;
    return { resync: () => new Promise((r) => server.answers.push(r)), close: () => {} };
  };
  return { server, open };
}

describe('national board store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('applies updates in the seq chain, keeps venues it did not name, and resyncs on a gap', async () => {
    const store = useProgrammeStore();
    const { server, open } = fakeChannel();
    store.start('p', open);
    server.h.status('connected');
    server.h.snapshot(snapshot(10, [venue('sby', 4, 100), venue('bjm', 6, 200)], '300'));
    expect([store.connection, store.total]).toEqual(['live', '300']);

    server.h.update(update(10, 11, [venue('bjm', 7, 250)], '350'));
    expect(store.venues.map((v) => v.total)).toEqual([100, 250]);
    // A freshness follow-up at the same seq, then one that says it builds on a follow-up this board never saw.
    server.h.update(update(11, 11, [{ ...venue('bjm', 7, 250), freshness: { source: 'uplink', lastHeardAt: 'x', behind: 5, stale: true } }], '350', 1));
    expect(store.venues[1]!.freshness.stale).toBe(true);
    server.h.update(update(11, 13, [venue('sby', 6, 900)], '1150', undefined, 2));
    expect([store.total, store.resyncCount]).toEqual(['350', 1]);
    server.answers[0]!({ ok: true, data: snapshot(13, [venue('sby', 6, 900), venue('bjm', 7, 250)], '1150') });
    await vi.waitFor(() => expect(store.total).toBe('1150'));
  });

  it('goes stale when the link drops and keeps its last figures', () => {
    const store = useProgrammeStore();
    const { server, open } = fakeChannel();
    store.start('p', open);
    server.h.status('connected');
    server.h.snapshot(snapshot(3, [venue('sby', 3, 100)], '100'));
    server.h.status('disconnected');
    expect([store.connection, store.total]).toEqual(['stale', '100']);
  });
});
