// The console's own messages, merged into the app's vue-i18n at runtime under `console`
// (the shared message files belong to the rest of the client).
import { en } from './en';
import { id } from './id';
import { teamEn } from './team.en';
import { teamId } from './team.id';
import { mouConsoleEn, mouConsoleId } from './mou';

export type { ConsoleMessages } from './id';
export const consoleMessages = {
  id: { ...id, team: teamId, mou: mouConsoleId, tabs: { ...id.tabs, mou: mouConsoleId.tab } },
  en: { ...en, team: teamEn, mou: mouConsoleEn, tabs: { ...en.tabs, mou: mouConsoleEn.tab } },
};

type Merger = { mergeLocaleMessage(locale: string, message: Record<string, unknown>): void };

/** Add the console's messages to an i18n instance (`useI18n({ useScope: 'global' })` or `i18n.global`). */
export function installConsoleMessages(i18n: unknown): void {
  const target = i18n as Merger;
  for (const [locale, messages] of Object.entries(consoleMessages)) target.mergeLocaleMessage(locale, { console: messages });
}
