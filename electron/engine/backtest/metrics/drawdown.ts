// Drawdown depth and duration statistics of an equity curve, episode by episode, in one pass.

export interface DrawdownStats {
  /** Deepest drawdown, 1 − equity/runningPeak, as a positive fraction (0 when equity never falls). */
  maxDrawdown: number;
  /** Mean over episodes of each episode's deepest drawdown; NaN when there is no episode. */
  avgDrawdown: number;
  /** Longest episode, ms from its peak bar to its recovery bar (or the last bar); 0 without episodes. */
  maxDuration: number;
  /** Mean episode duration in ms; NaN when there is no episode. */
  avgDuration: number;
  episodes: number;
}

const UNDEFINED_DRAWDOWN: DrawdownStats = {
  maxDrawdown: Number.NaN,
  avgDrawdown: Number.NaN,
  maxDuration: Number.NaN,
  avgDuration: Number.NaN,
  episodes: 0,
};

/**
 * An episode starts after the last bar at the running peak and ends at the first bar back at (or above) it;
 * one still open at the end runs to the last bar. Relative drawdown needs a positive starting equity.
 */
export function drawdownStats(time: Float64Array, equity: Float64Array): DrawdownStats {
  const n = equity.length;
  if (n === 0 || !(equity[0] > 0)) return UNDEFINED_DRAWDOWN;
  let peak = equity[0];
  let peakIdx = 0;
  let episodeDepth = 0;
  let maxDd = 0;
  // Plain locals and an object, no closure: doubles a closure captures and writes are boxed, an allocation per bar.
  const acc: Episodes = { episodes: 0, depthSum: 0, durationSum: 0, maxDuration: 0 };
  for (let i = 1; i < n; i++) {
    const e = equity[i];
    if (e >= peak) {
      if (episodeDepth > 0) closeEpisode(acc, episodeDepth, time[i] - time[peakIdx]);
      episodeDepth = 0;
      peak = e;
      peakIdx = i;
      continue;
    }
    const dd = 1 - e / peak;
    if (dd > episodeDepth) episodeDepth = dd;
    if (dd > maxDd) maxDd = dd;
  }
  if (episodeDepth > 0) closeEpisode(acc, episodeDepth, time[n - 1] - time[peakIdx]);
  const { episodes, depthSum, durationSum, maxDuration } = acc;
  return {
    maxDrawdown: maxDd,
    avgDrawdown: episodes > 0 ? depthSum / episodes : Number.NaN,
    maxDuration,
    avgDuration: episodes > 0 ? durationSum / episodes : Number.NaN,
    episodes,
  };
}

interface Episodes {
  episodes: number;
  depthSum: number;
  durationSum: number;
  maxDuration: number;
}

function closeEpisode(acc: Episodes, depth: number, duration: number): void {
  acc.episodes++;
  acc.depthSum += depth;
  acc.durationSum += duration;
  if (duration > acc.maxDuration) acc.maxDuration = duration;
}
