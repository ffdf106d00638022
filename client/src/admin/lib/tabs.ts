/** The console's tabs, in order; the open one lives in the URL (`?tab=booths&event=<id>`). */
export const CONSOLE_TABS = ['event', 'settings', 'booths', 'deals', 'mou', 'screens', 'reports', 'audit', 'accounts'] as const;
export type ConsoleTab = (typeof CONSOLE_TABS)[number];

export function toTab(value: unknown): ConsoleTab {
  return CONSOLE_TABS.includes(value as ConsoleTab) ? (value as ConsoleTab) : 'event';
}
