import type { Generated } from 'kysely';

/** Table shapes as Kysely sees them; money columns are INTEGER whole Rupiah. */
export interface MetaTable {
  key: string;
  value: string;
}

export interface EventsTable {
  id: string;
  name: string;
  venue: string | null;
  target: number;
  starts_at: string;
  ends_at: string;
  timezone: string;
  status: string;
  milestones: string;
  seq: number;
  voided: number;
  settings: string;
  created_at: string;
  updated_at: string;
  archived_at?: string | null;
  /** What a newly connected screen of the event shows: `blackout`, or null/`live`. */
  screen_mode?: string | null;
}

export interface DelegationsTable {
  event_id: string;
  id: string;
  name: string;
  position: number;
}

export interface CategoriesTable {
  event_id: string;
  id: string;
  name: string;
  position: number;
}

export interface BoothsTable {
  id: string;
  event_id: string;
  name: string;
  delegation_id: string;
  token_hash: string;
  revoked_at: string | null;
  created_at: string;
  updated_at: string | null;
  /** The join token sealed under the join-card key (see `auth/join-cards.ts`); null for booths made before it. */
  token_sealed: string | null;
}

export interface AdminSessionsTable {
  id_hash: string;
  created_at: string;
  expires_at: string;
  /** The account signed in; null for a session opened with the admin token. */
  account_id: string | null;
  /** What the session was opened with (see ConsoleSessions); refused once it is no longer current. */
  stamp: string | null;
}

export interface AdminAccountsTable {
  id: string;
  name: string;
  /** The name lower-cased and trimmed: one account per name, whatever the case. */
  name_key: string;
  password_hash: string;
  role: string;
  /** JSON array of event ids, or null for every event. */
  events: string | null;
  disabled_at: string | null;
  /** Rises with every change of password, role, events or a disable: sessions opened before it end. */
  session_gen: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface DealsTable {
  id: string;
  event_id: string;
  booth_id: string;
  amount: number;
  category_id: string;
  kind: string;
  seller: string;
  seller_key: string;
  buyer: string;
  seller_delegation_id: string;
  buyer_delegation_id: string | null;
  quantity: number | null;
  unit: string | null;
  note: string | null;
  content_hash: string;
  created_at: string;
  recorded_at: string;
  seq: number;
  status: string;
  void_reason: string | null;
  voided_at: string | null;
  voided_by: string | null;
  voided_from: string | null;
  /** 1 for a deal recorded while its event was in rehearsal. */
  rehearsal?: number;
  /** SHA-256 of the buyer's single-use confirmation code (null: none issued). */
  buyer_code_hash?: string | null;
  /** `confirmed` or `disputed` once the buyer answered. */
  buyer_state?: string | null;
  buyer_reason?: string | null;
  buyer_at?: string | null;
  /** The event's `seq` of this deal's latest change after its insert (void, restore, approval, buyer's answer); null: none since. */
  changed_seq?: number | null;
  /** On the central: the venue's `seq` of the state this row was last forwarded in (an older one is never applied over it). */
  uplink_seq?: number | null;
  /** What the buyer gave when answering: their name, and a phone number when the event asks for one. */
  buyer_name?: string | null;
  buyer_phone?: string | null;
  /** SHA-256 of the address and user agent of the device that asked for the current code (the booth's). */
  buyer_code_fp?: string | null;
  /** `booth_device`: an answer came from the device that asked for the code; it was set aside (it did not count). */
  buyer_flag?: string | null;
  buyer_flag_at?: string | null;
  /** The hash of the code that set-aside answer used (that code answers nothing more). */
  buyer_flag_code?: string | null;
}

/** An MoU signed at the event: parties as JSON, never money in the transaction total. */
export interface MousTable {
  id: string;
  event_id: string;
  title: string;
  parties: string;
  sector: string | null;
  signed_at: string;
  value: number | null;
  document_ref: string | null;
  status: string;
  void_reason: string | null;
  announced_at: string | null;
  created_at: string;
  updated_at: string;
  /** The event's `seq` of this MoU's latest change (its creation included). */
  changed_seq?: number | null;
  /** On the central: the venue's `seq` this row was last forwarded at. */
  uplink_seq?: number | null;
}

/** Running sums per (category, kind, booth, flow), kept in the same transaction as each change. */
export interface TotalsBucketsTable {
  event_id: string;
  category_id: string;
  kind: string;
  booth_id: string;
  from_delegation: string;
  to_delegation: string;
  total: number;
  count: number;
}

export interface SellersTable {
  event_id: string;
  seller_key: string;
  recorded: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  event_id: string | null;
  subject: string | null;
  before: string | null;
  after: string | null;
}

/** The climb toward the target: the event's total at the end of each bucket of time (see `climbIndex`). */
export interface ClimbPointsTable {
  event_id: string;
  idx: number;
  total: number;
  /** The `seq` the total belongs to: a point is only ever replaced by a later one. */
  seq: number;
}

/** A programme: events (venues) under one national target. */
export interface ProgrammesTable {
  id: string;
  name: string;
  target: number;
  /** JSON list of fractions of the target. */
  milestones: string;
  /** Raised by membership changes so the programme's seq rises on each (see programmes/programme-seq.ts). */
  base: number;
  created_at: string;
  updated_at: string;
}

export interface ProgrammeEventsTable {
  programme_id: string;
  event_id: string;
  position: number;
  added_at: string;
}

/** The central's record of a venue's uplink for one of its events (see `server/src/uplink/`). */
export interface UplinksTable {
  event_id: string;
  /** SHA-256 of the uplink token; null once revoked. */
  token_hash: string | null;
  issued_at: string;
  revoked_at: string | null;
  /** The venue's `seq` up to which every change has been applied here. */
  acked_seq: number;
  /** The venue's `seq` as it last said (its latest change), so `head_seq - acked_seq` is how far behind the central is. */
  head_seq: number;
  last_heard_at: string | null;
}

export interface Database {
  meta: MetaTable;
  events: EventsTable;
  delegations: DelegationsTable;
  categories: CategoriesTable;
  booths: BoothsTable;
  deals: DealsTable;
  mous: MousTable;
  totals_buckets: TotalsBucketsTable;
  sellers: SellersTable;
  climb_points: ClimbPointsTable;
  uplinks: UplinksTable;
  audit_log: AuditLogTable;
  admin_sessions: AdminSessionsTable;
  admin_accounts: AdminAccountsTable;
  programmes: ProgrammesTable;
  programme_events: ProgrammeEventsTable;
}
