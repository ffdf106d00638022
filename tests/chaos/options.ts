// What a chaos run can be told, and what it does when it is not.

export interface ChaosOptions {
  /** Simulated tablets (each its own booth and socket). Default 4. */
  tablets?: number;
  /** How many of the tablets cannot open their socket and send over HTTP (the outbox's fallback). Default 0. */
  httpTablets?: number;
  /** Board sockets watching the total. Default 3. */
  boards?: number;
  /** `kill -9` + restart cycles while deals flow (K). Default 5. */
  restarts?: number;
  /** Deals each tablet creates per second. Default 8. */
  ratePerTablet?: number;
  /** Stop creating after this many deals per tablet (default: no cap; creation runs until the last restart + tailMs). */
  maxDealsPerTablet?: number;
  /** Server up time before each kill, [min, max] ms, drawn from the seed. Default [600, 2000]. */
  uptimeMs?: [number, number];
  /** Time the server stays dead before the restart, [min, max] ms. Default [0, 400]. */
  downtimeMs?: [number, number];
  /**
   * Share of kills aimed at commits in flight: every tablet creates `burstSize` deals at once and the kill
   * follows 0–15 ms later, so some deals die committed-but-unacknowledged (the case resends must survive).
   * Default 0.5; the other kills land at a plain random moment.
   */
  burstKillShare?: number;
  /** Deals per tablet in such a burst. Default 10. */
  burstSize?: number;
  /** Load kept flowing after the last restart before creation stops. Default 2000. */
  tailMs?: number;
  /** Chance per tablet per drop tick that the harness drops its connection. Default 0.04. */
  dropProbability?: number;
  /** Chance per board per drop tick. Default 0.01. */
  boardDropProbability?: number;
  /** Drop tick. Default 250 ms. */
  dropTickMs?: number;
  /** Bound on emptying every outbox once creation stops (the outbox retries every 15 s). Default 40 s. */
  drainTimeoutMs?: number;
  /** Bound on waiting for the boards after the load stops. Default 5 s. */
  boardWaitMs?: number;
  /** Hard bound on the whole run; the chaos loop stops early past it (reported as a failure). Default 15 min. */
  maxDurationMs?: number;
  /** Seed for every random choice; printed so a failure can be replayed. Default: random. */
  seed?: number;
  /** Extra environment for the server. The per-booth rate limit is lifted by default (this tests durability, not throttling). */
  serverEnv?: Record<string, string>;
  /** Progress lines (seed, each restart). Default console.log. */
  log?: (line: string) => void;
  /** Log every restart (long form). Default false. */
  verbose?: boolean;
  /** Keep the data folder even when the run passes. Default false (kept on failure). */
  keepData?: boolean;
}

export const DEFAULTS = {
  tablets: 4,
  httpTablets: 0,
  boards: 3,
  restarts: 5,
  ratePerTablet: 8,
  maxDealsPerTablet: Infinity,
  uptimeMs: [600, 2000] as [number, number],
  downtimeMs: [0, 400] as [number, number],
  tailMs: 2000,
  burstKillShare: 0.5,
  burstSize: 10,
  dropProbability: 0.04,
  boardDropProbability: 0.01,
  dropTickMs: 250,
  drainTimeoutMs: 40_000,
  boardWaitMs: 5000,
  maxDurationMs: 15 * 60_000,
};

export type ChaosSettings = typeof DEFAULTS;
