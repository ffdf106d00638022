import type { NextFunction, Request, Response } from 'express';
import type { AdminAuth } from '../auth/admin-auth.js';
import { SESSION_COOKIE, readCookie, type AdminSessions } from '../auth/sessions.js';
import type { BoothIdentity, BoothsRepo } from '../ledger/booths-repo.js';
import { DomainError } from '../ledger/errors.js';

/** The bearer token of a request, or undefined. */
export function bearer(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

export const unauthorized = () => new DomainError('unauthorized', 'Missing or wrong token', 'Token tidak ada atau salah');

/** Who is acting, for the audit log; set by `requireAdmin`. */
export function actorOf(res: Response): string {
  return (res.locals.actor as string | undefined) ?? 'unknown';
}

/** Admin calls: the bearer token (API) or a console session cookie. */
export function requireAdmin(auth: AdminAuth, sessions: AdminSessions) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = bearer(req);
    if (token) {
      if (!auth.verify(token)) throw unauthorized();
      res.locals.actor = 'admin (API)';
      return next();
    }
    if (await sessions.verify(readCookie(req.headers.cookie, SESSION_COOKIE))) {
      res.locals.actor = 'admin (console)';
      return next();
    }
    throw unauthorized();
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
