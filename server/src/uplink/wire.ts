import { z } from 'zod';

/**
 * What a venue sends its central (`POST /api/v1/uplink/changes`): the changes of its event after
 * `fromSeq` up to `toSeq`, each row as it stands at its latest change (`seq`: the venue's seq of
 * that change), so applying a batch again, or an older state after a newer one, changes nothing.
 * Rows are the venue's own (its ids: deals keep the id the tablet made).
 */
const text = (max: number) => z.string().max(max);
const maybe = (max: number) => text(max).nullable();
const seq = z.number().int().min(0).max(2 ** 31 - 1);
const amount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const uplinkDealSchema = z
  .object({
    id: text(64).min(1),
    booth_id: text(64).min(1),
    amount,
    category_id: text(64).min(1),
    kind: z.enum(['trade', 'investment']),
    seller: text(200),
    seller_key: text(200),
    buyer: text(200),
    seller_delegation_id: text(64),
    buyer_delegation_id: maybe(64),
    quantity: z.number().finite().nullable(),
    unit: maybe(40),
    note: maybe(600),
    content_hash: text(128),
    created_at: text(40),
    recorded_at: text(40),
    status: z.enum(['recorded', 'voided', 'pending']),
    void_reason: maybe(600),
    voided_at: maybe(40),
    voided_by: maybe(200),
    voided_from: maybe(20),
    buyer_state: maybe(20),
    buyer_reason: maybe(600),
    buyer_at: maybe(40),
  })
  .strict();

export const uplinkMouSchema = z
  .object({
    id: text(64).min(1),
    title: text(300),
    parties: text(4000),
    sector: maybe(200),
    signed_at: text(40),
    value: amount.nullable(),
    document_ref: maybe(300),
    status: z.enum(['signed', 'voided']),
    void_reason: maybe(600),
    announced_at: maybe(40),
    created_at: text(40),
    updated_at: text(40),
  })
  .strict();

const ref = z.object({ id: text(64).min(1), name: text(200), position: z.number().int() }).strict();

/** The venue's settings the national board shows, and the names its deals refer to. */
export const uplinkConfigSchema = z
  .object({
    name: text(200).min(1),
    venue: maybe(200),
    target: amount,
    timezone: text(64),
    startsAt: text(40),
    endsAt: text(40),
    milestones: z.array(z.number().gt(0).max(10)).max(20),
    categories: z.array(ref).max(200),
    delegations: z.array(ref).max(200),
    booths: z.array(z.object({ id: text(64).min(1), name: text(200), delegation_id: text(64) }).strict()).max(2000),
  })
  .strict();

export const uplinkChangeSchema = z.discriminatedUnion('kind', [
  z.object({ seq, kind: z.literal('deal'), deal: uplinkDealSchema }).strict(),
  z.object({ seq, kind: z.literal('mou'), mou: uplinkMouSchema }).strict(),
]);

/** Most changes one batch may carry (the venue sends at most this many; a larger batch is refused). */
export const UPLINK_BATCH_MAX = 1000;

export const uplinkBatchSchema = z
  .object({
    eventId: text(64).min(1),
    fromSeq: seq,
    toSeq: seq,
    /** The venue's latest seq when it read the batch (≥ toSeq): how far the central is behind. */
    headSeq: seq,
    config: uplinkConfigSchema.optional(),
    changes: z.array(uplinkChangeSchema).max(UPLINK_BATCH_MAX),
  })
  .strict()
  .refine((b) => b.fromSeq <= b.toSeq && b.toSeq <= b.headSeq, { message: 'fromSeq ≤ toSeq ≤ headSeq', path: ['toSeq'] })
  .refine((b) => b.changes.every((c) => c.seq > b.fromSeq && c.seq <= b.toSeq), { message: 'every change must lie after fromSeq and up to toSeq', path: ['changes'] });

export type UplinkDeal = z.infer<typeof uplinkDealSchema>;
export type UplinkMou = z.infer<typeof uplinkMouSchema>;
export type UplinkConfig = z.infer<typeof uplinkConfigSchema>;
export type UplinkChange = z.infer<typeof uplinkChangeSchema>;
export type UplinkBatch = z.infer<typeof uplinkBatchSchema>;

/** The central's answer to a batch (and to `GET /api/v1/uplink/status`). */
export type UplinkAck = { eventId: string; ackedSeq: number; applied: number; replayed?: boolean };
