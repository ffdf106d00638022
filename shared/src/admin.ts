import type { BoardCommand, ScreenInfo } from './events.js';
import type { PublicBooth } from './schemas/booth.js';
import type { PublicEvent } from './schemas/event.js';
import type { Totals } from './schemas/totals.js';
import type { Mou } from './schemas/mou.js';
import type { BuyerRecord } from './schemas/buyer-confirm.js';

// The console's REST answers, declared once for the server that sends them and the console that reads them.

/** `GET /events/:id/booths`: a booth as the console lists it. */
export type AdminBooth = PublicBooth & { revoked: boolean; createdAt: string; deals: number; total: number };

/** `POST /events/:id/booths/sheet` → `{booths: SheetCard[]}`: the booth's kept join link and its QR code (SVG); no link when the booth is revoked or its code was not kept (it needs a new code). */
export type SheetCard = { id: string; name: string; delegationName: string; joinUrl: string | null; qrSvg: string; needsNewCode?: 'revoked' | 'not_kept' };

/** One line of the recap: a category, booth, flow or kind with its total. */
export type RecapLine = { name: string; total: number; count: number };

/** `GET /events/:id/recap`: the official figures, every one from the ledger's totals, stamped in the event's zone. */
export type Recap = {
  event: PublicEvent;
  asOf: string;
  /** "13 April 2026, per pukul 16.30 WITA" */
  asOfLabel: string;
  zone: string;
  totals: Totals;
  byCategory: RecapLine[];
  byBooth: RecapLine[];
  byFlow: RecapLine[];
  byKind: RecapLine[];
  /** Recorded by the booths, confirmed by the buyer, flagged by the buyer (recorded deals of every kind). */
  buyer: RecapLine[];
  /** Share of the recorded amount the buyers confirmed, 0–1. */
  confirmedShare: number;
  /** The MoUs signed at the event (never money in the total). */
  mous: Mou[];
  /** Every buyer's answer with what they gave (name, phone, time) and answers set aside as the booth's own, by deal. */
  confirmations: RecapConfirmation[];
};

/** A recap line of the buyers' answers: the deal (number, booth, seller, amount) and what was recorded. */
export type RecapConfirmation = BuyerRecord & { seq: number; booth: string; seller: string; amount: number };

/** `GET /events/:id/audit` → `{entries: AuditEntry[]}`: who changed what, newest first. */
export type AuditEntry = { id: number; at: string; actor: string; action: string; subject: string | null; before: unknown; after: unknown };

/** `GET /events/:id/screens`: the connected screens and the mode a new screen of the event takes. */
export type ScreensList = { screens: ScreenInfo[]; mode: BoardCommand };
