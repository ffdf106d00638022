import type { NextFunction, Request, Response } from 'express';
import type { AdminAuth } from '../auth/admin-auth.js';
import type { BoothIdentity, BoothsRepo } from '../ledger/booths-repo.js';
import { DomainError } from '../ledger/errors.js';

/** The bearer token of a request, or undefined. */
export function bearer(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

const unauthorized = () =>
  new DomainError('unauthorized', 'Missing or wrong token', 'Token tidak ada atau salah');

export function requireAdmin(auth: AdminAuth) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const token = bearer(req);
    if (!token || !auth.verify(token)) throw unauthorized();
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
