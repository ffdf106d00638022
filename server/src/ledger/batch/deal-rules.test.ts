import { describe, expect, it } from 'vitest';
import { dealInputSchema, eventSettingsSchema, type ErrorCode } from '@dealboard/shared';
import type { DealsTable } from '../../store/schema.js';
import type { BoothIdentity } from '../booths/booth-identity.js';
import { DomainError } from '../../core/errors.js';
import type { EventContext } from './batch-types.js';
import { accept, decideDeal } from './deal-rules.js';

// The rules on what a batch read, with no store: each case is the event as read, a deal, and what the booth sees.

const NOW = Date.parse('2026-03-01T03:30:00Z');
const booth: BoothIdentity = { id: 'b-1', eventId: 'ev', name: 'Stan 1', delegationId: 'jatim', delegationName: 'Jatim', revoked: false, tokenHash: 'h1' };

function event(over: { status?: string; endsAt?: string; sum?: number; settings?: object; booths?: [string, string][] } = {}): EventContext {
  const settings = eventSettingsSchema.parse(over.settings ?? {});
  return {
    row: { id: 'ev', status: over.status ?? 'live', seq: 7, target: 1_000_000_000, settings: JSON.stringify(settings), starts_at: '2026-03-01T03:00:00Z', ends_at: over.endsAt ?? '2026-03-01T04:00:00Z' },
    startSeq: 7,
    settings,
    categories: new Set(['pertanian']),
    delegations: [{ id: 'kalsel', name: 'Kalsel' }],
    sum: over.sum ?? 0,
    booths: new Map(over.booths ?? [['b-1', 'h1']]),
  };
}

const deal = (over: Record<string, unknown> = {}) =>
  dealInputSchema.parse({ id: '5f0c1c7e-3c1a-4d7e-9b51-0c6a1f3e2d10', amount: 2_500_000, category: 'pertanian', seller: 'UD Tani', buyer: 'CV Banjar', buyerDelegation: 'Kalsel', ...over });

/** A stored row of `deal()` as this booth recorded it, seq 3. */
function stored(): DealsTable {
  const row = decideDeal({ booth, input: deal() }, event(), new Map(), NOW);
  if ('duplicate' in row) throw new Error('unexpected');
  return { ...row, seq: 3 };
}

function refusal(f: () => unknown): ErrorCode | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return undefined;
}

describe('decideDeal', () => {
  const refused: [string, () => unknown, ErrorCode][] = [
    ['a resend with other content', () => decideDeal({ booth, input: deal({ amount: 2_600_000 }) }, event(), new Map([[stored().id, stored()]]), NOW), 'conflict'],
    ['the same id from another booth', () => decideDeal({ booth: { ...booth, id: 'b-2' }, input: deal() }, event({ booths: [['b-2', 'h1']] }), new Map([[stored().id, stored()]]), NOW), 'conflict'],
    ['a closed event', () => decideDeal({ booth, input: deal() }, event({ status: 'closed' }), new Map(), NOW), 'event_not_live'],
    ['a paused event', () => decideDeal({ booth, input: deal() }, event({ status: 'paused' }), new Map(), NOW), 'event_not_live'],
    ['a revoked booth', () => decideDeal({ booth, input: deal() }, event({ booths: [] }), new Map(), NOW), 'unauthorized'],
    ['a booth given a new token', () => decideDeal({ booth, input: deal() }, event({ booths: [['b-1', 'h2']] }), new Map(), NOW), 'unauthorized'],
    ['past the end of the hour', () => decideDeal({ booth, input: deal() }, event({ endsAt: '2026-03-01T03:30:00Z' }), new Map(), NOW), 'event_not_live'],
    ['over the ceiling', () => decideDeal({ booth, input: deal() }, event({ sum: Number.MAX_SAFE_INTEGER - 2_000_000 }), new Map(), NOW), 'total_too_large'],
    ['an unknown category', () => decideDeal({ booth, input: deal({ category: 'tambang' }) }, event(), new Map(), NOW), 'validation_failed'],
    ['an unknown buyer delegation', () => decideDeal({ booth, input: deal({ buyerDelegation: 'Papua' }) }, event(), new Map(), NOW), 'validation_failed'],
    ['an event that is not there', () => decideDeal({ booth, input: deal() }, undefined, new Map(), NOW), 'not_found'],
  ];
  it.each(refused)('refuses %s', (_, decide, code) => {
    expect(refusal(decide)).toBe(code);
  });

  const accepted: [string, EventContext, 'recorded' | 'pending'][] = [
    ['a deal in a live event', event(), 'recorded'],
    ['a deal in rehearsal', event({ status: 'rehearsal' }), 'recorded'],
    ['a deal past the end when the event does not stop there', event({ endsAt: '2026-03-01T03:00:00Z', settings: { stopAtEnd: false } }), 'recorded'],
    ['a deal at the approval threshold, held for approval', event({ settings: { approvalRequired: true, approvalThreshold: 2_500_000 } }), 'pending'],
    ['a deal under the approval threshold', event({ settings: { approvalRequired: true, approvalThreshold: 2_500_001 } }), 'recorded'],
    ['a deal that waits for its buyer', event({ settings: { buyerConfirmRequired: true, buyerConfirmThreshold: 1_000_000 } }), 'pending'],
    ['a deal that takes the total exactly to the ceiling', event({ sum: Number.MAX_SAFE_INTEGER - 2_500_000 }), 'recorded'],
  ];
  it.each(accepted)('accepts %s', (_, ctx, status) => {
    const row = decideDeal({ booth, input: deal() }, ctx, new Map(), NOW);
    expect(row).toMatchObject({ status, seq: 8, amount: 2_500_000, buyer_delegation_id: 'kalsel', seller_delegation_id: 'jatim', rehearsal: ctx.row.status === 'rehearsal' ? 1 : 0 });
    expect(row).toMatchObject({ recorded_at: new Date(NOW).toISOString() });
  });

  it('answers the same deal again with the stored one, at the seq read', () => {
    const first = stored();
    const again = decideDeal({ booth, input: deal() }, event(), new Map([[first.id, first]]), NOW);
    expect(again).toEqual({ duplicate: { deal: expect.objectContaining({ id: first.id, seq: 3, amount: 2_500_000 }), duplicate: true, seq: 7 } });
  });

  it('changes nothing it is given; the batch folds an accepted row in before the next deal', () => {
    const ctx = event({ sum: 100 });
    const known = new Map<string, DealsTable>();
    const row = decideDeal({ booth, input: deal() }, ctx, known, NOW);
    expect([ctx.row.seq, ctx.sum, known.size]).toEqual([7, 100, 0]);
    if ('duplicate' in row) throw new Error('unexpected');
    accept(ctx, known, row);
    expect([ctx.row.seq, ctx.sum, known.size]).toEqual([8, 2_500_100, 1]);
    // The same id resent in the same batch is now a duplicate, another deal numbered after it.
    expect(decideDeal({ booth, input: deal() }, ctx, known, NOW)).toMatchObject({ duplicate: { seq: 8 } });
    expect(decideDeal({ booth, input: deal({ id: '0b7e2f4a-8c1d-4e5f-a6b7-c8d9e0f1a2b3' }) }, ctx, known, NOW)).toMatchObject({ seq: 9 });
  });
});
