import { sql, type ColumnBuilderCallback, type ColumnDataType, type CreateTableBuilder, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { LEDGER_WRITE_BATCH } from './pg-write-batch.js';

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
type Types = ReturnType<typeof typesFor>;

/**
 * A column written as `name type flag…`: type `text`, `integer`, `money`, `real`, or `serial` (a
 * key numbered by the database); flags `pk`, `notNull`, `unique`, `->table.column` (a reference)
 * and `=value` (a default, a number when it reads as one).
 */
function column(spec: string, t: Types): [string, ColumnDataType, ColumnBuilderCallback] {
  const [name = '', type = '', ...flags] = spec.split(' ');
  const serial = type === 'serial';
  const dataType = type === 'money' ? t.money : type === 'real' ? t.real : serial ? (t.pg ? 'bigserial' : 'integer') : type;
  const build: ColumnBuilderCallback = (c) =>
    flags.reduce((b, f) => {
      if (f === 'pk') return serial && !t.pg ? b.primaryKey().autoIncrement() : b.primaryKey();
      if (f === 'notNull') return b.notNull();
      if (f === 'unique') return b.unique();
      if (f.startsWith('->')) return b.references(f.slice(2));
      if (f.startsWith('=')) return b.defaultTo(/^\d+$/.test(f.slice(1)) ? Number(f.slice(1)) : f.slice(1));
      throw new Error(`unknown column flag ${f} in "${spec}"`);
    }, c);
  return [name, dataType as ColumnDataType, build];
}

/** A new table from its columns, and `key`: the columns of a composite primary key (constraint `<table>_pk`). */
async function createTable(db: Kysely<unknown>, t: Types, table: string, columns: readonly string[], key?: readonly string[]): Promise<void> {
  let builder: CreateTableBuilder<string, string> = db.schema.createTable(table);
  for (const c of columns) builder = builder.addColumn(...column(c, t));
  if (key) builder = builder.addPrimaryKeyConstraint(`${table}_pk`, [...key]);
  await builder.execute();
}

async function addColumns(db: Kysely<unknown>, t: Types, table: string, columns: readonly string[]): Promise<void> {
  for (const c of columns) await db.schema.alterTable(table).addColumn(...column(c, t)).execute();
}

async function createIndex(db: Kysely<unknown>, name: string, table: string, columns: readonly string[]): Promise<void> {
  await db.schema.createIndex(name).on(table).columns([...columns]).execute();
}

/** Versioned migrations, applied in name order at start. Never edit one that has shipped: add another. */
const migrationsFor = (dialect: Dialect): Record<string, Migration> => {
  const t = typesFor(dialect);
  return {
    '0001_ledger': {
      async up(db: Kysely<unknown>) {
        await createTable(db, t, 'meta', ['key text pk', 'value text notNull']);
        await createTable(db, t, 'events', [
          'id text pk', 'name text notNull', 'venue text', 'target money notNull',
          'starts_at text notNull', 'ends_at text notNull', 'timezone text notNull', 'status text notNull', 'milestones text notNull',
          'seq integer notNull =0', 'voided integer notNull =0', 'created_at text notNull', 'updated_at text notNull',
        ]);
        for (const table of ['delegations', 'categories']) {
          await createTable(db, t, table, ['event_id text notNull ->events.id', 'id text notNull', 'name text notNull', 'position integer notNull'], ['event_id', 'id']);
        }
        await createTable(db, t, 'booths', [
          'id text pk', 'event_id text notNull ->events.id', 'name text notNull', 'delegation_id text notNull',
          'token_hash text notNull unique', 'revoked_at text', 'created_at text notNull',
        ]);
        await createTable(db, t, 'deals', [
          'id text pk', 'event_id text notNull ->events.id', 'booth_id text notNull ->booths.id',
          'amount money notNull', 'category_id text notNull', 'kind text notNull',
          'seller text notNull', 'seller_key text notNull', 'buyer text notNull', 'seller_delegation_id text notNull', 'buyer_delegation_id text',
          'quantity real', 'unit text', 'note text', 'content_hash text notNull',
          'created_at text notNull', 'recorded_at text notNull', 'seq integer notNull', 'status text notNull',
          'void_reason text', 'voided_at text', 'voided_by text',
        ]);
        await createIndex(db, 'deals_event_seq', 'deals', ['event_id', 'seq']);
        await createIndex(db, 'deals_booth', 'deals', ['booth_id', 'recorded_at']);
        const bucket = ['event_id', 'category_id', 'kind', 'booth_id', 'from_delegation', 'to_delegation'];
        await createTable(db, t, 'totals_buckets', [...bucket.map((c) => `${c} text notNull`), 'total money notNull', 'count integer notNull'], bucket);
        await createTable(db, t, 'sellers', ['event_id text notNull', 'seller_key text notNull', 'recorded integer notNull'], ['event_id', 'seller_key']);
        await createTable(db, t, 'audit_log', [
          'id serial pk', 'at text notNull', 'actor text notNull', 'action text notNull',
          'event_id text', 'subject text', 'before text', 'after text',
        ]);
        await sql`select 1`.execute(db);
      },
    },
    '0002_settings_sessions': {
      async up(db: Kysely<unknown>) {
        await addColumns(db, t, 'events', ['settings text notNull ={}']);
        await addColumns(db, t, 'booths', ['updated_at text']);
        await createTable(db, t, 'admin_sessions', ['id_hash text pk', 'created_at text notNull', 'expires_at text notNull']);
        await createIndex(db, 'deals_event_status', 'deals', ['event_id', 'status']);
        await createIndex(db, 'audit_event', 'audit_log', ['event_id', 'id']);
      },
    },
    '0003_void_from': {
      async up(db: Kysely<unknown>) {
        // What a voided deal was before (recorded or pending), so a restore puts it back there.
        await addColumns(db, t, 'deals', ['voided_from text']);
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
        await createTable(db, t, 'climb_points', ['event_id text notNull', 'idx integer notNull', 'total money notNull', 'seq integer notNull'], ['event_id', 'idx']);
      },
    },
    '0006_mou_buyer_confirm': {
      async up(db: Kysely<unknown>) {
        // MoUs signed at the event: a register beside the deals, never part of the money total.
        await createTable(db, t, 'mous', [
          'id text pk', 'event_id text notNull ->events.id', 'title text notNull', 'parties text notNull', 'sector text',
          'signed_at text notNull', 'value money', 'document_ref text', 'status text notNull', 'void_reason text',
          'announced_at text', 'created_at text notNull', 'updated_at text notNull',
        ]);
        await createIndex(db, 'mous_event_signed', 'mous', ['event_id', 'signed_at']);
        // The buyer's confirmation of a deal: the hash of a single-use code, and the answer.
        await addColumns(db, t, 'deals', ['buyer_code_hash text', 'buyer_state text', 'buyer_reason text', 'buyer_at text']);
        await createIndex(db, 'deals_buyer_code', 'deals', ['buyer_code_hash']);
        await createIndex(db, 'deals_event_buyer', 'deals', ['event_id', 'buyer_state']);
      },
    },
    '0007_accounts_join_cards': {
      async up(db: Kysely<unknown>) {
        // Named organiser accounts with a role, global (events null) or limited to a JSON list of event ids.
        await createTable(db, t, 'admin_accounts', [
          'id text pk', 'name text notNull', 'name_key text notNull unique', 'password_hash text notNull', 'role text notNull',
          'events text', 'disabled_at text', 'created_at text notNull', 'updated_at text notNull',
        ]);
        // Which account a console session belongs to (null: signed in with the admin token).
        await addColumns(db, t, 'admin_sessions', ['account_id text']);
        // The booth's join token sealed (AES-256-GCM) under the join-card key, so a sheet can be reprinted without rotation.
        await addColumns(db, t, 'booths', ['token_sealed text']);
      },
    },
    '0008_rehearsal_archive': {
      async up(db: Kysely<unknown>) {
        // A deal recorded while its event was in rehearsal (wiped in one action before the event goes live).
        await addColumns(db, t, 'deals', ['rehearsal integer notNull =0']);
        // An archived event is hidden from the console's default list and kept.
        await addColumns(db, t, 'events', ['archived_at text']);
      },
    },
    '0009_screen_mode': {
      async up(db: Kysely<unknown>) {
        // What the event's screens show (live or blackout), kept in the store so every node, and a restart, knows it.
        await addColumns(db, t, 'events', ['screen_mode text']);
      },
    },
    '0010_pg_write_batch': {
      async up(db: Kysely<unknown>) {
        // PostgreSQL: a group commit's writes in one round trip (see pg-write-batch.ts); SQLite writes in process.
        if (t.pg) await sql.raw(LEDGER_WRITE_BATCH).execute(db);
      },
    },
    '0011_answered_index': {
      async up(db: Kysely<unknown>) {
        // The deals a buyer answered, read with every totals read: without it a read went through all the
        // event's deals (its status index), 1.6 ms at 6,000 deals and growing with every deal.
        await db.schema.createIndex('deals_event_answered').on('deals').column('event_id').where(sql.ref('buyer_state'), 'is not', null).execute();
      },
    },
    '0012_programmes': {
      async up(db: Kysely<unknown>) {
        // A programme groups events under a national target; `base` is the part of its seq that membership changes raise (see programmes/programme-seq.ts).
        await createTable(db, t, 'programmes', ['id text pk', 'name text notNull', 'target money notNull', 'milestones text notNull', 'base integer notNull =0', 'created_at text notNull', 'updated_at text notNull']);
        await createTable(db, t, 'programme_events', ['programme_id text notNull ->programmes.id', 'event_id text notNull ->events.id', 'position integer notNull', 'added_at text notNull'], ['programme_id', 'event_id']);
        await createIndex(db, 'programme_events_event', 'programme_events', ['event_id']);
      },
    },
    '0013_uplink': {
      async up(db: Kysely<unknown>) {
        // A venue on its own laptop forwards its changes to the central by position (`changed_seq`: the
        // event's seq of a row's latest change; null on a deal never changed since its insert at `seq`).
        await addColumns(db, t, 'deals', ['changed_seq integer', 'uplink_seq integer']);
        await addColumns(db, t, 'mous', ['changed_seq integer', 'uplink_seq integer']);
        await createIndex(db, 'deals_event_changed', 'deals', ['event_id', 'changed_seq']);
        await createIndex(db, 'mous_event_changed', 'mous', ['event_id', 'changed_seq']);
        // The central's side: one uplink per event (the token's hash, what the venue's seq it acknowledged, when it last heard).
        await createTable(db, t, 'uplinks', [
          'event_id text pk ->events.id', 'token_hash text unique', 'issued_at text notNull', 'revoked_at text',
          'acked_seq integer notNull =0', 'head_seq integer notNull =0', 'last_heard_at text',
        ]);
      },
    },
    '0014_session_stamps': {
      async up(db: Kysely<unknown>) {
        // A console session carries the stamp of what it was opened with (the sign-out epoch and the account's
        // generation, or the admin token's record); a session whose stamp is no longer current is refused at use.
        // Sessions from before carry none and end: their owners sign in again.
        await addColumns(db, t, 'admin_accounts', ['session_gen integer notNull =0']);
        await addColumns(db, t, 'admin_sessions', ['stamp text']);
      },
    },
    '0015_buyer_record': {
      async up(db: Kysely<unknown>) {
        // What the buyer gave on the confirm page (name, phone when asked), the fingerprint of the device
        // that asked for the code, and a confirmation set aside because it came from that device.
        await addColumns(db, t, 'deals', ['buyer_name text', 'buyer_phone text', 'buyer_code_fp text', 'buyer_flag text', 'buyer_flag_at text', 'buyer_flag_code text']);
      },
    },
  };
};

export const migrationProvider = (dialect: Dialect): MigrationProvider => ({
  getMigrations: async () => migrationsFor(dialect),
});
