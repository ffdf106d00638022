import { watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { LOCALES, type Locale } from '../i18n';

const isLocale = (x: unknown): x is Locale => LOCALES.includes(x as Locale);

/**
 * The language of a public screen, which has no switch on it: the address's `?lang=` first
 * (one projector in Indonesian, the next in English), else the event's screen setting, else
 * what the device last chose. Not remembered: it belongs to the address, not the device.
 */
export function useScreenLocale(fromUrl: Ref<unknown>, fromEvent: Ref<string | undefined>): void {
  const { locale } = useI18n();
  watch(
    [fromUrl, fromEvent],
    ([url, setting]) => {
      const chosen = isLocale(url) ? url : isLocale(setting) ? setting : null;
      if (chosen && locale.value !== chosen) {
        locale.value = chosen;
        document.documentElement.lang = chosen;
      }
    },
    { immediate: true },
  );
}
