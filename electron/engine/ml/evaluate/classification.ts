// How good a probability of "up" was, on labelled rows: the scores a walk-forward report shows for every model.
// Probabilities are clipped away from 0 and 1 for the log-loss, so one confident miss costs a lot but not infinity.

export interface CalibrationBin {
  /** Predicted probability range [from, to). */
  from: number;
  to: number;
  rows: number;
  /** Mean predicted probability of the rows in the bin (NaN when empty). */
  predicted: number;
  /** Share of those rows that went up (NaN when empty). */
  observed: number;
}

export interface ClassificationScores {
  rows: number;
  /** Share of rows labelled up: what always saying "up" would score as accuracy is max(base, 1 − base). */
  baseRate: number;
  /** Share of rows where p ≥ 0.5 agreed with the label. */
  accuracy: number;
  logLoss: number;
  /** Area under the ROC curve; 0.5 is no skill. NaN when one class is missing. */
  auc: number;
  /** Mean squared error of the probability. */
  brier: number;
  calibration: CalibrationBin[];
}

const EPS = 1e-15;

/** Scores `p` (probability of up) against 0/1 `labels`, over the same rows. */
export function scoreClassifier(p: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): ClassificationScores {
  const n = p.length;
  if (labels.length !== n) throw new RangeError(`scoreClassifier: ${n} probabilities but ${labels.length} labels`);
  let ups = 0;
  let hits = 0;
  let logLoss = 0;
  let brier = 0;
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    const q = Math.min(1 - EPS, Math.max(EPS, p[i]));
    ups += y;
    hits += (p[i] >= 0.5 ? 1 : 0) === y ? 1 : 0;
    logLoss -= y === 1 ? Math.log(q) : Math.log(1 - q);
    brier += (p[i] - y) ** 2;
  }
  return {
    rows: n,
    baseRate: n ? ups / n : Number.NaN,
    accuracy: n ? hits / n : Number.NaN,
    logLoss: n ? logLoss / n : Number.NaN,
    auc: rocAuc(p, labels),
    brier: n ? brier / n : Number.NaN,
    calibration: calibrationTable(p, labels, bins),
  };
}

/** AUC as the Mann–Whitney statistic: the chance a random up row scores above a random down row (ties count half). */
export function rocAuc(p: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = p.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[a] - p[b]);
  let ups = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && p[order[j + 1]] === p[order[i]]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]] === 1) {
        ups++;
        rankSum += midRank;
      }
    }
    i = j + 1;
  }
  const downs = n - ups;
  if (ups === 0 || downs === 0) return Number.NaN;
  return (rankSum - (ups * (ups + 1)) / 2) / (ups * downs);
}

/** Equal-width probability bins: does "70 % up" go up about 70 % of the time? */
export function calibrationTable(p: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): CalibrationBin[] {
  const rows = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < p.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p[i] * bins)));
    rows[b]++;
    sumP[b] += p[i];
    sumY[b] += labels[i];
  }
  return Array.from({ length: bins }, (_, b) => ({
    from: b / bins,
    to: (b + 1) / bins,
    rows: rows[b],
    predicted: rows[b] ? sumP[b] / rows[b] : Number.NaN,
    observed: rows[b] ? sumY[b] / rows[b] : Number.NaN,
  }));
}
