/**
 * How fresh the central's figures of one event are. On the central a venue's event is an
 * ordinary event: its ledger is filled either by this server's own tablets (`local`: live
 * through this server's own change feed) or by a venue server's uplink applying the venue's
 * changes (`uplink`). The programme sums both alike; only how fresh the sum of a venue is
 * differs, and the national board says so for each venue.
 */
export type VenueFreshness = {
  /** `local`: this server's own ledger is the venue's ledger; `uplink`: a venue server forwards it. */
  source: 'local' | 'uplink';
  /** When the central last heard from the venue's uplink (ISO 8601), null when never or `local`. */
  lastHeardAt: string | null;
  /** Changes the venue has committed that the central has not applied yet, when the uplink knows (null: unknown or `local`). */
  behind: number | null;
  /** The venue's figures may be old: its uplink is down or silent. Always false for `local`. */
  stale: boolean;
};

/**
 * Where the programme learns each event's freshness. The uplink plugs its own in through
 * `createApplication`'s `freshness` dependency; without one every event is `local`.
 */
export interface VenueFreshnessSource {
  freshness(eventId: string): VenueFreshness;
  /**
   * Call `listener` whenever an event's freshness changes (heard from its uplink, the uplink
   * went silent, caught up): the national boards show it at once. Returns the unsubscribe.
   */
  onChange(listener: (eventId: string) => void): () => void;
}

export const LOCAL_FRESHNESS: VenueFreshness = Object.freeze({ source: 'local', lastHeardAt: null, behind: null, stale: false });

/** Every event is live through this server's own feed. */
export const localFreshness: VenueFreshnessSource = {
  freshness: () => LOCAL_FRESHNESS,
  onChange: () => () => {},
};

/**
 * A source whose answers are set from outside (what an uplink receiver keeps per event),
 * telling its listeners of each change. Events never set are `local`.
 */
export class FreshnessBoard implements VenueFreshnessSource {
  private readonly byEvent = new Map<string, VenueFreshness>();
  private readonly listeners = new Set<(eventId: string) => void>();

  freshness(eventId: string): VenueFreshness {
    return this.byEvent.get(eventId) ?? LOCAL_FRESHNESS;
  }

  /** Record an event's freshness; listeners hear of it only when something changed. */
  set(eventId: string, next: VenueFreshness): void {
    const prev = this.byEvent.get(eventId);
    if (prev && prev.source === next.source && prev.lastHeardAt === next.lastHeardAt && prev.behind === next.behind && prev.stale === next.stale) return;
    this.byEvent.set(eventId, { ...next });
    for (const l of this.listeners) l(eventId);
  }

  onChange(listener: (eventId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
