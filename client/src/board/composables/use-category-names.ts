import { computed, type ComputedRef } from 'vue';
import { storeToRefs } from 'pinia';
import { useI18n } from 'vue-i18n';
import { categoryLabel } from '../lib/board-rows';
import { useBoardStore } from '../stores/board';

/** The event's category names in the screen's language (an English name where the event gives one), by id. */
export function useCategoryNames(): ComputedRef<ReadonlyMap<string, string>> {
  const { locale } = useI18n();
  const { event } = storeToRefs(useBoardStore());
  return computed(() => new Map((event.value?.categories ?? []).map((c) => [c.id, categoryLabel(c, locale.value)])));
}
