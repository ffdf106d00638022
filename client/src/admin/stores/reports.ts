import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Recap, RecapLine } from '@dealboard/shared';
import { adminRequest, eventPath } from '../lib/request';
import { toProblem } from '../lib/problem';
import { loaded } from '../lib/loaded';

/** A recap line as printed; `note` marks one that is not part of the grand total. */
export type RecapRow = RecapLine & { note?: string };

export type ExportKind = 'csv' | 'xlsx';

export const exportUrl = (eventId: string, kind: ExportKind) => `/api/v1${eventPath(eventId, `/export.${kind}`)}`;

/** The recap and the spreadsheet exports. */
export const useReportsStore = defineStore('admin-reports', () => {
  const { value: recap, loading, problem, load } = loaded<Recap | null>(null);
  const downloading = ref<ExportKind | null>(null);

  async function loadRecap(eventId: string): Promise<void> {
    if (recap.value?.event.id !== eventId) recap.value = null;
    await load(() => adminRequest<Recap>('GET', eventPath(eventId, '/recap')));
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
