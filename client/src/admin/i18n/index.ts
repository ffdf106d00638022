// The console's own messages, merged into the app's vue-i18n at runtime under `console`
// (the app's message files belong to the rest of the client). One JSON file a topic and a
// language; vue-i18n reads { } @ $ | as syntax: a literal one is written {'@'} and so on.
import id from './id.json';
import en from './en.json';
import settingsId from './settings.id.json';
import settingsEn from './settings.en.json';
import lifecycleId from './lifecycle.id.json';
import lifecycleEn from './lifecycle.en.json';
import teamId from './team.id.json';
import teamEn from './team.en.json';
import mouId from './mou.id.json';
import mouEn from './mou.en.json';

const consoleId = { ...id, settings: settingsId, lifecycle: lifecycleId, team: teamId, mou: mouId, tabs: { ...id.tabs, mou: mouId.tab } };
const consoleEn = { ...en, settings: settingsEn, lifecycle: lifecycleEn, team: teamEn, mou: mouEn, tabs: { ...en.tabs, mou: mouEn.tab } };

export type ConsoleMessages = typeof consoleId;

// Checked both ways, so that neither language has a key the other lacks.
export const consoleMessages = { id: consoleId satisfies typeof consoleEn, en: consoleEn satisfies ConsoleMessages };

type Merger = { mergeLocaleMessage(locale: string, message: Record<string, unknown>): void };

/** Add the console's messages to an i18n instance (`useI18n({ useScope: 'global' })` or `i18n.global`). */
export function installConsoleMessages(i18n: unknown): void {
  const target = i18n as Merger;
  for (const [locale, messages] of Object.entries(consoleMessages)) target.mergeLocaleMessage(locale, { console: messages });
}
