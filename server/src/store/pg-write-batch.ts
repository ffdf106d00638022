/**
 * PostgreSQL only: a group commit's writes as one function, so a batch is one round trip
 * and the event row is held only while the server runs it (no network wait inside the lock).
 * Called outside a transaction, the call is its own transaction: it commits when it returns,
 * and an error rolls all of it back. In a transaction (a batch run again, its events locked
 * first) it is part of that transaction.
 *
 * The batch (`p`, one jsonb): `claims` (per event the `seq` the rules numbered up to, how many
 * deals that was and their amounts added up, and the status, target, settings and `updated_at`
 * the rules saw), `booths` (the batch's booths and the token hash each deal came with, or null),
 * `deals` (rows of `deals`,
 * numbered from the `seq` read), `buckets` and `sellers` (summed deltas), `climbs` (per event the
 * climb point's index and the kinds it counts) and `notes` (per event a NOTIFY, its JSON payload
 * carrying the `seq` under `s`).
 *
 * Per event, in id order: `update events set seq = seq + n`, only if status, target, settings and
 * `updated_at` (moved by every change an organiser makes, categories and delegations included)
 * are unchanged. With the events held: every booth of the batch still stands, not revoked, with
 * the token its deals came with, and each event's recorded and pending amounts with the batch's
 * stay within Number.MAX_SAFE_INTEGER (the ledger's exactness bound). So the node may decide a
 * batch from what it kept of an earlier read. The shift is however many changes other writers committed since the read, and
 * every deal, climb point and note of that event is moved up by it. Each statement reads what is
 * committed when it starts (a function's statements take their own snapshots), so the climb sums
 * the buckets with this batch's deltas and everything other writers committed before the lock.
 *
 * A deal row is made from its JSON with `jsonb_populate_record(null::deals, …)`: the node gives
 * every column, so a column added to `deals` later with a default must be given by the node too
 * (or this function replaced in that migration).
 *
 * Raises SQLSTATE `DLR01` (nothing written) when an event changed, a booth was revoked, removed
 * or given a new token, the bound would be passed, or a deal id is taken (a resend, or another
 * writer's): the caller runs the batch again with everything read afresh and the events locked.
 * Returns `{ shifts: {eventId: n}, points: {eventId: total} }`.
 */
export const RUN_AGAIN_SQLSTATE = 'DLR01';

export const LEDGER_WRITE_BATCH = `
create or replace function ledger_write_batch(p jsonb) returns jsonb language plpgsql as $fn$
declare
  c record;
  v_seq integer;
  v_total bigint;
  v_stored integer;
  v_shifts jsonb := '{}';
  v_points jsonb := '{}';
begin
  for c in select * from jsonb_to_recordset(p->'claims') as x(id text, seq integer, n integer, amount bigint, status text, target bigint, settings text, updated_at text) order by x.id loop
    update events e set seq = e.seq + c.n
      where e.id = c.id and e.status = c.status and e.target = c.target and e.settings = c.settings and e.updated_at = c.updated_at
      returning e.seq into v_seq;
    if not found then raise exception 'event % changed since it was read', c.id using errcode = '${RUN_AGAIN_SQLSTATE}'; end if;
    v_shifts := v_shifts || jsonb_build_object(c.id, v_seq - c.seq);
    if (select coalesce(sum(b.total), 0) from totals_buckets b where b.event_id = c.id)
      + (select coalesce(sum(d.amount), 0) from deals d where d.event_id = c.id and d.status = 'pending') + c.amount > 9007199254740991 then
      raise exception 'event % would pass the exact bound', c.id using errcode = '${RUN_AGAIN_SQLSTATE}';
    end if;
  end loop;
  if exists (select 1 from jsonb_to_recordset(p->'booths') as x(id text, token_hash text) left join booths b on b.id = x.id
      where b.id is null or b.revoked_at is not null or b.token_hash <> coalesce(x.token_hash, b.token_hash)) then
    raise exception 'a booth of the batch was revoked, removed or given a new token' using errcode = '${RUN_AGAIN_SQLSTATE}';
  end if;

  insert into deals
    select r.* from jsonb_array_elements(p->'deals') d,
      jsonb_populate_record(null::deals, d || jsonb_build_object('seq', (d->>'seq')::integer + (v_shifts->>(d->>'event_id'))::integer)) r
    on conflict (id) do nothing;
  get diagnostics v_stored = row_count;
  if v_stored <> jsonb_array_length(p->'deals') then
    raise exception 'a deal id of the batch was taken by another writer' using errcode = '${RUN_AGAIN_SQLSTATE}';
  end if;

  insert into totals_buckets select r.* from jsonb_populate_recordset(null::totals_buckets, p->'buckets') r
    on conflict (event_id, category_id, kind, booth_id, from_delegation, to_delegation)
    do update set total = totals_buckets.total + excluded.total, count = totals_buckets.count + excluded.count;
  insert into sellers select r.* from jsonb_populate_recordset(null::sellers, p->'sellers') r
    on conflict (event_id, seller_key) do update set recorded = sellers.recorded + excluded.recorded;

  for c in select * from jsonb_to_recordset(p->'climbs') as x(event_id text, idx integer, seq integer, kinds text[]) loop
    select coalesce(sum(b.total), 0) into v_total from totals_buckets b where b.event_id = c.event_id and b.kind = any(c.kinds);
    insert into climb_points (event_id, idx, total, seq) values (c.event_id, c.idx, v_total, c.seq + (v_shifts->>c.event_id)::integer)
      on conflict (event_id, idx) do update set total = excluded.total, seq = excluded.seq where climb_points.seq < excluded.seq;
    v_points := v_points || jsonb_build_object(c.event_id, v_total);
  end loop;

  for c in select * from jsonb_to_recordset(p->'notes') as x(event_id text, channel text, payload jsonb) loop
    perform pg_notify(c.channel, (c.payload || jsonb_build_object('s', (c.payload->>'s')::integer + (v_shifts->>c.event_id)::integer))::text);
  end loop;

  return jsonb_build_object('shifts', v_shifts, 'points', v_points);
end
$fn$`;
