import { useI18n } from 'vue-i18n';
import { formatRupiah, type Deal } from '@dealboard/shared';
import { useDealsStore } from '../stores/deals';
import { useConfirmStore } from '../stores/confirm';

/** Corrections to a deal, each asked first: void (with a reason), restore, approve, reject. */
export function useDealActions() {
  const { t } = useI18n();
  const store = useDealsStore();
  const confirm = useConfirmStore();
  const facts = (d: Deal) => ({ amount: formatRupiah(d.amount), seller: d.seller, buyer: d.buyer });

  async function voidDeal(d: Deal, rejecting = false): Promise<void> {
    const reason = await confirm.ask({
      title: rejecting ? t('console.deals.rejectTitle') : t('console.deals.voidTitle'),
      body: t('console.deals.voidBody', facts(d)),
      confirmLabel: rejecting ? t('console.deals.rejectConfirm') : t('console.deals.voidConfirm'),
      closeLabel: t('console.deals.keepDeal'),
      danger: true,
      reasonLabel: t('console.deals.reason'),
    });
    if (typeof reason === 'string') await store.correct('void', d.id, reason);
  }

  async function restore(d: Deal): Promise<void> {
    const ok = await confirm.ask({ title: t('console.deals.restore'), body: t('console.deals.confirmRestore', facts(d)), confirmLabel: t('console.deals.restore') });
    if (ok) await store.correct('restore', d.id);
  }

  async function approve(d: Deal): Promise<void> {
    const ok = await confirm.ask({ title: t('console.deals.approve'), body: t('console.deals.confirmApprove', facts(d)), confirmLabel: t('console.deals.approve') });
    if (ok) await store.correct('approve', d.id);
  }

  return { voidDeal, reject: (d: Deal) => voidDeal(d, true), restore, approve };
}
