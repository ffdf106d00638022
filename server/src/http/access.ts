import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { allows, type Need } from '@dealboard/shared';
import { DomainError } from '../core/errors.js';
import { principalOf } from './auth.js';

/** `admin('desk')`: sign in, then be allowed what the route needs. Every admin route states its need this way. */
export type AdminAccess = (need: Need) => NeedHandler;

/** The need a handler checks, readable from the router (the route table test walks it). */
export type NeedHandler = RequestHandler & { need: Need };

const ROLE_NAMES = { owner: ['owner', 'pemilik'], verifier: ['verifier', 'verifikator'], desk: ['desk', 'meja stan'], viewer: ['viewer', 'pemantau'] } as const;

/**
 * Roles per route: the need is checked after authentication. An account limited to
 * some events is refused on the others, and on calls that name no event unless they
 * only read (the event list then shows its events only).
 */
export function adminAccess(authenticate: RequestHandler): AdminAccess {
  const authorize = (need: Need, req: Request, res: Response) => {
    const who = principalOf(res);
    const [en, id] = ROLE_NAMES[who.role];
    if (!allows(who.role, need)) {
      throw new DomainError('role_forbidden', `Your role (${en}) cannot do this; ask an owner`, `Peran Anda (${id}) tidak boleh melakukan ini; minta pemilik`);
    }
    const eventId = req.params.eventId;
    if (who.events && (typeof eventId === 'string' ? !who.events.includes(eventId) : need !== 'read')) {
      throw new DomainError('role_forbidden', 'Your account is not for this event; ask an owner', 'Akun Anda bukan untuk acara ini; minta pemilik');
    }
  };
  return (need) =>
    Object.assign(
      (req: Request, res: Response, next: NextFunction) =>
        authenticate(req, res, (err?: unknown) => {
          if (err) return next(err);
          authorize(need, req, res);
          next();
        }),
      { need },
    );
}

/** Marks a route anyone may call (the deal intake checks its booth token itself): a declared choice, not a forgotten guard. */
export const everyone: RequestHandler & { need: 'public' } = Object.assign((_req: Request, _res: Response, next: NextFunction) => next(), { need: 'public' as const });
