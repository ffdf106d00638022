import type { IncomingMessage } from 'node:http';
import net from 'node:net';

/** Private and loopback ranges: a venue LAN, where tablets and screens live. */
function isLanHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.local')) return true;
  if (net.isIPv4(h)) {
    const [a, b] = h.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (net.isIPv6(h)) return h === '::1' || h.startsWith('fc') || h.startsWith('fd') || h.startsWith('fe80');
  return false;
}

/**
 * Decide whether a socket handshake's Origin may connect: no Origin (not a
 * browser: tokens still guard writes), the server's own origin, a LAN origin,
 * or one listed in ALLOWED_ORIGINS. Anything else is refused, so a page on
 * another site cannot open a board or tablet socket from a visitor's browser.
 */
export function originAllowed(req: IncomingMessage, allowed: string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowed.includes(origin) || allowed.includes('*')) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (req.headers.host && url.host === req.headers.host) return true;
  return isLanHost(url.hostname);
}
