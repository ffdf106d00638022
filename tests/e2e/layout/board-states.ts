import { formatRupiah, type ReplayProgress } from '@dealboard/shared';
import { ADMIN_TOKEN, api, setupEvent, uuid } from '../../support/server.js';

// Every state a big screen can be in, each built on its own event through the public API, so
// the layout suite renders what a hall would see at that moment.

type Ctx = Awaited<ReturnType<typeof setupEvent>>;

/** What a state's board shows once it is ready, and what to do once the screens are open. */
export interface PreparedState {
  eventId: string;
  /** Query string of the board's address (`?lang=en`). */
  query?: string;
  /** The formatted total each screen must show before it is checked. */
  total: string;
  /** The formatted total once `onScreen` has run (the same as `total` without it). */
  finalTotal?: () => string;
  /** Done after the screens opened (the moment an MoU is announced). */
  onScreen?: () => Promise<void>;
  /** A test id the screens must show before they are checked. */
  waitFor?: string;
  /** The screen opens on its last good figures, with the server out of reach. */
  offline?: boolean;
}

export interface BoardState {
  name: string;
  prepare(base: string): Promise<PreparedState>;
}

const JT = 1_000_000;
const rp = formatRupiah;

export class EventBuilder {
  total = 0;
  private constructor(
    readonly base: string,
    readonly ctx: Ctx,
  ) {}

  static async create(base: string, overrides: Record<string, unknown> = {}): Promise<EventBuilder> {
    return new EventBuilder(base, await setupEvent(base, { venue: 'Grand City Convention Hall, Surabaya', ...overrides }));
  }

  get id(): string {
    return this.ctx.event.id;
  }

  async booth(name: string, delegation: string): Promise<{ token: string }> {
    const r = await api<{ token: string }>(this.base, 'POST', `/api/v1/events/${this.id}/booths`, { name, delegation }, ADMIN_TOKEN);
    if (r.status !== 201) throw new Error(`booth: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async deal(amount: number, opts: { booth?: { token: string }; category?: number; seller?: string; kind?: 'trade' | 'investment' } = {}): Promise<string> {
    const id = uuid();
    const cats = this.ctx.event.categories;
    const body = {
      id,
      amount,
      category: cats[(opts.category ?? 0) % cats.length]!.id,
      seller: opts.seller ?? 'UMKM Kayu Ulin Barito',
      buyer: 'CV Sumber Rejeki',
      ...(opts.kind ? { kind: opts.kind } : {}),
    };
    const r = await api(this.base, 'POST', `/api/v1/events/${this.id}/deals`, body, (opts.booth ?? this.ctx.boothA).token);
    if (r.status !== 201) throw new Error(`deal: ${JSON.stringify(r.body)}`);
    this.total += amount;
    return id;
  }

  async void(dealId: string, amount: number): Promise<void> {
    const r = await api(this.base, 'POST', `/api/v1/events/${this.id}/deals/${dealId}/void`, { reason: 'salah ketik nominal' }, ADMIN_TOKEN);
    if (r.status !== 200) throw new Error(`void: ${JSON.stringify(r.body)}`);
    this.total -= amount;
  }

  async mou(title: string, parties: string[], announce = false): Promise<void> {
    const body = { title, parties: parties.map((name) => ({ name })), signedAt: new Date().toISOString(), announce };
    const r = await api(this.base, 'POST', `/api/v1/events/${this.id}/mous`, body, ADMIN_TOKEN);
    if (r.status !== 201) throw new Error(`mou: ${JSON.stringify(r.body)}`);
  }

  /** Ten deals from six booths of both delegations, over every category and both kinds. */
  async tenDeals(sellers: readonly string[] = SELLERS, booths: readonly string[] = BOOTHS): Promise<void> {
    const stands = [];
    for (const [i, name] of booths.entries()) stands.push(await this.booth(name, i % 2 ? 'Kalsel' : 'Jatim'));
    const amounts = [125, 60.5, 18.75, 240, 7.2, 88, 33.3, 150, 12, 45.5];
    for (const [i, a] of amounts.entries()) {
      await this.deal(Math.round(a * JT), { booth: stands[i % stands.length], category: i, seller: sellers[i % sellers.length], kind: i === 3 ? 'investment' : 'trade' });
    }
  }

  ready(extra: Partial<PreparedState> = {}): PreparedState {
    return { eventId: this.id, total: rp(this.total), finalTotal: () => rp(this.total), ...extra };
  }
}

const SELLERS = ['UD Madu Kelulut Banjar', 'UMKM Rotan Amuntai', 'CV Sapi Madura Makmur', 'Kopi Arjuna Malang', 'Keripik Tempe Sanan', 'Sasirangan Bu Ida'];
const BOOTHS = ['Stan Jatim 1', 'Stan Kalsel 1', 'Stan Jatim 2', 'Stan Kalsel 2', 'Stan Jatim 3', 'Stan Kalsel 3'];
const LONG_SELLERS = [
  'Koperasi Produsen Olahan Hasil Hutan Bukan Kayu Sejahtera Bersama Kabupaten Hulu Sungai Utara',
  'UMKM Kerajinan Anyaman Purun dan Rotan Ibu-Ibu PKK Desa Banyu Hirang',
];
const LONG_BOOTHS = ['Stan Jatim 1 — Olahan Laut dan Perikanan Pesisir Selatan', 'Stan Kalsel 1 — Kerajinan Sasirangan dan Anyaman Purun'];
const LONG_CATEGORIES = ['Hasil hutan bukan kayu dan turunannya', 'Peternakan sapi, kambing dan unggas', 'Pertanian dan perkebunan rakyat', 'Makanan olahan dan minuman kemasan', 'Produk olahan lainnya dan kerajinan tangan'];

const TARGET = 1_300_000_000;

export const BOARD_STATES: BoardState[] = [
  {
    name: 'empty, before the event starts',
    prepare: async (base) => (await EventBuilder.create(base, { status: 'draft', startsAt: new Date(Date.now() + 1_800_000).toISOString(), endsAt: new Date(Date.now() + 5_400_000).toISOString() })).ready(),
  },
  {
    name: 'one deal',
    prepare: async (base) => {
      const e = await EventBuilder.create(base);
      await e.deal(125 * JT);
      return e.ready();
    },
  },
  {
    name: 'ten deals',
    prepare: async (base) => {
      const e = await EventBuilder.create(base);
      await e.tenDeals();
      return e.ready();
    },
  },
  {
    name: 'after a void',
    prepare: async (base) => {
      const e = await EventBuilder.create(base);
      await e.tenDeals();
      const wrong = await e.deal(45.5 * JT);
      return e.ready({ waitFor: 'correction', onScreen: () => e.void(wrong, 45.5 * JT) });
    },
  },
  {
    name: 'after an edit (120 → 112 jt) and a void',
    prepare: async (base) => {
      const e = await EventBuilder.create(base);
      await e.tenDeals();
      const wrong = await e.deal(120 * JT);
      const voided = await e.deal(45.5 * JT);
      return e.ready({
        waitFor: 'correction',
        onScreen: async () => {
          await e.void(wrong, 120 * JT);
          await e.deal(112 * JT);
          await e.void(voided, 45.5 * JT);
        },
      });
    },
  },
  {
    name: 'the moment an MoU is signed',
    prepare: async (base) => {
      const e = await EventBuilder.create(base);
      await e.tenDeals();
      return e.ready({ waitFor: 'mou-moment', onScreen: () => e.mou('Kerja sama pasokan rotan dan purun untuk pasar ekspor Eropa', ['Dinas Perindustrian dan Perdagangan Provinsi Jawa Timur', 'Dinas Kehutanan Provinsi Kalimantan Selatan'], true) });
    },
  },
  {
    name: 'after three MoUs',
    prepare: async (base) => {
      const e = await EventBuilder.create(base);
      await e.tenDeals();
      await e.mou('Kerja sama pasokan rotan dan purun untuk pasar ekspor Eropa', ['Dinas Perindustrian dan Perdagangan Provinsi Jawa Timur', 'Dinas Kehutanan Provinsi Kalimantan Selatan']);
      await e.mou('Kemitraan sapi potong', ['PT Ternak Banua', 'Koperasi Peternak Madura']);
      await e.mou('Pasokan kopi', ['Kopi Arjuna', 'PT Kopi Banjar']);
      return e.ready();
    },
  },
  ...[0.75, 1, 1.5].map((share) => ({
    name: `${share * 100}% of the target`,
    prepare: async (base: string) => {
      const e = await EventBuilder.create(base);
      await e.tenDeals();
      await e.deal(Math.ceil(share * TARGET) - e.total, { category: 2, seller: 'PT Kalimantan Agro Lestari' });
      return e.ready();
    },
  })),
  {
    name: 'stale (the server out of reach)',
    prepare: async (base) => {
      const e = await EventBuilder.create(base);
      await e.tenDeals();
      return e.ready({ offline: true, waitFor: 'stale-badge' });
    },
  },
  {
    name: 'long names',
    prepare: async (base) => {
      const e = await EventBuilder.create(base, {
        name: 'Misi Dagang dan Investasi Provinsi Jawa Timur dengan Provinsi Kalimantan Selatan 2026',
        venue: 'Ballroom Utama Hotel Mercure Banjarmasin, Jalan Ahmad Yani Km 2, Banjarmasin',
        categories: LONG_CATEGORIES,
      });
      await e.tenDeals(LONG_SELLERS, LONG_BOOTHS);
      await e.mou('Nota kesepahaman pengembangan rantai pasok hasil hutan bukan kayu berkelanjutan', ['Pemerintah Provinsi Jawa Timur', 'Pemerintah Provinsi Kalimantan Selatan', 'Kamar Dagang dan Industri Indonesia']);
      return e.ready();
    },
  },
  {
    name: 'in English',
    prepare: async (base) => {
      const e = await EventBuilder.create(base);
      await e.tenDeals();
      return e.ready({ query: '?lang=en' });
    },
  },
  {
    name: 'rehearsal',
    prepare: async (base) => {
      const e = await EventBuilder.create(base, { status: 'rehearsal' });
      await e.deal(250 * JT);
      return e.ready();
    },
  },
  {
    name: 'replay',
    prepare: async (base) => {
      const e = await EventBuilder.create(base, { name: 'Misi lama' });
      await e.deal(400 * JT);
      await api(base, 'POST', `/api/v1/events/${e.id}/status`, { status: 'closed' }, ADMIN_TOKEN);
      const replay = await api<ReplayProgress>(base, 'POST', `/api/v1/events/${e.id}/replay`, { speed: 60 }, ADMIN_TOKEN);
      return { eventId: replay.body.eventId, total: rp(400 * JT), waitFor: 'replay-badge' };
    },
  },
];
