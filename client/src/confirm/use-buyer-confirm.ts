import { ref } from 'vue';
import type { BuyerAnswer, BuyerView } from '@dealboard/shared';
import { apiRequest, ApiRequestError } from '../socket/api';

/** Why the page cannot show the deal: the server's code (code_invalid, code_used, code_expired…) and its words in both languages. */
export type Refusal = { code: string; message: string; pesan: string };

/** The buyer's side of a confirmation code: read the deal once, answer it once. */
export function useBuyerConfirm(code: string) {
  const view = ref<BuyerView | null>(null);
  const refusal = ref<Refusal | null>(null);
  const answered = ref<'confirmed' | 'disputed' | null>(null);
  const busy = ref(false);

  const refuse = (e: unknown) => {
    if (e instanceof ApiRequestError) refusal.value = { code: e.error.code, message: e.error.message, pesan: e.error.pesan ?? e.error.message };
    else refusal.value = { code: 'network', message: 'The server could not be reached; try again', pesan: 'Server tidak dapat dihubungi; coba lagi' };
  };

  async function load(): Promise<void> {
    try {
      view.value = (await apiRequest<BuyerView>('GET', `/confirm/${encodeURIComponent(code)}`)).data;
    } catch (e) {
      refuse(e);
    }
  }

  async function answer(a: BuyerAnswer): Promise<void> {
    busy.value = true;
    try {
      await apiRequest('POST', `/confirm/${encodeURIComponent(code)}`, a);
      answered.value = a.answer === 'confirm' ? 'confirmed' : 'disputed';
    } catch (e) {
      refuse(e);
    } finally {
      busy.value = false;
    }
  }

  return { view, refusal, answered, busy, load, answer };
}
