// Short form of the chaos suite (tests/chaos/harness.ts): the real server is killed with
// SIGKILL and restarted 5 times while 4 tablets submit deals and drop their connections.
// Replay a failure with CHAOS_SEED=<seed printed in the output>. Long form: `npm run test:chaos`.
import { afterAll, describe, expect, it } from 'vitest';
import { abortAllChaos, formatReport, reportLine, runChaos } from '../chaos/harness.js';

afterAll(() => abortAllChaos());

describe('chaos: kill -9 and restarts while tablets submit (short form)', () => {
  it('stores exactly one deal per created id, the exact total, and the boards show it within 1 s', async () => {
    const seed = process.env.CHAOS_SEED ? Number(process.env.CHAOS_SEED) : undefined;
    const report = await runChaos({ restarts: 5, tablets: 4, httpTablets: 1, boards: 3, ratePerTablet: 10, uptimeMs: [800, 1800], seed, maxDurationMs: 80_000 });
    console.log(reportLine(report));
    if (!report.ok) console.log(formatReport(report));

    expect(report.failures).toEqual([]);
    expect(report.restarts).toBe(5);
    expect(report.crashes).toBe(0);
    expect(report.dealsCreated).toBeGreaterThan(100);
    expect(report.lost).toBe(0);
    expect(report.doubled).toBe(0);
    expect(report.extra).toBe(0);
    expect(report.stored).toBe(report.dealsCreated);
    expect(BigInt(report.storedTotal)).toBe(BigInt(report.expectedTotal));
    expect(BigInt(report.apiTotal)).toBe(BigInt(report.expectedTotal));
    expect(report.boardLagMs).not.toBeNull();
    expect(report.boardLagMs!).toBeLessThanOrEqual(1000);
  }, 90_000);
});
