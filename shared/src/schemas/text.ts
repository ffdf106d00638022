import { z } from 'zod';

/** A surrogate pair, or else a lone surrogate (no lookbehind: older tablet browsers lack it). */
const SURROGATES = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g;
/**
 * What a name never needs and what lets two names look alike: control and format characters
 * (NUL, zero-width space and joiners, bidi overrides and isolates, soft hyphen, BOM) and the
 * blank letters and selectors that draw nothing (Hangul fillers, braille blank, variation selectors).
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\u115F\u1160\u2800\u3164\uFFA0]|\u034F|\u17B4|\u17B5|[\u180B-\u180F]|[\uFE00-\uFE0F]/gu;

/**
 * The one form every free text takes before it is stored, fingerprinted or counted:
 * lone surrogates replaced (U+FFFD), NFC, every run of white space one space, invisible
 * characters dropped, trimmed. Tablets and the server run the same function.
 */
export function normalizeText(s: string): string {
  return s
    .replace(SURROGATES, (m) => (m.length === 2 ? m : '\uFFFD'))
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(INVISIBLE, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Normalised, non-empty, bounded human text (names, sellers, buyers, reasons). */
export const nameSchema = (max = 120) =>
  z
    .string({ error: 'must be text' })
    .transform(normalizeText)
    .pipe(z.string().min(1, { error: 'must not be empty' }).max(max, { error: `must be at most ${max} characters` }));

/** Blank (`""`, spaces only, invisible characters only) or `null` means the same as leaving the field out. */
const blank = z.union([z.null(), z.string().regex(/^[\s\p{Cc}\p{Cf}]*$/u)]).transform(() => undefined);

/**
 * An optional free text: normalised, and absent when blank, so a resend that sends `""` where the
 * first send had nothing is the same deal.
 */
export const optionalTextSchema = (max: number) =>
  z
    .string({ error: 'must be text' })
    .nullish()
    .transform((s) => (s == null ? undefined : normalizeText(s) || undefined))
    .pipe(z.string().max(max, { error: `must be at most ${max} characters` }).optional());

/**
 * An optional field of another type whose blank form (`""`, spaces, `null`) means absent. Typed
 * as the plain optional so callers still see the field's own type.
 */
export const optionalOf = <T extends z.ZodType>(schema: T, error: string) =>
  z.union([blank, schema], { error }).optional() as unknown as z.ZodOptional<T>;
