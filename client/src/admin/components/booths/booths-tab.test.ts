import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import BoothsTab from './booths-tab.vue';
import { apiError, expectAskedFirst, fakeServer, openConsole } from '../../test/harness';
import { demoEvent } from '../../../test/fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const QR = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M1 1h7"/></svg>';
const booth = (id: string, name: string, revoked = false, deals = 2) => ({ id, name, delegationId: 'kalsel', delegationName: 'Kalsel', revoked, createdAt: '2026-04-13T00:00:00Z', deals, total: deals ? 75_000_000 : 0 });

function server(booths = [booth('b1', 'Stan Rotan')]) {
  return fakeServer({
    'GET /events/demo': { body: demoEvent },
    'GET /events': { body: { events: [demoEvent] } },
    'GET /events/demo/booths': { body: { booths } },
    'POST /events/demo/booths': { status: 201, body: { id: 'b2', name: 'Stan Purun', delegationId: 'kalsel', token: 'creation-token', joinUrl: 'http://192.168.1.5:3000/join/creation-token' } },
    'POST /events/demo/booths/sheet': ({ body }) => {
      const ids = (body as { boothIds?: string[] }).boothIds ?? booths.filter((b) => !b.revoked).map((b) => b.id);
      const card = (id: string) => ({ id, name: id === 'b2' ? 'Stan Purun' : 'Stan Rotan', delegationName: 'Kalsel' });
      return { body: { booths: ids.map((id) => (id === 'b3' ? { ...card(id), name: 'Stan Lama', joinUrl: null, qrSvg: '', needsNewCode: 'not_kept' } : { ...card(id), joinUrl: `http://192.168.1.5:3000/join/kept-${id}`, qrSvg: QR })) } };
    },
    'POST /events/demo/booths/b1/revoke': { body: { ...booth('b1', 'Stan Rotan', true) } },
  });
}

describe('booths', () => {
  it('lists booths with their deals and total in Rupiah', async () => {
    server();
    const w = await openConsole(BoothsTab, { event: demoEvent });
    const row = w.get('[data-testid="booth-row-b1"]').text();
    for (const shown of ['Stan Rotan', 'Rp75.000.000', 'Aktif']) expect(row).toContain(shown);
  });

  it('adds a booth and shows its join link with a QR code at once', async () => {
    const s = server();
    const w = await openConsole(BoothsTab, { event: demoEvent });
    await w.get('[data-testid="booth-name"]').setValue('Stan Purun');
    await w.get('[data-testid="booth-delegation"]').setValue('Kalsel');
    await w.get('[data-testid="booth-create"]').trigger('submit');
    await flushPromises();
    expect(s.sent('POST', '/events/demo/booths')[0]?.body).toEqual({ name: 'Stan Purun', delegation: 'Kalsel' });
    expect(s.sent('POST', '/events/demo/booths/sheet')[0]?.body).toEqual({ boothIds: ['b2'] });
    expect(w.get('[data-testid="join-url"]').text()).toBe('http://192.168.1.5:3000/join/kept-b2');
    expect(w.get('[data-testid="join-qr"]').attributes('src')).toMatch(/^data:image\/svg\+xml/);
  });

  it('revokes only after the organiser confirms', async () => {
    const s = server();
    const w = await openConsole(BoothsTab, { event: demoEvent });
    await expectAskedFirst(w, () => w.get('[data-testid="booth-revoke"]').trigger('click'), 'Stan Rotan', () => s.sent('POST', '/events/demo/booths/b1/revoke'));
  });

  it('in a rehearsal, removes a booth with its rehearsal deals only after the organiser confirms', async () => {
    let listed = [booth('b1', 'Stan Rotan'), booth('b2', 'Stan Purun')];
    const s = fakeServer({
      'GET /events/demo/booths': () => ({ body: { booths: listed } }),
      'DELETE /events/demo/booths/b1': () => {
        listed = listed.filter((b) => b.id !== 'b1');
        return { body: { id: 'b1', removedDeals: 2, seq: 9 } };
      },
    });
    const w = await openConsole(BoothsTab, { event: { ...demoEvent, status: 'rehearsal' } });
    const remove = () => w.get('[data-testid="booth-row-b1"] [data-testid="booth-remove"]').trigger('click');
    await expectAskedFirst(w, remove, 'Hapus stan “Stan Rotan” beserta transaksi gladinya?', () => s.sent('DELETE', '/events/demo/booths/b1'));
    expect(w.find('[data-testid="booth-row-b1"]').exists()).toBe(false);
    expect(w.find('[data-testid="booth-row-b2"]').exists()).toBe(true);
  });

  it('in a live event, offers removal only for a booth that recorded nothing, and shows why the server refused', async () => {
    fakeServer({
      'GET /events/demo/booths': { body: { booths: [booth('b1', 'Stan Rotan'), booth('b2', 'Stan Kosong', false, 0)] } },
      'DELETE /events/demo/booths/b2': apiError(409, 'booth_has_deals', 'This booth has 1 deal outside rehearsal and cannot be removed; revoke it instead', 'Stan ini memiliki 1 transaksi di luar gladi dan tidak dapat dihapus; cabut saja aksesnya'),
    });
    const w = await openConsole(BoothsTab, { event: demoEvent });
    expect(w.find('[data-testid="booth-row-b1"] [data-testid="booth-remove"]').exists()).toBe(false);
    await w.get('[data-testid="booth-row-b2"] [data-testid="booth-remove"]').trigger('click');
    expect(w.get('[data-testid="confirm-dialog"]').text()).toContain('Stan yang memiliki transaksi di luar gladi tidak dapat dihapus');
    await w.get('[data-testid="confirm-ok"]').trigger('click');
    await flushPromises();
    expect(w.get('[data-testid="booth-row-b2"] [data-testid="error-note"]').text()).toContain('cabut saja aksesnya');
  });

  it('prints the current codes without asking (nothing changes), and names booths that need a new code', async () => {
    const s = server([booth('b1', 'Stan Rotan'), booth('b2', 'Stan Purun'), booth('b3', 'Stan Lama')]);
    const print = vi.fn();
    Object.defineProperty(window, 'print', { value: print, configurable: true });
    const w = await openConsole(BoothsTab, { event: demoEvent });
    await w.get('[data-testid="print-sheet"]').trigger('click');
    await flushPromises();
    expect(document.body.querySelector('[data-testid="confirm-dialog"]')).toBeNull();
    expect(s.sent('POST', '/events/demo/booths/sheet')[0]?.body).toEqual({});
    const cards = document.body.querySelectorAll('[data-testid="qr-card"]');
    expect(cards).toHaveLength(2);
    expect(cards[0]?.textContent).toContain('http://192.168.1.5:3000/join/kept-b1');
    expect(cards[0]?.querySelector('img')?.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(document.body.querySelector('[data-testid="sheet-missing"]')?.textContent).toContain('Tidak ada kartu untuk Stan Lama');
    (document.body.querySelector('[data-testid="sheet-print"]') as HTMLButtonElement).click();
    expect(print).toHaveBeenCalled();
  });
});
