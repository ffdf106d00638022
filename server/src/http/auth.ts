import type { NextFunction, Request, Response } from 'express';
import type { AdminAuth } from '../auth/admin-auth.js';
import type { AdminGuard } from '../auth/admin-guard.js';
import { SESSION_COOKIE, readCookie } from '../auth/sessions.js';
import { TOKEN_PRINCIPAL, type Principal } from '../auth/accounts.js';
import type { ConsoleSessions } from '../auth/console-sessions.js';
import type { BoothIdentity } from '../ledger/booths/booth-identity.js';
import type { BoothsRepo } from '../ledger/booths/booths-repo.js';
import { DomainError, rateLimited } from '../core/errors.js';
import { sameOriginJson } from './csrf.js';

/** The bearer token of a request, or undefined. */
export function bearer(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

export const unauthorized = () => new DomainError('unauthorized', 'Missing or wrong token', 'Token tidak ada atau salah');

/** Who is acting, for the audit log (an account's name, or the admin token); set by `requireAdmin`. */
export function actorOf(res: Response): string {
  return (res.locals.principal as Principal | undefined)?.name ?? 'unknown';
}

/** The signed-in organiser; set by `requireAdmin`. */
export function principalOf(res: Response): Principal {
  const p = res.locals.principal as Principal | undefined;
  if (!p) throw unauthorized();
  return p;
}

/** The client's address as TRUST_PROXY allows it to be known. */
export const addressOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/**
 * Admin calls: the bearer token (API) or a console session cookie. Failures count
 * against the address (see AdminGuard); a cookie only works for changes sent as JSON
 * from the console's own origin, since a browser attaches it to any site's form post.
 */
export function requireAdmin(auth: AdminAuth, sessions: ConsoleSessions, guard: AdminGuard) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = bearer(req);
    const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (!token && !cookie) throw unauthorized();
    const address = addressOf(req);
    const wait = await guard.blockedFor(address, req.path);
    if (wait > 0) throw rateLimited(wait, 'admin');
    if (token) {
      if (!(await auth.verify(token))) {
        await guard.failed(address, 'bearer', req.path);
        throw unauthorized();
      }
      res.locals.principal = TOKEN_PRINCIPAL('admin (API)');
      return next();
    }
    // A session opened before its account's password, role or events changed, or it was disabled or removed, or the token changed, ends with it.
    const principal = await sessions.principal(cookie);
    if (!principal) {
      await guard.failed(address, 'cookie', req.path);
      throw unauthorized();
    }
    sameOriginJson(req);
    res.locals.principal = principal;
    next();
  };
}

/** Resolve the booth token to its booth; refuse unknown and revoked tokens. */
export async function boothFromRequest(req: Request, booths: BoothsRepo): Promise<BoothIdentity> {
  const token = bearer(req);
  const booth = token ? await booths.findByToken(token) : undefined;
  if (!booth) throw unauthorized();
  if (booth.revoked) throw new DomainError('unauthorized', 'This booth token was revoked', 'Token stan ini sudah dicabut');
  return booth;
}
