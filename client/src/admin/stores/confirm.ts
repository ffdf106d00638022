import { defineStore } from 'pinia';
import { shallowRef } from 'vue';

export type ConfirmRequest = {
  title: string;
  body?: string;
  confirmLabel: string;
  /** Destructive actions get a red button. */
  danger?: boolean;
  /** Ask for a reason (a void); the answer is the trimmed text. */
  reasonLabel?: string;
  /** The button that closes the dialog and does nothing ("Tutup" by default): named by what it does, like the other. */
  closeLabel?: string;
};

/** `false` when cancelled; `true`, or the reason text when one was asked for. */
export type ConfirmAnswer = false | true | string;

/**
 * One question at a time, answered in the console's dialog (`confirm-host.vue`):
 * every destructive action awaits `ask()` before it calls the server.
 */
export const useConfirmStore = defineStore('admin-confirm', () => {
  const current = shallowRef<ConfirmRequest | null>(null);
  let settle: ((answer: ConfirmAnswer) => void) | null = null;

  function ask(request: ConfirmRequest): Promise<ConfirmAnswer> {
    settle?.(false);
    current.value = request;
    return new Promise((resolve) => {
      settle = resolve;
    });
  }

  function answer(value: ConfirmAnswer): void {
    const done = settle;
    settle = null;
    current.value = null;
    done?.(value);
  }

  return { current, ask, answer };
});
