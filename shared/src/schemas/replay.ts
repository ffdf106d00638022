import { z } from 'zod';

/** How much faster than it happened a replay runs. */
export const REPLAY_SPEEDS = [1, 10, 60] as const;
export const replaySpeedSchema = z.union([z.literal(1), z.literal(10), z.literal(60)], { error: 'must be 1, 10 or 60' });
export type ReplaySpeed = z.infer<typeof replaySpeedSchema>;

/** Body of `POST /api/v1/events/:eventId/replay` (the event must be closed). */
export const replayStartSchema = z.object({ speed: replaySpeedSchema.default(10) }).strict();

/** A replay as the console and the command line follow it. */
export type ReplayProgress = {
  id: string;
  /** The closed event whose deals are replayed. */
  fromEventId: string;
  /** The rehearsal copy the deals go to (its board shows the REPLAY badge). */
  eventId: string;
  speed: ReplaySpeed;
  /** Steps to replay (each deal as first recorded, each later change of a deal or an MoU), done so far, refused. */
  total: number;
  sent: number;
  failed: number;
  state: 'running' | 'done' | 'stopped';
  startedAt: string;
  /** When the last deal is due. */
  endsAt: string;
};
