import { describe, expect, it } from 'vitest';
import { approvalThreshold, needsApproval, slipGuardThreshold } from './deal-thresholds.js';

const TARGET = 1_300_000_000;

describe('the amount thresholds of an event, as the tablet and the ledger both apply them', () => {
  it('asks for a second look from a tenth of the target unless the event sets its own amount', () => {
    expect(slipGuardThreshold(TARGET, {})).toBe(130_000_000);
    expect(slipGuardThreshold(1_000_000_001, undefined)).toBe(100_000_001);
    expect(slipGuardThreshold(TARGET, { slipGuardThreshold: 50_000_000 })).toBe(50_000_000);
  });

  it('holds deals for approval only when the event asks for it, from its threshold or else the slip guard', () => {
    expect(approvalThreshold(TARGET, { approvalThreshold: 10_000_000 })).toBeNull();
    expect(needsApproval(10_000_000_000, TARGET, {})).toBe(false);
    expect(approvalThreshold(TARGET, { approvalRequired: true, approvalThreshold: 200_000_000 })).toBe(200_000_000);
    expect(approvalThreshold(TARGET, { approvalRequired: true, slipGuardThreshold: 50_000_000 })).toBe(50_000_000);
    expect(approvalThreshold(TARGET, { approvalRequired: true })).toBe(130_000_000);
  });

  it('counts an amount equal to the threshold as at it', () => {
    const settings = { approvalRequired: true, approvalThreshold: 200_000_000 };
    expect(needsApproval(199_999_999, TARGET, settings)).toBe(false);
    expect(needsApproval(200_000_000, TARGET, settings)).toBe(true);
  });
});
