import { createI18n } from 'vue-i18n';
// The messages live in JSON, one file a language (Indonesian first, the fallback). vue-i18n reads
// { } @ $ | as syntax: a literal one is written {'@'} and so on.
import id from './id.json';
import en from './en.json';
import { readStored, STORAGE_KEYS, writeStored } from '../lib/storage';

export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageSchema = typeof id;

// Checked both ways, so that neither language has a key the other lacks.
const messages = { id: id satisfies typeof en, en: en satisfies MessageSchema };

const isLocale = (x: unknown): x is Locale => LOCALES.includes(x as Locale);

/** The remembered choice, else Indonesian: the interface speaks Indonesian first. */
export function initialLocale(): Locale {
  const stored = readStored(STORAGE_KEYS.locale);
  return isLocale(stored) ? stored : 'id';
}

export function createAppI18n(locale: Locale = initialLocale()) {
  setDocumentLang(locale);
  return createI18n<[MessageSchema], Locale>({
    legacy: false,
    locale,
    fallbackLocale: 'id',
    messages,
  });
}

/** Remember a language choice for this device (the caller switches vue-i18n's locale). */
export function rememberLocale(locale: Locale): void {
  writeStored(STORAGE_KEYS.locale, locale);
  setDocumentLang(locale);
}

function setDocumentLang(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}
