import { randomUUID } from 'node:crypto';
import { eventSettingsSchema, type Deal, type ReplayProgress, type ReplaySpeed } from '@dealboard/shared';
import type { Logger } from 'pino';
import type { Db } from '../store/db.js';
import { audit, type Actor } from '../ledger/audit.js';
import type { BoothIdentity } from '../ledger/booths/booth-identity.js';
import type { BoothsRepo } from '../ledger/booths/booths-repo.js';
import { DomainError, notFound } from '../core/errors.js';
import type { EventsRepo } from '../ledger/events/events-repo.js';
import { randomId } from '../core/ids.js';
import type { Ledger } from '../ledger/batch/ledger.js';
import { dealPages } from '../ledger/reads/queries.js';

type Running = { progress: ReplayProgress; timer?: NodeJS.Timeout };

/**
 * Replays a closed event's counted deals onto a rehearsal copy at 1×, 10× or 60× their
 * original timing. Each replayed deal is a real deal of the copy, submitted to the ledger
 * like a tablet's, so totals, climb and boards behave as they did live. The copy carries
 * the `replay` setting (the board's REPLAY badge) and, being a rehearsal, can be wiped.
 */
export class Replays {
  private readonly runs = new Map<string, Running>();

  constructor(
    private readonly db: Db,
    private readonly events: EventsRepo,
    private readonly booths: BoothsRepo,
    private readonly ledger: Ledger,
    private readonly logger?: Logger,
  ) {}

  list(): ReplayProgress[] {
    return [...this.runs.values()].map((r) => ({ ...r.progress }));
  }

  get(id: string): ReplayProgress {
    const run = this.runs.get(id);
    if (!run) throw notFound('Replay', 'Replay');
    return { ...run.progress };
  }

  async start(fromEventId: string, speed: ReplaySpeed, actor: Actor): Promise<ReplayProgress> {
    const source = await this.db.selectFrom('events').selectAll().where('id', '=', fromEventId).executeTakeFirst();
    if (!source) throw notFound('Event', 'Acara');
    if (source.status !== 'closed') {
      throw new DomainError('conflict', 'Only a closed event can be replayed', 'Hanya acara yang sudah ditutup yang dapat diputar ulang', 'status');
    }
    const from = await this.events.requireEvent(fromEventId);
    const deals: Deal[] = [];
    for await (const page of dealPages(this.db, fromEventId, { upToSeq: source.seq })) deals.push(...page.filter((d) => d.status === 'recorded'));
    const origin = Date.parse(source.starts_at);
    const span = Math.max(Date.parse(source.ends_at) - origin, ...deals.map((d) => Date.parse(d.recordedAt) - origin), 60_000);
    const now = Date.now();
    const settings = eventSettingsSchema.parse({ ...JSON.parse(source.settings || '{}'), replay: true, stopAtEnd: false });
    const copy = await this.events.createEvent(
      {
        name: `${from.name} (replay ${speed}×)`.slice(0, 160),
        venue: from.venue ?? undefined,
        target: from.target,
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(now + Math.ceil(span / speed)).toISOString(),
        timezone: from.timezone,
        categories: from.categories.map((c) => c.name),
        delegations: from.delegations.map((d) => d.name),
        milestones: from.milestones,
        status: 'rehearsal',
        settings,
      },
      `${fromEventId.slice(0, 40)}-replay-${randomId(4)}`,
      actor,
    );
    const booths = await this.copyBooths(fromEventId, copy.id, actor);
    const ids = (list: { id: string; name: string }[], to: { id: string; name: string }[]) => new Map(list.map((x) => [x.id, to.find((y) => y.name === x.name)?.id ?? x.id]));
    const categories = ids(from.categories, copy.categories);
    const delegations = ids(from.delegations, copy.delegations);
    const progress: ReplayProgress = {
      id: randomId(8),
      fromEventId,
      eventId: copy.id,
      speed,
      total: deals.length,
      sent: 0,
      failed: 0,
      state: 'running',
      startedAt: new Date(now).toISOString(),
      endsAt: copy.endsAt,
    };
    await audit(this.db, { actor, action: 'event.replay', eventId: copy.id, subject: fromEventId, after: { speed, deals: deals.length, replay: progress.id } });
    const run: Running = { progress };
    this.runs.set(progress.id, run);
    const due = (d: Deal) => now + Math.max(0, Date.parse(d.recordedAt) - origin) / speed;
    const step = (i: number) => {
      if (progress.state !== 'running') return;
      while (i < deals.length && due(deals[i]!) <= Date.now()) {
        const d = deals[i++]!;
        const booth = booths.get(d.boothId);
        const input = {
          id: randomUUID(),
          amount: d.amount,
          category: categories.get(d.categoryId) ?? d.categoryId,
          kind: d.kind,
          seller: d.seller,
          buyer: d.buyer,
          buyerDelegation: d.buyerDelegationId ? delegations.get(d.buyerDelegationId) : undefined,
          quantity: d.quantity ?? undefined,
          unit: d.unit ?? undefined,
          note: d.note ?? undefined,
          createdAt: undefined,
        };
        const sent = booth ? this.ledger.submit(booth, input) : Promise.reject(new Error('booth missing'));
        sent.then(
          () => progress.sent++,
          (err: unknown) => {
            progress.failed++;
            this.logger?.warn({ err, replay: progress.id }, 'replay: a deal was refused');
          },
        );
      }
      if (i >= deals.length) {
        progress.state = 'done';
        return;
      }
      run.timer = setTimeout(() => step(i), Math.min(1000, Math.max(0, due(deals[i]!) - Date.now())));
    };
    step(0);
    return { ...progress };
  }

  /** Stop a replay: deals not yet due are not sent (those sent stay, on the rehearsal copy). */
  stop(id: string): ReplayProgress {
    const run = this.runs.get(id);
    if (!run) throw notFound('Replay', 'Replay');
    if (run.progress.state === 'running') run.progress.state = 'stopped';
    clearTimeout(run.timer);
    return { ...run.progress };
  }

  stopAll() {
    for (const id of this.runs.keys()) this.stop(id);
  }

  /** The source's booths, again on the copy (revoked ones too, so every deal has its booth); source booth id → identity. */
  private async copyBooths(fromEventId: string, eventId: string, actor: Actor): Promise<Map<string, BoothIdentity>> {
    const rows = await this.db
      .selectFrom('booths')
      .innerJoin('delegations', (j) => j.onRef('delegations.id', '=', 'booths.delegation_id').onRef('delegations.event_id', '=', 'booths.event_id'))
      .select(['booths.id', 'booths.name', 'delegations.name as delegation'])
      .where('booths.event_id', '=', fromEventId)
      .orderBy('booths.created_at')
      .execute();
    const out = new Map<string, BoothIdentity>();
    for (const row of rows) {
      const { token } = await this.booths.create(eventId, { name: row.name, delegation: row.delegation }, actor);
      const booth = await this.booths.findByToken(token);
      if (booth) out.set(row.id, booth);
    }
    return out;
  }
}
