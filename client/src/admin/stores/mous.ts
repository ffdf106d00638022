import { defineStore } from 'pinia';
import type { Mou, MouInput } from '@dealboard/shared';
import { adminRequest, eventPath } from '../lib/request';
import { attempt, type Result } from '../lib/result';
import { loaded } from '../lib/loaded';

type Changed = { mou: Mou; seq: number };

/** The event's MoU register: list, record, edit, announce, void with a reason, restore. */
export const useMousStore = defineStore('admin-mous', () => {
  const { value: mous, loading, problem, load: fetch } = loaded<Mou[]>([]);
  const load = (eventId: string) => fetch(async () => (await adminRequest<{ mous: Mou[] }>('GET', eventPath(eventId, '/mous'))).mous);

  /** Put a changed MoU in its place (or first, when new). */
  function keep(r: Result<Changed>): Result<Changed> {
    if (r.ok) {
      const rest = mous.value.filter((m) => m.id !== r.data.mou.id);
      const at = mous.value.findIndex((m) => m.id === r.data.mou.id);
      mous.value = at < 0 ? [r.data.mou, ...rest] : mous.value.map((m) => (m.id === r.data.mou.id ? r.data.mou : m));
    }
    return r;
  }

  const create = async (eventId: string, input: MouInput) => keep(await attempt(() => adminRequest<Changed>('POST', eventPath(eventId, '/mous'), input)));
  const update = async (eventId: string, mouId: string, input: MouInput) =>
    keep(await attempt(() => adminRequest<Changed>('PATCH', eventPath(eventId, `/mous/${encodeURIComponent(mouId)}`), input)));
  const act = async (eventId: string, mouId: string, action: 'announce' | 'restore' | 'void', reason?: string) =>
    keep(await attempt(() => adminRequest<Changed>('POST', eventPath(eventId, `/mous/${encodeURIComponent(mouId)}/${action}`), reason ? { reason } : {})));

  return { mous, loading, problem, load, create, update, act };
});
