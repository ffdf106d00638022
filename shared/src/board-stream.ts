import type { BoardDeal, Totals } from './schemas/totals.js';
import type { PublicEvent } from './schemas/event.js';
import { NAMESPACES, type BoardUpdate } from './events.js';
import { diffTotals, packClimb, type ClimbPointDelta, type Scalars, type TotalsDelta } from './board-delta.js';
import { mergeClimb } from './climb.js';
import { encodeTick, KeyTable, pickDeals, type WireFlow, type WireRow } from './board-wire.js';

// What the next `board:update` of one event carries, decided without I/O (the server's
// coalescer says when, and writes it). Two rules make an update exact and bounded:
//
// - Every row, figure and climb point a change touched is *due* until an update carries it
//   at its latest value, even when a later change put it back where it was. So an update
//   from `fromSeq` applies on the chain state at `fromSeq` and on any complete snapshot
//   taken between its `fromSeq` and its `seq` (what such a snapshot holds of a row no
//   change touched meanwhile is that row's value at `seq`).
// - An update is at most `maxBytes` of JSON: `seq`, `total`, `count`, the changed figures
//   and the named deal always go; due rows and climb points go oldest first while they fit,
//   and the rest wait. When no change came since, the rest goes in a follow-up at the same
//   `seq` (`part` 1, 2…; the update after one says `fromPart`), so a board can tell a
//   follow-up it missed from one it has (see `nextStep`).

/** The largest update on the wire: the Engine.IO type, the Socket.IO packet and the JSON, in bytes. */
export const MAX_UPDATE_BYTES = 1000;

/** The deals kept for the next update: more than it names, so corrections can go first. */
const KEEP_CHANGED = 20;

type Group = 'kind' | 'cat' | 'booth' | 'flow';
type Due = { group: Group; key: string; to?: string | null };
type Sum = { total: number; count: number };

/** The UTF-8 length of a string (JSON text has no lone surrogates: they are escaped). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      // A surrogate pair: two code units, four bytes.
      i++;
      n += 2;
    } else n += 2;
  }
  return n;
}

const jsonBytes = (x: unknown) => utf8Length(JSON.stringify(x));

/** What an update's JSON may take: MAX_UPDATE_BYTES less the frame around it, `42/board,["board:update",` … `]`. */
export const UPDATE_JSON_BYTES = MAX_UPDATE_BYTES - utf8Length(`42${NAMESPACES.board},["board:update",]`);
const rowId = (group: Group, key: string, to?: string | null) => (to === undefined ? `${group}\u0000${key}` : `${group}\u0000${key}\u0000${to ?? ''}`);

/** One event's updates: what changed since the last one, within a byte budget. */
export class BoardStream {
  private latest: Totals;
  /** The position the last update took boards to: its `seq` and its part at that seq. */
  private sentSeq: number;
  private part = 0;
  private readonly dueFields = new Set<keyof Scalars>();
  /** Rows touched since an update last carried them, oldest first. */
  private readonly dueRows = new Map<string, Due>();
  private deals: BoardDeal[] = [];
  private dealCount = 0;
  private climb: ClimbPointDelta[] = [];
  private event: PublicEvent | undefined;
  private readonly table = new KeyTable();

  /** `baseline`: the totals boards hold (from their snapshot); `keys`: what the snapshot names from the start. */
  constructor(baseline: Totals, keys: Iterable<string> = []) {
    this.latest = baseline;
    this.sentSeq = baseline.seq;
    for (const k of keys) this.table.id(k);
    // No board has seen this table yet: each gets these keys in its snapshot.
    this.table.takeFresh();
  }

  /** The keys updates have used so far, for a snapshot (updates name keys by their index here). */
  keys(): string[] {
    return this.table.keys.slice();
  }

  /** Something is waiting for an update. */
  get pending(): boolean {
    return this.latest.seq > this.sentSeq || this.dueRows.size > 0 || this.dueFields.size > 0 || this.climb.length > 0 || this.event !== undefined;
  }

  /** The event's public config changed: the next update carries it. */
  setEvent(event: PublicEvent): void {
    this.event = event;
  }

  /** A committed change: the totals it led to, the board deals it touched (and how many more it made, `unlisted`), the climb points it moved. False when not newer. */
  push(totals: Totals, deals: BoardDeal[], climb: readonly ClimbPointDelta[], unlisted = 0): boolean {
    if (totals.seq <= this.latest.seq) return false;
    this.markDue(diffTotals(this.latest, totals));
    this.latest = totals;
    this.dealCount += deals.length + unlisted;
    const ids = new Set(deals.map((d) => d.id));
    this.deals = [...[...deals].reverse(), ...this.deals.filter((d) => !ids.has(d.id))].slice(0, KEEP_CHANGED);
    if (climb.length) this.climb = mergeClimb(this.climb, climb);
    return true;
  }

  private markDue(d: TotalsDelta): void {
    const { seq: _s, total: _t, count: _c, kind, cat, booth, flow, ...scalars } = d;
    for (const f of Object.keys(scalars) as (keyof Scalars)[]) this.dueFields.add(f);
    const add = (id: string, due: Due) => this.dueRows.has(id) || this.dueRows.set(id, due);
    for (const [group, rows] of [['kind', kind], ['cat', cat], ['booth', booth]] as const) for (const [key] of rows ?? []) add(rowId(group, key), { group, key });
    for (const [key, to] of flow ?? []) add(rowId('flow', key, to), { group: 'flow', key, to });
  }

  /** The next update, at most `maxBytes` of JSON unless the event's config or MoU list alone is larger; undefined when nothing waits. */
  take(maxBytes = Number.POSITIVE_INFINITY): BoardUpdate | undefined {
    if (!this.pending) return undefined;
    const t = this.latest;
    const followUp = t.seq === this.sentSeq;
    const u: BoardUpdate = { seq: t.seq, fromSeq: this.sentSeq, total: t.total, count: t.count, changed: [] };
    if (this.part) u.fromPart = this.part;
    if (followUp) u.part = this.part + 1;
    for (const f of this.dueFields) Object.assign(u, { [f]: t[f] });
    const { named, more } = pickDeals(this.deals);
    u.changed = named.map((d) => encodeTick(d, this.table));
    const untold = more + this.dealCount - this.deals.length;
    if (untold > 0) u.more = untold;
    if (this.event) u.event = this.event;
    const fresh = this.table.takeFresh();
    if (fresh.length) u.keys = fresh;
    this.fill(u, maxBytes);
    this.sentSeq = t.seq;
    this.part = followUp ? this.part + 1 : 0;
    this.dueFields.clear();
    this.deals = [];
    this.dealCount = 0;
    this.event = undefined;
    return u;
  }

  /** Due climb points, then due rows, oldest first, while the update stays within `maxBytes`. */
  private fill(u: BoardUpdate, maxBytes: number): void {
    let size = jsonBytes(u);
    const fields = u as unknown as Record<string, unknown[] | undefined>;
    /** Bytes `item` adds to the array field `field`: `,item`, or `,"field":[item]` when the field is not there yet. */
    const cost = (field: string, item: unknown, there = !!fields[field]) => jsonBytes(item) + (there ? 1 : field.length + 6);
    const climb = packClimb(this.climb, u.total);
    let points = 0;
    for (const p of climb) {
      const bytes = cost('climb', p);
      if (size + bytes > maxBytes) break;
      (u.climb ??= []).push(p);
      size += bytes;
      points++;
    }
    this.climb = this.climb.slice(points);
    if (points < climb.length) return;
    const value = this.values();
    let carried = points;
    for (const [id, due] of this.dueRows) {
      // Keys this row is the first to use are defined in this update, at the next free indexes.
      const fresh = [...new Set([due.key, due.to ?? due.key])].filter((k) => this.table.peek(k) === undefined);
      const index = (k: string) => this.table.peek(k) ?? this.table.keys.length + fresh.indexOf(k);
      const { total, count } = value(due);
      const row: WireRow | WireFlow = due.group === 'flow' ? [index(due.key), due.to == null ? null : index(due.to), total, count] : [index(due.key), total, count];
      let bytes = cost(due.group, row);
      fresh.forEach((k, n) => (bytes += cost('keys', [index(k), k], !!u.keys || n > 0)));
      // A follow-up carries at least one row, so the stream always drains (a row and its keys are far below the cap).
      if (size + bytes > maxBytes && (carried > 0 || u.part === undefined)) break;
      carried++;
      for (const k of fresh) (u.keys ??= []).push([this.table.id(k), k]);
      (fields[due.group] ??= []).push(row);
      size += bytes;
      this.dueRows.delete(id);
    }
    // The keys rows defined are in `u.keys` already.
    this.table.takeFresh();
  }

  /** A due row's latest value (0, 0 when the row is gone). */
  private values(): (due: Due) => Sum {
    const t = this.latest;
    const cat = new Map(t.byCategory.map((r) => [r.categoryId, r]));
    const booth = new Map(t.byBooth.map((r) => [r.boothId, r]));
    const flow = new Map(t.byFlow.map((r) => [rowId('flow', r.from, r.to), r]));
    const none = { total: 0, count: 0 };
    return (due) => {
      if (due.group === 'kind') return t.byKind[due.key as 'trade' | 'investment'] ?? none;
      if (due.group === 'flow') return flow.get(rowId('flow', due.key, due.to)) ?? none;
      return (due.group === 'cat' ? cat : booth).get(due.key) ?? none;
    };
  }
}
