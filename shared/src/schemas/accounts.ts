import { z } from 'zod';
import { nameSchema } from './text.js';
import { slugIdSchema } from './common.js';

/**
 * Organiser roles. owner: everything, and manages accounts; verifier: approves, voids
 * and restores deals; desk: booths, join cards and screens; viewer: reads reports and
 * exports only. Every role may read the event, its deals and its audit log.
 */
export const ROLES = ['owner', 'verifier', 'desk', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a console call needs, declared next to each admin route. `read`: any signed-in
 * role; `verify`, `desk`: that role or owner; `owner`: owners only. A call that names no
 * event (`:eventId`) and needs more than `read` also needs an account for every event.
 */
export const NEEDS = ['read', 'verify', 'desk', 'owner'] as const;
export type Need = (typeof NEEDS)[number];

/** The roles that may do what a need asks. */
export const GRANTS: Record<Need, readonly Role[]> = {
  read: ROLES,
  verify: ['owner', 'verifier'],
  desk: ['owner', 'desk'],
  owner: ['owner'],
};

export const allows = (role: Role, need: Need): boolean => GRANTS[need].includes(role);

/** At least 10 characters, at most 200 (the password is only ever kept as a salted scrypt hash). */
export const passwordSchema = z
  .string({ error: 'must be text' })
  .min(10, { error: 'must be at least 10 characters' })
  .max(200, { error: 'must be at most 200 characters' });

/** Events an account is limited to; null (or absent on create) for every event. */
const eventsSchema = z.array(slugIdSchema).min(1, { error: 'must name at least one event (or none for every event)' }).max(100).nullable();

export const accountCreateSchema = z
  .object({ name: nameSchema(60), password: passwordSchema, role: z.enum(ROLES), events: eventsSchema.optional() })
  .strict();
export type AccountCreateInput = z.output<typeof accountCreateSchema>;

export const accountUpdateSchema = z
  .object({ role: z.enum(ROLES), events: eventsSchema, password: passwordSchema, disabled: z.boolean() })
  .partial()
  .strict();
export type AccountUpdateInput = z.output<typeof accountUpdateSchema>;

/** An account as the console lists it (never its password hash). */
export type AccountView = {
  id: string;
  name: string;
  role: Role;
  events: string[] | null;
  disabled: boolean;
  createdAt: string;
};

/** Who is signed in (`GET /admin/me`): an account, or the admin token (an owner of every event). */
export type Me = { name: string; role: Role; events: string[] | null; via: 'account' | 'token' };
