import type { EventsRepo } from './ledger/events/events-repo.js';
import type { BoothsRepo } from './ledger/booths/booths-repo.js';

export const DEMO_EVENT_ID = 'demo';

const DEMO_BOOTHS = [
  { name: 'Stan Jatim 1 — Olahan Pangan', delegation: 'Jatim' },
  { name: 'Stan Jatim 2 — Peternakan', delegation: 'Jatim' },
  { name: 'Stan Kalsel 1 — Hasil Hutan', delegation: 'Kalsel' },
  { name: 'Stan Kalsel 2 — Pertanian', delegation: 'Kalsel' },
];

/**
 * On an empty data folder, create the demo event: the Jatim–Kalsel mission,
 * target Rp1,3 miliar in one hour from now, WIB, four booths.
 * Returns the booths' tokens (only this once) or undefined when it already exists.
 */
export async function seedDemo(events: EventsRepo, booths: BoothsRepo, now = new Date()) {
  if (await events.getEvent(DEMO_EVENT_ID)) return undefined;
  const startsAt = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const endsAt = new Date(startsAt.getTime() + 60 * 60_000);
  const event = await events.createEvent(
    {
      name: 'Misi Dagang dan Investasi Jatim–Kalsel',
      venue: 'Surabaya',
      target: 1_300_000_000,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      timezone: 'Asia/Jakarta',
      delegations: ['Jatim', 'Kalsel'],
      status: 'live',
    },
    DEMO_EVENT_ID,
  );
  const created = [];
  for (const b of DEMO_BOOTHS) {
    const { booth, token } = await booths.create(event.id, b);
    created.push({ ...booth, token });
  }
  return { event, booths: created };
}
