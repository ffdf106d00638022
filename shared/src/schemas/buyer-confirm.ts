import { z } from 'zod';
import { nameSchema, normalizeText } from './text.js';

/**
 * A phone number as people write it ("0812-3456-7890", "+62 812 3456 7890"): kept as written once
 * tidied, checked to hold 8 to 15 digits and nothing but digits, spaces, dots, dashes, brackets and a
 * leading plus.
 */
export const buyerPhoneSchema = z
  .string({ error: 'must be text' })
  .transform(normalizeText)
  .pipe(
    z
      .string()
      .max(24, { error: 'must be at most 24 characters' })
      .regex(/^\+?[0-9 .()-]+$/, { error: 'must be a phone number (digits, spaces, dashes)' })
      .refine((s) => { const n = s.replace(/\D/g, '').length; return n >= 8 && n <= 15; }, { error: 'must have 8 to 15 digits' }),
  );

/** Who answers: the buyer's name always, a phone number when the event asks for one (`settings.buyerPhoneRequired`). */
const who = { name: nameSchema(120), phone: buyerPhoneSchema.optional() };

/** The buyer's answer on the confirm page (`POST /api/v1/confirm/:code`). */
export const buyerAnswerSchema = z.discriminatedUnion('answer', [
  z.object({ answer: z.literal('confirm'), ...who }).strict(),
  z.object({ answer: z.literal('dispute'), reason: nameSchema(300), ...who }).strict(),
]);
export type BuyerAnswer = z.input<typeof buyerAnswerSchema>;

/** Why a confirmation did not count as the buyer's: it came from the booth's own device (same address and browser as the one that asked for the code). */
export const BUYER_FLAGS = ['booth_device'] as const;
export type BuyerFlag = (typeof BUYER_FLAGS)[number];

/**
 * What was recorded of a deal's confirmation, for the organiser to call the buyer back: the answer,
 * the name and phone given, when, and whether an answer was set aside as the booth's own.
 */
export type BuyerRecord = {
  dealId: string;
  state: BuyerState | null;
  name: string | null;
  phone: string | null;
  at: string | null;
  flag: BuyerFlag | null;
  flagAt: string | null;
};

/** What a deal's buyer said: confirmed it, or flagged it as not matching (with a reason). */
export const BUYER_STATES = ['confirmed', 'disputed'] as const;
export type BuyerState = (typeof BUYER_STATES)[number];

/** What the confirm page shows of a deal, and nothing more. */
export type BuyerView = {
  eventName: string;
  boothName: string;
  seller: string;
  amount: number;
  categoryName: string;
  kind: 'trade' | 'investment';
  recordedAt: string;
  /** Set once answered (the code then refuses a second answer). */
  buyerState: BuyerState | null;
  /** The event asks the buyer for a phone number. */
  askPhone: boolean;
};

/** What a tablet gets when it asks for a deal's code: the link to show as a QR code (the code itself is not kept). */
export type BuyerCode = { url: string; qrSvg: string };

/** Deal list filter by the buyer's answer (`?buyer=`); `unconfirmed`: no answer yet. */
export const BUYER_FILTERS = ['confirmed', 'disputed', 'unconfirmed'] as const;
