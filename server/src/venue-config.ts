import { z } from 'zod';

const optional = <T extends z.ZodType>(schema: T) => schema.optional().or(z.literal('').transform(() => undefined));
const port = z.coerce.number().int().min(1).max(65535);

/** Venue deployment settings (TLS, metrics port), merged into the settings schema in config.ts. */
export const venueSettings = {
  /** PEM certificate (chain) file; with HTTPS_KEY the server speaks TLS on PORT. */
  HTTPS_CERT: optional(z.string().min(1)),
  HTTPS_KEY: optional(z.string().min(1)),
  /** With TLS on: a plain-http port that redirects every request to the https address. */
  HTTP_REDIRECT_PORT: optional(port),
  /** With TLS on and a request to a host name: Strict-Transport-Security max-age in seconds (0: none). */
  HSTS_MAX_AGE: z.coerce.number().int().min(0).max(63_072_000).default(15_552_000),
  /** A separate port serving GET /metrics without a token; bind it with METRICS_HOST. */
  METRICS_PORT: optional(port),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** A venue on its own laptop: the central server its event's changes are forwarded to (with UPLINK_TOKEN and UPLINK_EVENT). */
  UPLINK_URL: optional(z.url({ protocol: /^https?$/, error: 'UPLINK_URL must be an http:// or https:// URL such as https://central.example.id' })),
  /** The uplink token the central's console issued for its copy of the event (shown once there). */
  UPLINK_TOKEN: optional(z.string().min(16).max(200)),
  /** This server's event whose changes go up (its id here, e.g. `demo`). */
  UPLINK_EVENT: optional(z.string().min(1).max(64)),
  /** Longest wait between two tries while the central cannot be reached. */
  UPLINK_RETRY_MAX_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
};

/** Settings that only make sense together. */
export function checkVenueSettings(
  c: { HTTPS_CERT?: string; HTTPS_KEY?: string; HTTP_REDIRECT_PORT?: number; PORT: number; METRICS_PORT?: number; UPLINK_URL?: string; UPLINK_TOKEN?: string; UPLINK_EVENT?: string },
  ctx: z.RefinementCtx,
): void {
  if (Boolean(c.HTTPS_CERT) !== Boolean(c.HTTPS_KEY)) {
    ctx.addIssue({ code: 'custom', path: [c.HTTPS_CERT ? 'HTTPS_KEY' : 'HTTPS_CERT'], message: 'HTTPS_CERT and HTTPS_KEY go together (both PEM files) / harus diisi berdua' });
  }
  if (c.HTTP_REDIRECT_PORT !== undefined && !c.HTTPS_CERT) {
    ctx.addIssue({ code: 'custom', path: ['HTTP_REDIRECT_PORT'], message: 'HTTP_REDIRECT_PORT needs HTTPS_CERT and HTTPS_KEY / perlu HTTPS_CERT dan HTTPS_KEY' });
  }
  const uplink = (['UPLINK_URL', 'UPLINK_TOKEN', 'UPLINK_EVENT'] as const).filter((k) => !c[k]);
  if (uplink.length && uplink.length < 3) {
    ctx.addIssue({ code: 'custom', path: [uplink[0]!], message: 'UPLINK_URL, UPLINK_TOKEN and UPLINK_EVENT go together / harus diisi ketiganya' });
  }
  for (const key of ['HTTP_REDIRECT_PORT', 'METRICS_PORT'] as const) {
    if (c[key] !== undefined && c[key] === c.PORT) ctx.addIssue({ code: 'custom', path: [key], message: `${key} must differ from PORT / harus berbeda dari PORT` });
  }
}
