import { ref } from 'vue';
import type { BuyerAnswer, BuyerView } from '@dealboard/shared';
import { apiRequest, ApiRequestError } from '../socket/api';
import { readStored, readStoredJson, STORAGE_KEYS, writeStored } from '../lib/storage';

/** Why the page cannot show the deal: the server's code (code_invalid, code_used, code_expired…) and its words in both languages. */
export type Refusal = { code: string; message: string; pesan: string; field?: string };

/** What this phone answered, kept on the phone, so reopening the link shows the answer instead of "already used". */
export type Answered = { answer: 'confirmed' | 'disputed'; setAside: boolean; name: string; at: string; eventName: string; amount: number };

const isAnswered = (v: unknown): v is Answered => typeof v === 'object' && v !== null && 'answer' in v && 'at' in v && 'eventName' in v;

/** The buyer's side of a confirmation code: read the deal once, answer it once. */
export function useBuyerConfirm(code: string) {
  const view = ref<BuyerView | null>(null);
  const refusal = ref<Refusal | null>(null);
  const answered = ref<Answered | null>(readStoredJson(STORAGE_KEYS.buyerAnswer(code), isAnswered));
  const busy = ref(false);

  const refuse = (e: unknown) => {
    if (e instanceof ApiRequestError) refusal.value = { code: e.error.code, message: e.error.message, pesan: e.error.pesan ?? e.error.message, ...(e.error.field ? { field: e.error.field } : {}) };
    else refusal.value = { code: 'network', message: 'The server could not be reached; try again', pesan: 'Server tidak dapat dihubungi; coba lagi' };
  };

  async function load(): Promise<void> {
    if (answered.value) return;
    try {
      view.value = (await apiRequest<BuyerView>('GET', `/confirm/${encodeURIComponent(code)}`)).data;
    } catch (e) {
      refuse(e);
    }
  }

  /**
   * Sends the answer. A browser signed in as a booth sends its booth token with it: the server
   * refuses a booth confirming its own deal, so a tablet that opens the link by mistake is told so.
   */
  async function answer(a: BuyerAnswer): Promise<void> {
    busy.value = true;
    refusal.value = null;
    try {
      const token = readStored(STORAGE_KEYS.boothToken) ?? undefined;
      const { data } = await apiRequest<{ setAside?: boolean }>('POST', `/confirm/${encodeURIComponent(code)}`, a, { token });
      const done: Answered = {
        answer: a.answer === 'confirm' ? 'confirmed' : 'disputed',
        setAside: Boolean(data.setAside),
        name: a.name,
        at: new Date().toISOString(),
        eventName: view.value?.eventName ?? '',
        amount: view.value?.amount ?? 0,
      };
      writeStored(STORAGE_KEYS.buyerAnswer(code), JSON.stringify(done));
      answered.value = done;
    } catch (e) {
      refuse(e);
    } finally {
      busy.value = false;
    }
  }

  return { view, refusal, answered, busy, load, answer };
}
