import { z } from 'zod';

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
  ADMIN_TOKEN: z
    .string()
    .min(16, { error: 'ADMIN_TOKEN must be at least 16 characters' })
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
});

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
