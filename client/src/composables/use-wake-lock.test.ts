import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { mount } from '@vue/test-utils';
import { useWakeLock } from './use-wake-lock';

function fakeWakeLock() {
  const sentinels: { released: boolean; release: () => Promise<void> }[] = [];
  const request = vi.fn(async () => {
    const s = { released: false, release: vi.fn(async () => void (s.released = true)) };
    sentinels.push(s);
    return s;
  });
  return { nav: { wakeLock: { request } }, request, sentinels };
}

const host = (nav: Parameters<typeof useWakeLock>[0]) =>
  defineComponent({
    setup() {
      useWakeLock(nav);
      return () => h('div');
    },
  });

describe('useWakeLock', () => {
  it('keeps the screen on, asks again when the page is shown after the browser dropped the lock, and lets go on unmount', async () => {
    const { nav, request, sentinels } = fakeWakeLock();
    const wrapper = mount(host(nav));
    await vi.waitFor(() => expect(request).toHaveBeenCalledWith('screen'));

    sentinels[0]!.released = true; // hidden tab: the browser released it
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(request).toHaveBeenCalledTimes(2));

    wrapper.unmount();
    expect(sentinels[1]!.release).toHaveBeenCalled();
  });

  it('does nothing where the browser has no wake lock, and survives a refusal', async () => {
    expect(() => mount(host({})).unmount()).not.toThrow();
    const refusing = { wakeLock: { request: vi.fn(() => Promise.reject(new DOMException('no', 'NotAllowedError'))) } };
    const wrapper = mount(host(refusing));
    await vi.waitFor(() => expect(refusing.wakeLock.request).toHaveBeenCalled());
    wrapper.unmount();
  });
});
