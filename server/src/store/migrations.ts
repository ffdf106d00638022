import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/**
 * Column types that differ between the stores. SQLite's INTEGER is already 64-bit;
 * PostgreSQL's is 32-bit, so money and running sums are BIGINT there. The SQLite
 * statements are exactly those that shipped.
 */
function typesFor(dialect: Dialect) {
  const pg = dialect === 'postgres';
  return { money: pg ? 'bigint' : 'integer', real: pg ? 'double precision' : 'real', pg } as const;
}

/** Versioned migrations, applied in name order at start. Never edit one that has shipped: add another. */
const migrationsFor = (dialect: Dialect): Record<string, Migration> => {
  const t = typesFor(dialect);
  return {
  '0001_ledger': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('venue', 'text')
        .addColumn('target', t.money, (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('timezone', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('milestones', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('delegations')
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('delegations_pk', ['event_id', 'id'])
        .execute();
      await db.schema
        .createTable('categories')
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('categories_pk', ['event_id', 'id'])
        .execute();
      await db.schema
        .createTable('booths')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('delegation_id', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('revoked_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('deals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
        .addColumn('booth_id', 'text', (c) => c.notNull().references('booths.id'))
        .addColumn('amount', t.money, (c) => c.notNull())
        .addColumn('category_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('seller', 'text', (c) => c.notNull())
        .addColumn('seller_key', 'text', (c) => c.notNull())
        .addColumn('buyer', 'text', (c) => c.notNull())
        .addColumn('seller_delegation_id', 'text', (c) => c.notNull())
        .addColumn('buyer_delegation_id', 'text')
        .addColumn('quantity', t.real)
        .addColumn('unit', 'text')
        .addColumn('note', 'text')
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('void_reason', 'text')
        .addColumn('voided_at', 'text')
        .addColumn('voided_by', 'text')
        .execute();
      await db.schema.createIndex('deals_event_seq').on('deals').columns(['event_id', 'seq']).execute();
      await db.schema.createIndex('deals_booth').on('deals').columns(['booth_id', 'recorded_at']).execute();
      await db.schema
        .createTable('totals_buckets')
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('category_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('booth_id', 'text', (c) => c.notNull())
        .addColumn('from_delegation', 'text', (c) => c.notNull())
        .addColumn('to_delegation', 'text', (c) => c.notNull())
        .addColumn('total', t.money, (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('totals_buckets_pk', [
          'event_id',
          'category_id',
          'kind',
          'booth_id',
          'from_delegation',
          'to_delegation',
        ])
        .execute();
      await db.schema
        .createTable('sellers')
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('seller_key', 'text', (c) => c.notNull())
        .addColumn('recorded', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('sellers_pk', ['event_id', 'seller_key'])
        .execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('id', t.pg ? 'bigserial' : 'integer', (c) => (t.pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text')
        .addColumn('subject', 'text')
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .execute();
      await sql`select 1`.execute(db);
    },
  },
  '0002_settings_sessions': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('events').addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}')).execute();
      await db.schema.alterTable('booths').addColumn('updated_at', 'text').execute();
      await db.schema
        .createTable('admin_sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('deals_event_status').on('deals').columns(['event_id', 'status']).execute();
      await db.schema.createIndex('audit_event').on('audit_log').columns(['event_id', 'id']).execute();
    },
  },
  '0003_void_from': {
    async up(db: Kysely<unknown>) {
      // What a voided deal was before (recorded or pending), so a restore puts it back there.
      await db.schema.alterTable('deals').addColumn('voided_from', 'text').execute();
    },
  },
  '0004_cluster_messages': {
    async up(db: Kysely<unknown>) {
      // Room messages between nodes larger than a NOTIFY payload travel through this table (@socket.io/postgres-adapter).
      if (t.pg) await sql`create table if not exists socket_io_attachments (id bigserial unique, created_at timestamptz default now(), payload bytea)`.execute(db);
    },
  },
  '0005_climb': {
    async up(db: Kysely<unknown>) {
      // The climb toward the target, one point per bucket of time, kept by the ledger (every screen draws the same).
      await db.schema
        .createTable('climb_points')
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('idx', 'integer', (c) => c.notNull())
        .addColumn('total', t.money, (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('climb_points_pk', ['event_id', 'idx'])
        .execute();
    },
  },
  '0006_mou_buyer_confirm': {
    async up(db: Kysely<unknown>) {
      // MoUs signed at the event: a register beside the deals, never part of the money total.
      await db.schema
        .createTable('mous')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('parties', 'text', (c) => c.notNull())
        .addColumn('sector', 'text')
        .addColumn('signed_at', 'text', (c) => c.notNull())
        .addColumn('value', t.money)
        .addColumn('document_ref', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('void_reason', 'text')
        .addColumn('announced_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('mous_event_signed').on('mous').columns(['event_id', 'signed_at']).execute();
      // The buyer's confirmation of a deal: the hash of a single-use code, and the answer.
      await db.schema.alterTable('deals').addColumn('buyer_code_hash', 'text').execute();
      await db.schema.alterTable('deals').addColumn('buyer_state', 'text').execute();
      await db.schema.alterTable('deals').addColumn('buyer_reason', 'text').execute();
      await db.schema.alterTable('deals').addColumn('buyer_at', 'text').execute();
      await db.schema.createIndex('deals_buyer_code').on('deals').column('buyer_code_hash').execute();
      await db.schema.createIndex('deals_event_buyer').on('deals').columns(['event_id', 'buyer_state']).execute();
    },
  },
  '0007_accounts_join_cards': {
    async up(db: Kysely<unknown>) {
      // Named organiser accounts with a role, global (events null) or limited to a JSON list of event ids.
      await db.schema
        .createTable('admin_accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('events', 'text')
        .addColumn('disabled_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Which account a console session belongs to (null: signed in with the admin token).
      await db.schema.alterTable('admin_sessions').addColumn('account_id', 'text').execute();
      // The booth's join token sealed (AES-256-GCM) under the join-card key, so a sheet can be reprinted without rotation.
      await db.schema.alterTable('booths').addColumn('token_sealed', 'text').execute();
    },
  },
  '0008_rehearsal_archive': {
    async up(db: Kysely<unknown>) {
      // A deal recorded while its event was in rehearsal (wiped in one action before the event goes live).
      await db.schema.alterTable('deals').addColumn('rehearsal', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      // An archived event is hidden from the console's default list and kept.
      await db.schema.alterTable('events').addColumn('archived_at', 'text').execute();
    },
  },
  '0009_screen_mode': {
    async up(db: Kysely<unknown>) {
      // What the event's screens show (live or blackout), kept in the store so every node, and a restart, knows it.
      await db.schema.alterTable('events').addColumn('screen_mode', 'text').execute();
    },
  },
  };
};

export const migrationProvider = (dialect: Dialect): MigrationProvider => ({
  getMigrations: async () => migrationsFor(dialect),
});
