import fs from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';
import { formatRupiah, type BoardSnapshot } from '@dealboard/shared';

/** The id of the data block in which the phone view's page carries the board snapshot (read by client/src/live/main.ts). */
export const SNAPSHOT_BLOCK = 'board-snapshot';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What the page shows before its scripts run: the event's title and its exact total (the app replaces it). */
function firstPaint(snap: Omit<BoardSnapshot, 'keys'>): string {
  const title = snap.event.settings?.branding?.title || snap.event.name;
  const theme = snap.event.settings?.branding?.theme === 'light' ? 'light' : 'dark';
  return `<main class="first-paint ${theme}"><h1>${escapeHtml(title)}</h1><p class="amount" data-testid="grand-total">${formatRupiah(snap.total)}</p></main>`;
}

/**
 * The audience's phone view (`/live/:eventId`) has a page of its own in the built client
 * (live.html). It is served with the event's board snapshot, read from the ledger as the page
 * is asked for: the exact total in the page's markup, drawn before any script has run, and
 * the whole snapshot in a JSON data block that the app starts from, so nothing waits for a
 * second request or the socket's handshake (the socket's own snapshot follows). Undefined
 * when the client has no such page.
 */
export function phonePage(dist: string, read: (eventId: string) => Promise<Omit<BoardSnapshot, 'keys'> | undefined>): RequestHandler | undefined {
  const file = path.join(dist, 'live.html');
  if (!fs.existsSync(file)) return undefined;
  const html = fs.readFileSync(file, 'utf8');
  return async (req, res) => {
    const eventId = (req.params as { rest?: string[] }).rest?.[0] ?? '';
    // No event, or no store to read it from now: the page says so itself once its socket is answered.
    const snap = await read(eventId).catch(() => undefined);
    // `<` escaped, so no text in the figures (a seller's name) can close the block.
    const block = snap ? `<script type="application/json" id="${SNAPSHOT_BLOCK}">${JSON.stringify({ ...snap, keys: [] }).replace(/</g, '\\u003c')}</script>` : '';
    res.setHeader('Cache-Control', 'no-store');
    const page = snap ? html.replace('<div id="app"></div>', `<div id="app">${firstPaint(snap)}</div>`) : html;
    res.type('html').send(page.replace('</body>', `${block}</body>`));
  };
}
