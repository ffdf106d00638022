import type { BuyerCode } from '@dealboard/shared';
import { apiRequest, ApiRequestError } from '../../socket/api';
import { readStored, STORAGE_KEYS } from '../../lib/storage';

/** The answer to "show the buyer a QR code": the code, or the server's reason in both languages. */
export type BuyerCodeResult = { ok: true; code: BuyerCode } | { ok: false; message: string; pesan?: string };

/** Ask for a fresh single-use code for one of this booth's deals (a new code replaces the previous one). */
export async function requestBuyerCode(dealId: string): Promise<BuyerCodeResult> {
  try {
    const token = readStored(STORAGE_KEYS.boothToken) ?? undefined;
    const { data } = await apiRequest<BuyerCode>('POST', `/operator/deals/${encodeURIComponent(dealId)}/buyer-code`, {}, { token });
    return { ok: true, code: data };
  } catch (e) {
    if (e instanceof ApiRequestError) return { ok: false, message: e.error.message, pesan: e.error.pesan };
    return { ok: false, message: String(e) };
  }
}
