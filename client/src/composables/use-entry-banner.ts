import { computed, type Ref } from 'vue';
import { pastEnd, type EventStatus, type PublicEvent } from '@dealboard/shared';
import { useNow } from './use-now';

export type EntryBanner = Exclude<EventStatus, 'live'> | 'ended';

/**
 * What the tablet says above its form: why entry is off (draft, paused, closed, or the end
 * time passed on an event that stops there), or that deals are rehearsal ones; null when live.
 */
export function useEntryBanner(event: Ref<PublicEvent | null | undefined>) {
  const now = useNow(5_000);
  return computed<EntryBanner | null>(() => {
    const e = event.value;
    if (!e) return null;
    if ((e.status === 'live' || e.status === 'rehearsal') && pastEnd(e, now.value)) return 'ended';
    return e.status === 'live' ? null : e.status;
  });
}
