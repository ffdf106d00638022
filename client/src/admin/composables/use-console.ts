import { useI18n } from 'vue-i18n';
import { useConfirmStore } from '../stores/confirm';
import { useSessionStore } from '../stores/session';

/**
 * What a console panel reaches for: its messages, who is signed in (`session.can` hides what
 * their role may not do), and the one dialog every destructive action is confirmed in.
 */
export function useConsole() {
  const { t } = useI18n();
  return { t, session: useSessionStore(), confirm: useConfirmStore() };
}
