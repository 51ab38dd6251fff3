// Live time-boxing: an agent that overruns its budget (or throws) abstains with the reason instead of stalling the panel.
import type { Vote } from './types';

export interface TimedVote {
  vote: Vote;
  elapsedMs: number;
  timedOut: boolean;
  /** Set when the agent threw or its promise rejected. */
  error?: string;
}

/** Anything that turns an input into a vote, synchronously or not. */
export interface Evaluable<I> {
  readonly name: string;
  update(input: I): Vote | Promise<Vote>;
}

export function timedOutVote(agent: string, budgetMs: number): Vote {
  return { agent, direction: 0, confidence: 0, reasons: [`timed out after ${budgetMs} ms`], abstained: true };
}

export function failedVote(agent: string, message: string): Vote {
  return { agent, direction: 0, confidence: 0, reasons: [`failed: ${message}`], abstained: true };
}

const TIMEOUT = Symbol('timeout');

/**
 * Runs one agent under a budget. Async agents (model inference) are cut off at the deadline by Promise.race with a
 * timer; their late result is dropped. Synchronous CPU code cannot be pre-empted on this thread, so it is timed
 * after the fact: a vote that took longer than the budget is discarded all the same, so the rule is one rule.
 */
export async function evaluateWithBudget<I>(
  agent: Evaluable<I>,
  input: I,
  budgetMs: number,
  clock: () => number = () => performance.now(),
): Promise<TimedVote> {
  const started = clock();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMEOUT), budgetMs);
  });
  try {
    const result = await Promise.race([Promise.resolve().then(() => agent.update(input)), deadline]);
    const elapsedMs = clock() - started;
    if (result === TIMEOUT || elapsedMs > budgetMs) {
      return { vote: timedOutVote(agent.name, budgetMs), elapsedMs, timedOut: true };
    }
    return { vote: result, elapsedMs, timedOut: false };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return { vote: failedVote(agent.name, error), elapsedMs: clock() - started, timedOut: false, error };
  } finally {
    clearTimeout(timer);
  }
}
