import { eventSettingsSchema, type PublicEvent, type ReplaySpeed } from '@dealboard/shared';
import type { Db } from '../store/db.js';
import type { EventsTable } from '../store/schema.js';
import type { Actor } from '../ledger/audit.js';
import type { BoothIdentity } from '../ledger/booths/booth-identity.js';
import type { BoothsRepo } from '../ledger/booths/booths-repo.js';
import type { EventsRepo } from '../ledger/events/events-repo.js';
import { randomId } from '../core/ids.js';

/** A replay's rehearsal copy, and the source's ids mapped to the copy's. */
export type ReplayCopy = {
  event: PublicEvent;
  /** Source booth id → the copy's booth. */
  booths: Map<string, BoothIdentity>;
  categories: Map<string, string>;
  delegations: Map<string, string>;
};

/**
 * Make the rehearsal copy a replay plays onto: the source's categories, delegations, milestones,
 * settings (`replay` on, `stopAtEnd` off) and booths (revoked ones too, so every deal has its booth),
 * its hour `spanMs / speed` long from now.
 */
export async function makeCopy(
  deps: { db: Db; events: EventsRepo; booths: BoothsRepo },
  source: EventsTable,
  speed: ReplaySpeed,
  spanMs: number,
  now: number,
  actor: Actor,
): Promise<ReplayCopy> {
  const from = await deps.events.requireEvent(source.id);
  const settings = eventSettingsSchema.parse({ ...JSON.parse(source.settings || '{}'), replay: true, stopAtEnd: false });
  const event = await deps.events.createEvent(
    {
      name: `${from.name} (replay ${speed}×)`.slice(0, 160),
      venue: from.venue ?? undefined,
      target: from.target,
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + Math.ceil(spanMs / speed)).toISOString(),
      timezone: from.timezone,
      categories: from.categories.map((c) => c.name),
      delegations: from.delegations.map((d) => d.name),
      milestones: from.milestones,
      status: 'rehearsal',
      settings,
    },
    `${source.id.slice(0, 40)}-replay-${randomId(4)}`,
    actor,
  );
  const ids = (list: { id: string; name: string }[], to: { id: string; name: string }[]) => new Map(list.map((x) => [x.id, to.find((y) => y.name === x.name)?.id ?? x.id]));
  return {
    event,
    booths: await copyBooths(deps, source.id, event.id, actor),
    categories: ids(from.categories, event.categories),
    delegations: ids(from.delegations, event.delegations),
  };
}

async function copyBooths(deps: { db: Db; booths: BoothsRepo }, fromEventId: string, eventId: string, actor: Actor): Promise<Map<string, BoothIdentity>> {
  const rows = await deps.db
    .selectFrom('booths')
    .innerJoin('delegations', (j) => j.onRef('delegations.id', '=', 'booths.delegation_id').onRef('delegations.event_id', '=', 'booths.event_id'))
    .select(['booths.id', 'booths.name', 'delegations.name as delegation'])
    .where('booths.event_id', '=', fromEventId)
    .orderBy('booths.created_at')
    .execute();
  const out = new Map<string, BoothIdentity>();
  for (const row of rows) {
    // Each booth is a commit (an fsync that holds the loop on SQLite): live requests go between them.
    await new Promise((r) => setTimeout(r, 10));
    const { token } = await deps.booths.create(eventId, { name: row.name, delegation: row.delegation }, actor);
    const booth = await deps.booths.findByToken(token);
    if (booth) out.set(row.id, booth);
  }
  return out;
}
