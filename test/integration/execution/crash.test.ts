// Crash safety: a trading child SIGKILLed at 50+ random moments; the journal must never lose or double an order.
import { describe, expect, it } from 'vitest';
import { runCrashHarness } from '../../crash/harness';

describe('crash harness', () => {
  it('survives 50 random SIGKILLs: nothing lost, nothing doubled, balances agree, database intact', async () => {
    const result = await runCrashHarness({ kills: 50, minOrders: 101 });
    const summary = `seed ${result.seed}, ${result.kills} kills in ${result.durationMs} ms (${result.childMode}), ` +
      `${result.check.acceptedOrders} orders, ${result.check.fills} fills, ${result.reconciliations} restarts reconciled`;
    console.info(`crash harness: ${summary}`, result.reconcileChanges);
    expect(result.childFailures, summary).toEqual([]);
    expect(result.check.problems, summary).toEqual([]);
    expect(result.check.integrity).toBe('ok');
    expect(result.kills).toBeGreaterThanOrEqual(50);
    // The session must really trade between kills, or the test proves nothing.
    expect(result.check.acceptedOrders).toBeGreaterThan(100);
  }, 240_000);
});
