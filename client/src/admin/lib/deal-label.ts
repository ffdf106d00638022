import { formatRupiah, type Deal } from '@dealboard/shared';

type Translate = (key: string, named?: Record<string, unknown>) => string;
export type DealAction = 'approve' | 'reject' | 'void' | 'restore';

/**
 * The accessible name of a button repeated on every deal row: the visible word first (so voice
 * control still finds it), then which deal it acts on.
 */
export function dealActionLabel(t: Translate, action: DealAction, deal: Pick<Deal, 'seq' | 'seller' | 'buyer' | 'amount'>): string {
  return t('console.deals.actOn', { action: t(`console.deals.${action}`), seq: deal.seq, seller: deal.seller, buyer: deal.buyer, amount: formatRupiah(deal.amount) });
}
