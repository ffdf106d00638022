import { onMounted, onScopeDispose } from 'vue';

type Sentinel = { released: boolean; release(): Promise<void> };
type WakeLockApi = { request(type: 'screen'): Promise<Sentinel> };

/**
 * Keep the screen on while the board shows (Screen Wake Lock, where the browser has it:
 * Chromium on a secure origin or localhost). The browser drops the lock whenever the page
 * is hidden, so it is asked for again each time the page is visible. Failing is fine:
 * the venue's TV settings still apply.
 */
export function useWakeLock(nav: { wakeLock?: WakeLockApi } = navigator as never) {
  let sentinel: Sentinel | null = null;
  let disposed = false;

  async function acquire(): Promise<void> {
    if (!nav.wakeLock || document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
    try {
      const s = await nav.wakeLock.request('screen');
      if (disposed) void s.release();
      else sentinel = s;
    } catch {
      // Refused (no user gesture, battery saver, insecure origin): nothing more to do.
    }
  }
  const onVisibility = () => void acquire();

  onMounted(() => {
    void acquire();
    document.addEventListener('visibilitychange', onVisibility);
  });
  onScopeDispose(() => {
    disposed = true;
    document.removeEventListener('visibilitychange', onVisibility);
    void sentinel?.release().catch(() => undefined);
    sentinel = null;
  });
}
