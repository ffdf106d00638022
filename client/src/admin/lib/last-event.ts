import type { Me, PublicEvent } from '@dealboard/shared';
import { readStored, writeStored } from '../../lib/storage';

/**
 * Which event the console opens on when the address names none. Not the newest one made: an
 * organiser who drafts next month's event mid-mission would land on the draft at the next sign-in
 * and record an MoU into it. The event this person last worked on, else the one running now (live,
 * then paused), else the newest.
 */
export function openingEvent(events: readonly PublicEvent[], remembered: string | null): PublicEvent | undefined {
  const newest = [...events].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    newest.find((e) => e.id === remembered) ??
    newest.find((e) => e.status === 'live') ??
    newest.find((e) => e.status === 'paused') ??
    newest[0]
  );
}

/** One memory per person (an account by name, or the admin token), kept in this browser. */
const key = (me: Me | null) => `dealboard:console-event:${me ? `${me.via}:${me.name}` : 'anyone'}`;

export const rememberedEvent = (me: Me | null): string | null => readStored(key(me));
export const rememberEvent = (me: Me | null, eventId: string): void => writeStored(key(me), eventId);
