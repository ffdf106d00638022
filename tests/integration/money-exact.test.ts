import { describe, expect, it } from 'vitest';
import type { BoardSnapshot, MouTotals, Recap } from '@dealboard/shared';
import { ADMIN_TOKEN, api, boardSocket, nextEvent, setupEvent } from '../support/server.js';
import { serverWithEvent } from '../support/event-fixture.js';

// Every sum the product shows is exact or refused, on both stores (this file also runs under
// TEST_STORE=postgres): MoU values are summed beside the deals and kept within 2^53 − 1 the same way.
type ErrorBody = { error: { code: string; message: string; pesan: string; field?: string } };
const fixture = serverWithEvent();
const BIG = 999_999_999_999_999;
const mou = (title: string, value: number) => ({ title, parties: [{ name: 'Dinas Perdagangan Jatim' }, { name: 'Dinas Perindustrian Kalsel' }], signedAt: new Date().toISOString(), value });
const admin = <T>(method: string, path: string, body?: unknown) => api<T>(fixture.srv.url, method, `/api/v1${path}`, body, ADMIN_TOKEN);
const mouTotals = async (eventId: string) => (await api<{ mou: MouTotals }>(fixture.srv.url, 'GET', `/api/v1/events/${eventId}/totals`)).body.mou;

describe('MoU values stay exact', () => {
  it('eleven MoUs of Rp999.999.999.999.999: the ones past 2^53 − 1 are refused in both languages; totals, recap and board show the exact sum', async () => {
    const { event } = await setupEvent(fixture.srv.url);
    const answers: number[] = [];
    let refusal: ErrorBody | undefined;
    for (let i = 0; i < 11; i++) {
      const res = await admin<ErrorBody>('POST', `/events/${event.id}/mous`, mou(`MoU ${i}`, BIG));
      answers.push(res.status);
      if (res.status !== 201) refusal ??= res.body;
    }
    // 9 × BIG = 8.999.999.999.999.991 fits; a tenth would pass 9.007.199.254.740.991.
    expect(answers).toEqual([...Array(9).fill(201), 422, 422]);
    expect(refusal!.error).toMatchObject({ code: 'total_too_large', field: 'value' });
    expect(refusal!.error.message).toContain('Rp9.007.199.254.740.991');
    expect(refusal!.error.pesan).toContain('MoU');
    const exact = 9 * BIG;
    expect(Number.isSafeInteger(exact)).toBe(true);
    expect(await mouTotals(event.id)).toMatchObject({ count: 9, value: 8_999_999_999_999_991 });

    const recap = (await admin<Recap>('GET', `/events/${event.id}/recap`)).body;
    expect(recap.totals.mou).toMatchObject({ count: 9, value: 8_999_999_999_999_991 });
    const board = boardSocket(fixture.srv.url, event.id);
    const snap = await nextEvent<BoardSnapshot>(board, 'board:snapshot');
    board.disconnect();
    expect(snap.mou).toMatchObject({ count: 9, value: 8_999_999_999_999_991 });

    // What is left below the bound still fits exactly.
    const rest = Number.MAX_SAFE_INTEGER - exact;
    expect((await admin('POST', `/events/${event.id}/mous`, mou('MoU sisa', rest))).status).toBe(201);
    expect((await admin<ErrorBody>('POST', `/events/${event.id}/mous`, mou('MoU satu rupiah', 1))).body.error.code).toBe('total_too_large');
    expect((await mouTotals(event.id)).value).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('an edit or a restore that would pass the bound is refused; a void makes room, and a value left out counts as nothing', async () => {
    const { event } = await setupEvent(fixture.srv.url);
    const ids: string[] = [];
    for (let i = 0; i < 9; i++) ids.push((await admin<{ mou: { id: string } }>('POST', `/events/${event.id}/mous`, mou(`MoU ${i}`, BIG))).body.mou.id);
    const small = (await admin<{ mou: { id: string } }>('POST', `/events/${event.id}/mous`, mou('MoU kecil', 1_000_000))).body.mou.id;
    const noValue = await admin('POST', `/events/${event.id}/mous`, { ...mou('MoU tanpa nilai', 0), value: undefined });
    expect(noValue.status).toBe(201);

    const edit = await admin<ErrorBody>('PATCH', `/events/${event.id}/mous/${small}`, mou('MoU kecil', BIG));
    expect(edit.status).toBe(422);
    expect(edit.body.error.code).toBe('total_too_large');
    // Editing one of the big ones to its own value again is no growth: accepted.
    expect((await admin('PATCH', `/events/${event.id}/mous/${ids[0]}`, mou('MoU 0 (ubah judul)', BIG))).status).toBe(200);

    expect((await admin('POST', `/events/${event.id}/mous/${ids[1]}/void`, { reason: 'salah input' })).status).toBe(200);
    expect((await admin('POST', `/events/${event.id}/mous`, mou('MoU pengganti', BIG))).status).toBe(201);
    const restore = await admin<ErrorBody>('POST', `/events/${event.id}/mous/${ids[1]}/restore`);
    expect(restore.status).toBe(422);
    expect(restore.body.error.code).toBe('total_too_large');
    expect(await mouTotals(event.id)).toMatchObject({ count: 11, value: 9 * BIG + 1_000_000 });
  });
});
