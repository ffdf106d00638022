import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { changeLines } from './audit-words';
import id from '../i18n/id.json';
import en from '../i18n/en.json';

const i18n = (locale: 'id' | 'en') => {
  const g = createI18n({ legacy: false, locale, messages: { id: { console: id }, en: { console: en } } }).global;
  return { t: (k: string) => g.t(k), te: (k: string) => g.te(k) };
};
const say = (before: unknown, after: unknown, locale: 'id' | 'en' = 'id') =>
  changeLines(before, after, 'Asia/Makassar', i18n(locale)).map((l) => `${l.field}: ${l.before ?? ''}${l.before !== null && l.after !== null ? ' → ' : ''}${l.after ?? ''}`);

describe('an audit change in words', () => {
  it('says a void as the status before and after, with the reason, in the console language', () => {
    expect(say({ status: 'recorded', voidReason: null }, { status: 'voided', reason: 'Salah ketik' })).toEqual(['Status: tercatat → dibatalkan', 'Alasan pembatalan: —', 'Alasan: Salah ketik']);
    expect(say({ status: 'recorded' }, { status: 'voided' }, 'en')).toEqual(['Status: recorded → voided']);
  });

  it('writes amounts in Rupiah, times in the event zone, and leaves out what did not change', () => {
    expect(say({ target: 1_300_000_000, name: 'Misi' }, { target: 1_500_000_000, name: 'Misi' })).toEqual(['Target: Rp1.300.000.000 → Rp1.500.000.000']);
    expect(say(null, { endsAt: '2026-04-13T08:30:00.000Z', approvalRequired: true })).toEqual(['Selesai: 2026-04-13 16.30.00 WITA', 'Perlu persetujuan: ya']);
  });

  it('names a new booth by its fields, not its JSON, and spells out a field nobody labelled', () => {
    const lines = say(null, { id: 'b-1', eventId: 'demo', name: 'Stan Kalsel 2', delegationName: 'Kalsel', someNewField: 3 });
    expect(lines).toEqual(['Nama: Stan Kalsel 2', 'Delegasi: Kalsel', 'some new field: 3']);
    expect(lines.join(' ')).not.toMatch(/[{}"]/);
  });

  it('shows an uploaded logo as an image, and cuts an overlong text', () => {
    const logo = `data:image/png;base64,${'A'.repeat(5000)}`;
    expect(say(null, { settings: { branding: { logo } } })).toEqual(['Logo: (gambar)']);
    const [line] = say(null, { name: 'x'.repeat(500) });
    expect(line!.length).toBeLessThan(100);
  });
});
