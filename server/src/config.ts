import { z } from 'zod';
import { checkVenueSettings, venueSettings } from './venue-config.js';

/** Settings read once from the environment; see `.env.example` for each one. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** postgres://… puts the ledger on PostgreSQL (several nodes may share it); unset, SQLite in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'DATABASE_URL must be a postgres:// URL' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** redis://… (with DATABASE_URL): room-wide Socket.IO messages go through Redis instead of PostgreSQL. */
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, hostname: /^.+$/, error: 'REDIS_URL must be a redis:// or rediss:// URL such as redis://:password@10.0.0.5:6379' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ADMIN_TOKEN: z
    .string()
    .min(16, { error: 'ADMIN_TOKEN must be at least 16 characters' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Secret the join-card key is derived from (every node of a cluster the same); unset, a key file in DATA_DIR. */
  JOIN_CARD_SECRET: z
    .string()
    .min(16, { error: 'JOIN_CARD_SECRET must be at least 16 characters' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  PUBLIC_URL: z
    .url({ error: 'PUBLIC_URL must be a URL such as http://192.168.1.10:3000' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  CLIENT_DIST: z.string().optional(),
  DEAL_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(100),
  DEAL_RATE_BURST: z.coerce.number().int().min(1).max(1_000_000).default(20),
  SIGNIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  BOARD_UPDATE_INTERVAL_MS: z.coerce.number().int().min(10).max(10_000).default(100),
  ADMIN_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx) => trustProxy(v.trim(), ctx)),
  BOARD_SOCKETS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(500),
  BOARD_SOCKETS_MAX: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
  REPLAY_MAX_RUNNING: z.coerce.number().int().min(1).max(50).default(2),
  SOCKET_MAX_UNSENT_KB: z.coerce.number().int().min(64).max(1_048_576).default(1024),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(10_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  ...venueSettings,
})
  .superRefine(checkVenueSettings)
  .superRefine(checkClusterSettings);

/**
 * Redis only carries messages between the nodes of a cluster, and only a PostgreSQL ledger makes
 * one: on SQLite there is a single node, so a REDIS_URL there is a mistake to name, not to ignore.
 */
function checkClusterSettings(c: { DATABASE_URL?: string; REDIS_URL?: string }, ctx: z.RefinementCtx): void {
  if (c.REDIS_URL && !c.DATABASE_URL) {
    ctx.addIssue({
      code: 'custom',
      path: ['REDIS_URL'],
      message:
        'REDIS_URL needs DATABASE_URL: Redis carries messages between the nodes of a PostgreSQL cluster, and a single SQLite node has none to carry. Unset REDIS_URL, or set DATABASE_URL too.\n' +
        '    REDIS_URL perlu DATABASE_URL: Redis membawa pesan antar-node klaster PostgreSQL, sedangkan satu node SQLite tidak punya pesan untuk dibawa. Kosongkan REDIS_URL, atau isi juga DATABASE_URL.',
    });
  }
}

/**
 * Express's `trust proxy`: `false` (default: the connecting address is the client, X-Forwarded-For
 * ignored), `true` (any), a hop count, or addresses/subnets/names such as `loopback` or `10.0.0.1`.
 */
function trustProxy(v: string, ctx: z.RefinementCtx): boolean | number | string[] {
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  const list = v.split(',').map((x) => x.trim()).filter(Boolean);
  if (!list.every((x) => /^[0-9a-fA-F.:/]+$|^(loopback|linklocal|uniquelocal)$/.test(x))) {
    ctx.addIssue({ code: 'custom', message: 'TRUST_PROXY must be false, true, a hop count, or addresses/subnets (or loopback, linklocal, uniquelocal)' });
    return false;
  }
  return list;
}

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

/** Parse the environment, failing fast with every bad setting named. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid settings / Pengaturan tidak valid:\n${lines.join('\n')}`);
  }
  return result.data;
}
