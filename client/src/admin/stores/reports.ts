import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { Mou, PublicEvent, Totals } from '@dealboard/shared';
import { adminRequest, eventPath } from '../lib/request';
import { attempt } from '../lib/result';
import { toProblem, type Problem } from '../lib/problem';

export type RecapLine = { name: string; total: number; count: number };
/** A recap line as printed; `note` marks one that is not part of the grand total. */
export type RecapRow = RecapLine & { note?: string };

/** `GET /events/:id/recap`: the official figures, stamped in the event's zone. */
export type Recap = {
  event: PublicEvent;
  asOf: string;
  asOfLabel: string;
  zone: string;
  totals: Totals;
  byCategory: RecapLine[];
  byBooth: RecapLine[];
  byFlow: RecapLine[];
  byKind: RecapLine[];
  /** Reported by booths, confirmed by buyers, disputed. */
  buyer?: RecapLine[];
  confirmedShare?: number;
  mous?: Mou[];
};

export type ExportKind = 'csv' | 'xlsx';

export const exportUrl = (eventId: string, kind: ExportKind) => `/api/v1${eventPath(eventId, `/export.${kind}`)}`;

/** The recap and the spreadsheet exports. */
export const useReportsStore = defineStore('admin-reports', () => {
  const recap = shallowRef<Recap | null>(null);
  const loading = ref(false);
  const problem = shallowRef<Problem | null>(null);
  const downloading = ref<ExportKind | null>(null);

  async function loadRecap(eventId: string): Promise<void> {
    if (recap.value?.event.id !== eventId) recap.value = null;
    loading.value = true;
    const r = await attempt(() => adminRequest<Recap>('GET', eventPath(eventId, '/recap')));
    loading.value = false;
    if (r.ok) {
      recap.value = r.data;
      problem.value = null;
    } else problem.value = r.problem;
  }

  /**
   * Fetch an export and hand it to the browser as a download, so the console can show
   * progress and a readable error instead of a raw JSON page.
   */
  async function download(eventId: string, kind: ExportKind): Promise<void> {
    if (downloading.value) return;
    downloading.value = kind;
    problem.value = null;
    try {
      const res = await fetch(exportUrl(eventId, kind), { credentials: 'same-origin' });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string; pesan?: string } } | null;
        problem.value = {
          code: body?.error?.code ?? 'internal',
          status: res.status,
          message: body?.error?.message ?? `HTTP ${res.status}`,
          pesan: body?.error?.pesan ?? body?.error?.message ?? `HTTP ${res.status}`,
        };
        return;
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `transaksi.${kind}`;
      saveBlob(await res.blob(), name);
    } catch (e) {
      problem.value = toProblem(Object.assign(new Error(String(e)), { name: 'NetworkError' }));
    } finally {
      downloading.value = null;
    }
  }

  return { recap, loading, problem, downloading, loadRecap, download };
});

function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
