/**
 * A request URL fit for the log. Secrets travel in paths (a booth's join link `/join/<token>`,
 * a buyer's `/confirm/<code>` and its API call) and a misconfigured kiosk or proxy may put one
 * in the query string. Routers and pages are lenient about what surrounds a secret (a `)` or a
 * space pasted after it, `%00`, an encoded slash, double encoding, `;params`, a trailing dot, any
 * case), so the log is judged on the fully decoded URL, never on its raw shape:
 * - every path segment after a segment naming a secret-bearing page is replaced whole;
 * - so is any segment, query name or value holding a token-like run (see `tokenLike`);
 * - query values are kept only for parameters known to be harmless.
 */
const REDACTED = '[redacted]';
/** Path segments after which everything is a secret (matched decoded, lower-cased, letters only). */
const SECRET_PREFIXES = new Set(['join', 'confirm']);
/** Query parameters the API reads whose values are never secrets (filters, paging, formats). */
const HARMLESS_PARAMS = new Set(['status', 'booth', 'boothid', 'category', 'kind', 'delegation', 'limit', 'cursor', 'before', 'after', 'from', 'to', 'q', 'lang', 'tz', 'format', 'sort', 'order', 'page', 'eio', 'transport', 'archived']);
/** Runs of URL-safe characters long enough to be a token, a code or a session id (codes are accepted from 20). */
const RUN = /[A-Za-z0-9_-]{20,}/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids and slugs are lower case (event ids, `b-…`, replay copies); a UUID is a deal's id. */
const LOWER_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Tokens, codes and session ids are 32 random bytes in base64url: 43 characters with capitals
 * (or an underscore) almost surely, which ids and slugs never have.
 */
function tokenLike(decoded: string): boolean {
  return (decoded.match(RUN) ?? []).some((run) => !UUID.test(run) && !LOWER_ID.test(run));
}

/** Percent-decoded until nothing changes (double encoding), tolerating broken sequences and bytes that are not UTF-8. */
export function deepDecode(s: string): string {
  let cur = s;
  for (let i = 0; i < 5; i++) {
    const next = cur.replace(/(?:%[0-9A-Fa-f]{2})+/g, (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return m.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      }
    });
    if (next === cur) return cur;
    cur = next;
  }
  return cur;
}

const isPrefix = (part: string) => SECRET_PREFIXES.has(part.split(';')[0]!.toLowerCase().replace(/[^a-z]/g, ''));

function redactPath(pathPart: string): string {
  let rest = false;
  return pathPart
    .split('/')
    .map((seg) => {
      if (!seg) return seg;
      const parts = deepDecode(seg).split(/[/\\]/);
      // An encoded slash may put the prefix and the secret in one raw segment.
      const prefixAt = parts.findIndex(isPrefix);
      const secretInside = prefixAt >= 0 && parts.slice(prefixAt + 1).some(Boolean);
      const out = rest || secretInside || tokenLike(parts.join('/')) ? REDACTED : seg;
      if (prefixAt >= 0) rest = true;
      return out;
    })
    .join('/');
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      const plainName = deepDecode(name.replace(/\+/g, ' '));
      if (tokenLike(plainName)) return REDACTED;
      if (eq < 0) return name;
      const value = pair.slice(eq + 1);
      const keep = HARMLESS_PARAMS.has(plainName.toLowerCase()) && !tokenLike(deepDecode(value.replace(/\+/g, ' ')));
      return `${name}=${keep ? value : REDACTED}`;
    })
    .join('&');
}

export function redactUrl(url: string | undefined): string {
  if (!url) return '';
  // `#` never reaches a server from a browser, but a hand-made request may send one: treat it as query.
  const q = url.search(/[?#]/);
  if (q < 0) return redactPath(url);
  return `${redactPath(url.slice(0, q))}?${redactQuery(url.slice(q + 1))}`;
}
