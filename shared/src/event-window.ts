import type { EventStatus } from './schemas/event.js';

/** What decides whether an event takes deals right now. */
export type EventWindow = { status: EventStatus; endsAt: string; settings: { stopAtEnd?: boolean } };

/** The event's end time has passed and it stops counting there (the setting, on by default). */
export function pastEnd(event: Pick<EventWindow, 'endsAt' | 'settings'>, now: number): boolean {
  return event.settings.stopAtEnd !== false && now >= Date.parse(event.endsAt);
}

/**
 * Whether a deal recorded at `now` counts: the event is live (or in rehearsal) and,
 * when it stops at its end time, that time has not come. The server decides with its
 * own clock at commit; tablets use the same rule to say the session is over.
 */
export function takesDeals(event: EventWindow, now: number): boolean {
  return (event.status === 'live' || event.status === 'rehearsal') && !pastEnd(event, now);
}
