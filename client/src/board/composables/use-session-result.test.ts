import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { mount } from '@vue/test-utils';
import { createAppI18n } from '../../i18n';
import { useSessionResult, type SessionInput } from './use-session-result';

const MIN = 60_000;
const START = Date.parse('2026-04-13T09:00:00+08:00');

function resultText(input: SessionInput, locale: 'id' | 'en' = 'id'): string {
  const Host = defineComponent({
    setup() {
      const result = useSessionResult(ref(input));
      return () => h('p', result.value ?? '(none)');
    },
  });
  return mount(Host, { global: { plugins: [createAppI18n(locale)] } }).text();
}

describe('useSessionResult', () => {
  const base = { startsAt: START, endsAt: START + 60 * MIN, target: 1_300_000_000 };

  it('says nothing while the session runs', () => {
    expect(resultText({ ...base, now: START + 59 * MIN, total: 1_400_000_000, reached: null })).toBe('(none)');
  });

  it('announces how long the target took, in Indonesian and in English', () => {
    const input = { ...base, now: START + 61 * MIN, total: 1_350_000_000, reached: { at: START + 57 * MIN + 40_000, target: 1_300_000_000 } };
    expect(resultText(input)).toBe('Rp1,3 miliar dalam 58 menit');
    expect(resultText(input, 'en')).toBe('Rp1,3 miliar in 58 minutes');
  });

  it('otherwise announces the total at the end over the whole session', () => {
    expect(resultText({ ...base, now: START + 61 * MIN, total: 1_100_000_000, reached: null })).toBe('Rp1,1 miliar dalam 60 menit');
    const day = { ...base, endsAt: START + 150 * MIN, now: START + 151 * MIN, total: 900_000_000, reached: null };
    expect(resultText(day)).toBe('Rp900 juta dalam 2 jam 30 menit');
    expect(resultText({ ...day, reached: { at: START + MIN / 2, target: 1 } }, 'en')).toBe('Rp900 juta in 2 h 30 min');
  });
});
