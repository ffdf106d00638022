import { ApiRequestError } from './request';

/**
 * A failure as the console shows it: both languages kept, so switching the
 * language re-words an error already on screen. `field` names the input to mark.
 */
export type Problem = { code: string; status: number; message: string; pesan: string; field?: string };

/** Any thrown value as a {@link Problem}; unreachable server and programming errors included. */
export function toProblem(e: unknown): Problem {
  if (e instanceof ApiRequestError) {
    const { code, message, pesan, field } = e.error;
    if (e.status === 401) {
      return { code, status: 401, message: 'You are signed out. Sign in again.', pesan: 'Sesi Anda berakhir. Silakan masuk lagi.' };
    }
    return { code, status: e.status, message, pesan: pesan ?? message, ...(field ? { field } : {}) };
  }
  if (e instanceof Error && e.name === 'NetworkError') {
    return { code: 'network', status: 0, message: 'The server cannot be reached. Check the connection and try again.', pesan: 'Server tidak dapat dihubungi. Periksa koneksi lalu coba lagi.' };
  }
  const text = e instanceof Error ? e.message : String(e);
  return { code: 'internal', status: 0, message: text, pesan: text };
}

/** A problem made on this side (e.g. a form check before sending). */
export function localProblem(field: string, message: string, pesan: string): Problem {
  return { code: 'validation_failed', status: 0, message, pesan, field };
}

/** The text to show in the current language. */
export function problemText(p: Problem, locale: string): string {
  return locale === 'en' ? p.message : p.pesan;
}

/** Whether `p` is about `field` (or one of its parts, e.g. `categories.2.name` for `categories`). */
export function isAbout(p: Problem | null | undefined, field: string): boolean {
  if (!p?.field) return false;
  return p.field === field || p.field.startsWith(`${field}.`);
}
