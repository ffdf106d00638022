import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { AdminBooth, BoothCreated, SheetCard } from '@dealboard/shared';
import { adminRequest, eventPath } from '../lib/request';
import { attempt, type Result } from '../lib/result';
import type { Problem } from '../lib/problem';

const boothPath = (eventId: string, boothId = '', rest = '') => eventPath(eventId, `/booths${boothId ? `/${encodeURIComponent(boothId)}` : ''}${rest}`);

/**
 * Booths of the current event. The server keeps each join link sealed, so the sheet
 * prints the current links as often as needed; only "New code" (rotate) replaces one.
 */
export const useBoothsStore = defineStore('admin-booths', () => {
  const eventId = ref<string | null>(null);
  const booths = shallowRef<AdminBooth[]>([]);
  const loading = ref(false);
  const problem = shallowRef<Problem | null>(null);
  /** The join code just made (new booth or new code), shown until dismissed. */
  const issued = shallowRef<SheetCard | null>(null);

  async function load(id: string): Promise<void> {
    if (eventId.value !== id) {
      booths.value = [];
      issued.value = null;
    }
    eventId.value = id;
    loading.value = true;
    const r = await attempt(() => adminRequest<{ booths: AdminBooth[] }>('GET', boothPath(id)));
    loading.value = false;
    if (eventId.value !== id) return;
    if (r.ok) {
      booths.value = r.data.booths;
      problem.value = null;
    } else problem.value = r.problem;
  }

  /** Add a booth and show its join code with a QR (the QR from the sheet call, same link). */
  async function create(id: string, input: { name: string; delegation: string }): Promise<Result<SheetCard>> {
    const r = await attempt(() => adminRequest<BoothCreated>('POST', boothPath(id), input));
    if (!r.ok) return r;
    const card = await cardOf(id, r.data.id);
    if (!card.ok) {
      // No QR, but the link from creation still works.
      issued.value = { id: r.data.id, name: r.data.name, delegationName: input.delegation, joinUrl: r.data.joinUrl, qrSvg: '' };
      await load(id);
    }
    return { ok: true, data: issued.value! };
  }

  async function update(id: string, boothId: string, patch: { name?: string; delegation?: string }): Promise<Result<unknown>> {
    const r = await attempt(() => adminRequest('PATCH', boothPath(id, boothId), patch));
    if (r.ok) await load(id);
    return r;
  }

  /**
   * Revoke a booth (it stays, refused), or remove it for good with its rehearsal deals (the
   * server refuses a booth with deals outside rehearsal). Its join card, if shown, goes.
   */
  async function end(id: string, boothId: string, how: 'revoke' | 'remove'): Promise<Result<unknown>> {
    const r = await attempt(() => (how === 'revoke' ? adminRequest('POST', boothPath(id, boothId, '/revoke')) : adminRequest('DELETE', boothPath(id, boothId))));
    if (r.ok) {
      if (issued.value?.id === boothId) issued.value = null;
      await load(id);
    }
    return r;
  }
  const revoke = (id: string, boothId: string) => end(id, boothId, 'revoke');
  const remove = (id: string, boothId: string) => end(id, boothId, 'remove');

  /** A new join code for one booth (also re-activates a revoked one); the old code stops working, its tablet is cut off. */
  async function reissue(id: string, boothId: string): Promise<Result<SheetCard>> {
    const rotated = await attempt(() => adminRequest('POST', boothPath(id, boothId, '/rotate')));
    return rotated.ok ? cardOf(id, boothId) : rotated;
  }

  /** The card of one booth, shown until dismissed. */
  async function cardOf(id: string, boothId: string): Promise<Result<SheetCard>> {
    const r = await sheet(id, [boothId]);
    if (!r.ok) return r;
    const card = r.data[0];
    if (!card?.joinUrl) return { ok: false, problem: { code: 'not_found', status: 404, message: 'Booth not found', pesan: 'Stan tidak ditemukan' } };
    issued.value = card;
    return { ok: true, data: card };
  }

  /** The current join codes with QR for the chosen booths (all active ones when none are chosen); nothing changes. */
  async function sheet(id: string, boothIds?: string[]): Promise<Result<SheetCard[]>> {
    const r = await attempt(() => adminRequest<{ booths: SheetCard[] }>('POST', boothPath(id, '', '/sheet'), boothIds ? { boothIds } : {}, 60_000));
    await load(id);
    return r.ok ? { ok: true, data: r.data.booths } : r;
  }

  function dismissIssued(): void {
    issued.value = null;
  }

  return { eventId, booths, loading, problem, issued, load, create, update, revoke, remove, reissue, sheet, dismissIssued };
});
