import { onBeforeUnmount, onMounted, watch } from 'vue';
import { storeToRefs } from 'pinia';
import { useOperatorStore } from '../stores/operator';
import { useOutboxStore } from '../stores/outbox';
import { useMyDealsStore } from '../stores/my-deals';
import { useEntryBanner } from '../../composables/use-entry-banner';

/**
 * The tablet's session for as long as the page is open: the booth's link to the server, its
 * outbox and its own deals start with the page and stop with it. Returns what the form's banner says.
 */
export function useOperatorSession() {
  const operator = useOperatorStore();
  const outbox = useOutboxStore();
  const myDeals = useMyDealsStore();
  const entryBanner = useEntryBanner(storeToRefs(operator).event);
  // The outbox resends what waited as soon as the socket is back; catch up on this booth's deals too.
  const offConnected = operator.onConnected(() => void myDeals.refresh());
  // Deals refused only because the event was paused, closed or past its end go out once it takes deals again.
  const open = (b: string | null) => b === null || b === 'rehearsal';
  watch(entryBanner, (now, before) => {
    if (open(now) && before !== undefined && !open(before)) void outbox.retryNotLive();
  });

  onMounted(async () => {
    await Promise.all([outbox.init(), operator.start()]);
    myDeals.start();
    void (open(entryBanner.value) ? outbox.retryNotLive() : outbox.flush());
  });
  onBeforeUnmount(() => {
    offConnected();
    myDeals.stop();
    operator.stop();
  });
  return { entryBanner };
}
