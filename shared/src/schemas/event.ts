import { z } from 'zod';
import { isoDateTimeSchema, positiveRupiahSchema, timeZoneSchema } from './common.js';
import { nameSchema, optionalTextSchema } from './text.js';
import { eventSettingsPatchSchema, eventSettingsSchema, publicEventSettingsSchema } from './settings.js';

/** The five commodity groups of the Jatim–Kalsel mission; the default for a new event. */
export const SEED_CATEGORIES = ['hasil hutan', 'peternakan', 'pertanian', 'makanan olahan', 'produk olahan lainnya'] as const;

/** `rehearsal`: deals are taken and marked as rehearsal deals, to be wiped before the event goes live. */
export const EVENT_STATUSES = ['draft', 'rehearsal', 'live', 'paused', 'closed'] as const;
export const eventStatusSchema = z.enum(EVENT_STATUSES);
export type EventStatus = z.infer<typeof eventStatusSchema>;

/** Milestones as fractions of the target, e.g. 0.25 for 25%. */
export const milestonesSchema = z.array(z.number().gt(0).max(10)).max(20);

/** Body of `POST /api/v1/events`. */
export const eventCreateSchema = z
  .object({
    name: nameSchema(160),
    venue: optionalTextSchema(160),
    target: positiveRupiahSchema,
    startsAt: isoDateTimeSchema,
    endsAt: isoDateTimeSchema,
    timezone: timeZoneSchema,
    categories: z.array(nameSchema(60)).min(1).max(50).optional(),
    delegations: z.array(nameSchema(60)).max(50).optional(),
    milestones: milestonesSchema.optional(),
    status: eventStatusSchema.optional(),
    settings: eventSettingsSchema.optional(),
  })
  .strict()
  .refine((e) => Date.parse(e.endsAt) > Date.parse(e.startsAt), { error: 'endsAt must be after startsAt', path: ['endsAt'] });
export type EventCreateInput = z.infer<typeof eventCreateSchema>;

export const namedRefSchema = z.object({ id: z.string(), name: z.string() });
export type NamedRef = z.infer<typeof namedRefSchema>;

/** Public event configuration: what `GET /api/v1/events/:id` returns. Never holds a secret. */
export const publicEventSchema = z.object({
  id: z.string(),
  name: z.string(),
  venue: z.string().nullable(),
  currency: z.literal('IDR'),
  target: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  timezone: z.string(),
  status: eventStatusSchema,
  milestones: z.array(z.number()),
  categories: z.array(namedRefSchema),
  delegations: z.array(namedRefSchema),
  /** Active booths by name, so screens can name the top sellers (tokens are never here). */
  booths: z.array(z.object({ id: z.string(), name: z.string(), delegationId: z.string() })),
  /** The event's settings, its logo as a URL (`settings.branding.logoUrl`), never inlined. */
  settings: publicEventSettingsSchema,
  createdAt: z.string(),
  /** When the event was archived (hidden from the console's default list, kept), else absent. */
  archivedAt: z.string().optional(),
});
export type PublicEvent = z.infer<typeof publicEventSchema>;

/** A category or delegation in an edit: with `id` it is renamed, without it is added. */
const editableRefSchema = z.object({ id: z.string().max(64).optional(), name: nameSchema(60) }).strict();

/** Body of `PATCH /api/v1/events/:eventId`: only the fields given change; `settings` merges key by key. */
export const eventUpdateSchema = z
  .object({
    name: nameSchema(160),
    venue: nameSchema(160).nullable(),
    target: positiveRupiahSchema,
    startsAt: isoDateTimeSchema,
    endsAt: isoDateTimeSchema,
    timezone: timeZoneSchema,
    milestones: milestonesSchema,
    categories: z.array(editableRefSchema).min(1).max(50),
    delegations: z.array(editableRefSchema).max(50),
    settings: eventSettingsPatchSchema,
  })
  .partial()
  .strict();
export type EventUpdateInput = z.infer<typeof eventUpdateSchema>;

/** Body of `POST /api/v1/events/:eventId/status`. */
export const eventStatusChangeSchema = z.object({ status: eventStatusSchema }).strict();

/** Allowed status moves: draft → (rehearsal →) live ⇄ paused → closed, and reopening a closed event. */
export const STATUS_TRANSITIONS: Record<EventStatus, EventStatus[]> = {
  draft: ['rehearsal', 'live', 'closed'],
  rehearsal: ['draft', 'live', 'closed'],
  live: ['paused', 'closed'],
  paused: ['live', 'closed'],
  closed: ['live'],
};
