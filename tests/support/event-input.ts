/** The body of `POST /api/v1/events` for an event live now, for an hour (tests and the bench). */
export function liveEventInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    name: 'Misi Dagang Uji',
    target: 1_300_000_000,
    startsAt: new Date(now).toISOString(),
    endsAt: new Date(now + 3_600_000).toISOString(),
    timezone: 'Asia/Makassar',
    delegations: ['Jatim', 'Kalsel'],
    ...overrides,
  };
}
