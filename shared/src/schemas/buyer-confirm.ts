import { z } from 'zod';
import { nameSchema } from './text.js';

/** The buyer's answer on the confirm page (`POST /api/v1/confirm/:code`). */
export const buyerAnswerSchema = z.discriminatedUnion('answer', [
  z.object({ answer: z.literal('confirm') }).strict(),
  z.object({ answer: z.literal('dispute'), reason: nameSchema(300) }).strict(),
]);
export type BuyerAnswer = z.input<typeof buyerAnswerSchema>;

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
};

/** What a tablet gets when it asks for a deal's code: the link to show as a QR code (the code itself is not kept). */
export type BuyerCode = { url: string; qrSvg: string };

/** Deal list filter by the buyer's answer (`?buyer=`); `unconfirmed`: no answer yet. */
export const BUYER_FILTERS = ['confirmed', 'disputed', 'unconfirmed'] as const;
