import { computed, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { formatRupiahShort } from '@dealboard/shared';
import { sessionResult, type Climb } from '../lib/pace';

export interface SessionInput {
  startsAt: number;
  endsAt: number;
  now: number;
  total: number | null;
  target: number;
  reached: Climb['reached'];
}

/** "Rp1,3 miliar dalam 58 menit" once the session is over (null before). */
export function useSessionResult(input: Ref<SessionInput>) {
  const { t } = useI18n();

  function minutesText(minutes: number): string {
    if (minutes < 120) return t('board.minutes', { n: minutes }, minutes);
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m === 0 ? t('board.hours', { h }, h) : t('board.hoursMinutes', { h, m });
  }

  return computed(() => {
    const x = input.value;
    if (!Number.isFinite(x.startsAt) || !Number.isFinite(x.endsAt) || x.now < x.endsAt || x.total === null) return null;
    const r = sessionResult({ total: x.total, target: x.target, startsAt: x.startsAt, endsAt: x.endsAt, reached: x.reached });
    return t('board.result', { amount: formatRupiahShort(r.amount), duration: minutesText(r.minutes) });
  });
}
