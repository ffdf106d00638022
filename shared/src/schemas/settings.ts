import { z } from 'zod';
import { rupiahSchema } from './common.js';
import { normalizeText } from './text.js';
import { dealKindSchema } from './deal.js';

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a colour like #0f766e' });

/** How the board shows who sold: the UMKM's name, only the category, or nothing. */
export const SELLER_PRIVACY = ['full', 'category', 'hidden'] as const;
export type SellerPrivacy = (typeof SELLER_PRIVACY)[number];

/**
 * What the public screens (board, phone view) show of corrections: `net` only their net
 * effect (a voided deal leaves the ticker, one net "Koreksi" line), `hidden` not even that
 * line, `full` every voided deal struck through. The console, recap, exports and audit always
 * keep the whole trail.
 */
export const PUBLIC_CORRECTIONS = ['net', 'hidden', 'full'] as const;
export type PublicCorrections = (typeof PUBLIC_CORRECTIONS)[number];
/** The language of the public screens when their address does not say (`?lang=`). */
export const SCREEN_LOCALES = ['id', 'en'] as const;

const titleSchema = z.string().transform(normalizeText).pipe(z.string().max(160));
/** The largest logo file the console and the API take, in KB (1,024 bytes). */
export const LOGO_MAX_KB = 200;
/** The longest `data:` URL such a file makes (base64 is 4 characters per 3 bytes). */
const LOGO_MAX_CHARS = 'data:image/svg+xml;base64,'.length + Math.ceil((LOGO_MAX_KB * 1024) / 3) * 4;
/** A data: URL (PNG, JPEG, SVG or WebP) uploaded in the console; nothing is fetched from elsewhere. */
const logoSchema = z
  .string()
  .max(LOGO_MAX_CHARS, { error: `must be an image of at most ${LOGO_MAX_KB} KB` })
  .regex(/^data:image\/(png|jpeg|svg\+xml|webp);base64,[A-Za-z0-9+/=]+$/, { error: 'must be an uploaded PNG, JPEG, SVG or WebP image' });
const themeSchema = z.enum(['dark', 'light']);
/** An address for the audience's phones, e.g. `https://misi-dagang.example/live/demo`. */
const liveUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) address' }).max(300);

/** Per-event settings an organiser may change; all public (the board and tablets read them). */
export const eventSettingsSchema = z
  .object({
    branding: z
      .object({
        title: titleSchema.optional(),
        logo: logoSchema.optional(),
        primaryColor: hexColor.optional(),
        accentColor: hexColor.optional(),
        theme: themeSchema.default('dark'),
      })
      .strict()
      .default({ theme: 'dark' }),
    sellerPrivacy: z.enum(SELLER_PRIVACY).default('full'),
    publicCorrections: z.enum(PUBLIC_CORRECTIONS).default('net'),
    screenLocale: z.enum(SCREEN_LOCALES).default('id'),
    /** Slip guard on tablets: amounts at or above this need a deliberate confirmation. Default 10% of the target. */
    slipGuardThreshold: rupiahSchema.optional(),
    /** Deals at or above `approvalThreshold` wait for an organiser before they count. */
    approvalRequired: z.boolean().default(false),
    approvalThreshold: rupiahSchema.optional(),
    /** Deals at or above `buyerConfirmThreshold` count only once their buyer confirmed them (or an organiser approved). */
    buyerConfirmRequired: z.boolean().default(false),
    buyerConfirmThreshold: rupiahSchema.optional(),
    /** The confirm page asks the buyer for a phone number as well as a name (so the organiser can call back). */
    buyerPhoneRequired: z.boolean().default(false),
    /** Which kinds add to the grand total (both by default; MoU-style investment can be shown apart). */
    countedKinds: z.array(dealKindSchema).min(1).max(2).default(['trade', 'investment']),
    /** Seconds without any update before a board calls itself stale. */
    quietPeriodSec: z.number().int().min(5).max(3600).default(60),
    /** Minutes during which a booth may ask to void its own deal. */
    selfVoidWindowMin: z.number().int().min(0).max(1440).default(10),
    /** The big screen shows a QR code of the audience's phone view (`url`, else this server's `/live/:eventId`). */
    liveQr: z.object({ show: z.boolean().default(false), url: liveUrlSchema.optional() }).strict().default({ show: false }),
    /** Deals stop counting at `endsAt`: later ones are refused with `event_not_live` (the end time can be extended). */
    stopAtEnd: z.boolean().default(true),
    /** The event is a replay of another's deals: the board shows a REPLAY badge. */
    replay: z.boolean().default(false),
  })
  .strict();
export type EventSettings = z.infer<typeof eventSettingsSchema>;
export type EventSettingsInput = z.input<typeof eventSettingsSchema>;

/**
 * Branding as boards, tablets and the public API see it. The logo (up to 200 KB) is
 * never inlined in the event, its snapshots or updates: it is served on its own at
 * `logoUrl` (`/api/v1/events/:id/logo?v=<hash>`), which changes with the image and
 * may be cached for ever.
 */
export const publicBrandingSchema = z.object({
  title: titleSchema.optional(),
  logoUrl: z.string().optional(),
  primaryColor: hexColor.optional(),
  accentColor: hexColor.optional(),
  theme: themeSchema.default('dark'),
});
export const publicEventSettingsSchema = eventSettingsSchema.extend({ branding: publicBrandingSchema });
export type PublicEventSettings = z.infer<typeof publicEventSettingsSchema>;

/** The public form of stored settings: the logo replaced by its URL. */
export function toPublicSettings(settings: EventSettings, logoUrl: string | undefined): PublicEventSettings {
  const { logo: _logo, ...branding } = settings.branding;
  return { ...settings, branding: logoUrl ? { ...branding, logoUrl } : branding };
}

/**
 * A change to settings: only the keys given change (branding key by key);
 * `null` clears an optional value (a logo, a threshold). No defaults here, so a
 * patch of one key never resets the others.
 */
export const eventSettingsPatchSchema = z
  .object({
    branding: z
      .object({
        title: titleSchema.nullable(),
        logo: logoSchema.nullable(),
        primaryColor: hexColor.nullable(),
        accentColor: hexColor.nullable(),
        theme: themeSchema,
      })
      .partial()
      .strict(),
    sellerPrivacy: z.enum(SELLER_PRIVACY),
    publicCorrections: z.enum(PUBLIC_CORRECTIONS),
    screenLocale: z.enum(SCREEN_LOCALES),
    slipGuardThreshold: rupiahSchema.nullable(),
    approvalRequired: z.boolean(),
    approvalThreshold: rupiahSchema.nullable(),
    buyerConfirmRequired: z.boolean(),
    buyerConfirmThreshold: rupiahSchema.nullable(),
    buyerPhoneRequired: z.boolean(),
    countedKinds: z.array(dealKindSchema).min(1).max(2),
    quietPeriodSec: z.number().int().min(5).max(3600),
    selfVoidWindowMin: z.number().int().min(0).max(1440),
    liveQr: z.object({ show: z.boolean(), url: liveUrlSchema.nullable() }).partial().strict(),
    stopAtEnd: z.boolean(),
    replay: z.boolean(),
  })
  .partial()
  .strict();
export type EventSettingsPatch = z.infer<typeof eventSettingsPatchSchema>;

/** Apply a settings patch: given keys replace, `null` removes, the rest stays. */
export function mergeSettings(current: EventSettings, patch: EventSettingsPatch): EventSettings {
  const drop = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
  const { branding, liveQr, ...rest } = patch;
  return eventSettingsSchema.parse({
    ...drop({ ...current, ...rest }),
    branding: drop({ ...current.branding, ...(branding ?? {}) }),
    liveQr: drop({ ...current.liveQr, ...(liveQr ?? {}) }),
  });
}

/** Settings of an event that never set any. */
export const DEFAULT_EVENT_SETTINGS: EventSettings = eventSettingsSchema.parse({});
