import { createHash } from 'node:crypto';

/** An event's logo, decoded once from the data: URL the console uploaded. */
export type EventLogo = { mime: string; body: Buffer; hash: string };

/** Decode a stored `data:image/…;base64,…` logo (the settings schema allows nothing else). */
export function decodeLogo(dataUrl: string | undefined): EventLogo | undefined {
  const m = dataUrl ? /^data:(image\/(?:png|jpeg|svg\+xml|webp));base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl) : null;
  if (!m) return undefined;
  const body = Buffer.from(m[2]!, 'base64');
  return { mime: m[1]!, body, hash: createHash('sha256').update(body).digest('base64url').slice(0, 16) };
}

/** Where boards fetch the logo: the hash in the URL changes with the image, so the URL may be cached for ever. */
export const logoUrl = (eventId: string, logo: EventLogo) => `/api/v1/events/${encodeURIComponent(eventId)}/logo?v=${logo.hash}`;
