// localStorage throws in some private modes and when full; the app must keep working without it.

export function readStored(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string | null): void {
  try {
    if (value === null) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, value);
  } catch {
    // Not fatal: the value simply is not remembered.
  }
}

export function readStoredJson<T>(key: string, isValid: (v: unknown) => v is T): T | null {
  const text = readStored(key);
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isValid(value) ? value : null;
  } catch {
    return null;
  }
}

export const STORAGE_KEYS = {
  locale: 'dealboard:locale',
  boothToken: 'dealboard:booth-token',
  boothSession: 'dealboard:booth-session',
  formChoices: 'dealboard:form-choices',
  boothDeals: 'dealboard:booth-deals',
  boardCache: (eventId: string) => `dealboard:board:${eventId}`,
  /** What this phone answered for a confirmation code. */
  buyerAnswer: (code: string) => `dealboard:buyer-answer:${code}`,
} as const;
