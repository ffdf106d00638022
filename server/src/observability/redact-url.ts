/**
 * A request URL fit for the log: the join link's token, any path segment shaped like a token and
 * every query value not known to be harmless are replaced. Booth tokens travel in join links
 * (`/join/<token>`), and a misconfigured kiosk or proxy may put a token in the query string.
 */
const REDACTED = '[redacted]';
/** Query parameters the API reads whose values are never secrets (filters, paging, formats). */
const HARMLESS_PARAMS = new Set(['status', 'booth', 'boothid', 'category', 'kind', 'delegation', 'limit', 'cursor', 'before', 'after', 'from', 'to', 'q', 'lang', 'tz', 'format', 'sort', 'order', 'page', 'eio', 'transport']);
/** Tokens are 32 random bytes in base64url (43 characters); ids and slugs are shorter or hyphenated UUIDs. */
const TOKEN_SHAPED = /^[A-Za-z0-9_~.-]{40,}$/;

export function redactUrl(url: string | undefined): string {
  if (!url) return '';
  const q = url.indexOf('?');
  const pathPart = q < 0 ? url : url.slice(0, q);
  const segments = pathPart.split('/');
  const path = segments
    .map((seg, i) => {
      const prev = segments[i - 1]?.toLowerCase();
      if (prev === 'join' && seg) return REDACTED;
      return TOKEN_SHAPED.test(safeDecode(seg)) ? REDACTED : seg;
    })
    .join('/');
  if (q < 0) return path;
  const query = url
    .slice(q + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      if (eq < 0) return TOKEN_SHAPED.test(safeDecode(name)) ? REDACTED : name;
      const value = pair.slice(eq + 1);
      const keep = HARMLESS_PARAMS.has(safeDecode(name).toLowerCase()) && !TOKEN_SHAPED.test(safeDecode(value));
      return `${name}=${keep ? value : REDACTED}`;
    });
  return `${path}?${query.join('&')}`;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
