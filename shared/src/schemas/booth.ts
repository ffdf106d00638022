import { z } from 'zod';
import { nameSchema } from './text.js';

/** Body of `POST /api/v1/events/:eventId/booths`; `delegation` is an id or a (new) name. */
export const boothCreateSchema = z
  .object({
    name: nameSchema(120),
    delegation: nameSchema(60),
  })
  .strict();
export type BoothCreateInput = z.infer<typeof boothCreateSchema>;

/** A booth as anyone may see it. */
export const publicBoothSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  name: z.string(),
  delegationId: z.string(),
  delegationName: z.string(),
});
export type PublicBooth = z.infer<typeof publicBoothSchema>;

/** Answer of booth creation: the booth, and its token, which appears here and nowhere else. */
export const boothCreatedSchema = publicBoothSchema.pick({ id: true, name: true, delegationId: true }).extend({ token: z.string(), joinUrl: z.string() });
export type BoothCreated = z.infer<typeof boothCreatedSchema>;
