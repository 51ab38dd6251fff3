// Quantile binning for the histogram tree builder.
//
// Each feature gets ≤ 255 bins with float32 upper edges: bin b holds the values x with
//   edges[b-1] < fround(x) <= edges[b]     (bin 0 has no lower edge; the last bin has no upper edge).
// A split "bins 0..b go left" is stored as the Float32 threshold edges[b], and because the edges are float32 values
// already, `fround(x) <= threshold` — model.ts's predictRow test and ONNX's BRANCH_LEQ on float inputs — sends a row
// left exactly when its bin is ≤ b. Training and prediction therefore split every float32 input identically.
//
// An edge sits at the float32 midpoint of two neighbouring distinct sample values, so values never seen in training
// that fall in a gap are split down the middle of it.

export interface Binning {
  cols: number;
  /** Bins per feature (1 for a constant feature, which can never be split). */
  nBins: Int32Array;
  /** offset[f] = global index of feature f's bin 0 in a histogram; offset[cols] = total bins. */
  offset: Int32Array;
  /** edges[f] has nBins[f] − 1 ascending float32 upper edges. */
  edges: Float32Array[];
}

export interface BinningOptions {
  /** Bins per feature, 2..255 (default 255). */
  maxBins?: number;
  /** Rows sampled (evenly spaced, no randomness) to find the quantiles (default 200,000; all rows when fewer). */
  sampleRows?: number;
}

/** Bin edges for every column of a row-major matrix, from an evenly spaced sample of at most `sampleRows` rows. */
export function fitBinning(values: Float32Array, rows: number, cols: number, opts: BinningOptions = {}): Binning {
  const askedBins = opts.maxBins ?? 255;
  if (!(Number.isInteger(askedBins) && askedBins >= 2 && askedBins <= 255)) throw new RangeError(`maxBins must be an integer in [2, 255], got ${askedBins}`);
  // Global bin ids are Uint16: beyond 257 columns the bins per feature shrink so that they all fit.
  const maxBins = Math.max(2, Math.min(askedBins, Math.floor(65535 / cols)));
  const m = Math.min(rows, opts.sampleRows ?? 200_000);
  // The sample, column by column (read row by row: one pass over the matrix in memory order).
  const sample = new Float32Array(m * cols);
  for (let i = 0; i < m; i++) {
    const src = (m === rows ? i : Math.floor((i * rows) / m)) * cols;
    for (let f = 0; f < cols; f++) sample[f * m + i] = values[src + f];
  }
  const nBins = new Int32Array(cols);
  const offset = new Int32Array(cols + 1);
  const edges: Float32Array[] = [];
  const keys = new Uint32Array(m);
  const scratch = new Uint32Array(m);
  for (let f = 0; f < cols; f++) {
    const col = sample.subarray(f * m, (f + 1) * m);
    sortFloat32(col, keys, scratch);
    const e = quantileEdges(col, maxBins);
    edges.push(e);
    nBins[f] = e.length + 1;
    offset[f + 1] = offset[f] + nBins[f];
  }
  return { cols, nBins, offset, edges };
}

/**
 * Sorts finite float32 values ascending in place: an LSD radix sort (3 passes of 11 bits) over keys whose unsigned
 * order is the float order (sign bit flipped for positives, all bits for negatives) — faster than
 * Float32Array.prototype.sort on 200k values. −0 sorts before +0, which the callers treat as equal.
 */
function sortFloat32(a: Float32Array, keys: Uint32Array, scratch: Uint32Array): void {
  const m = a.length;
  const bits = new Uint32Array(a.buffer, a.byteOffset, m);
  for (let i = 0; i < m; i++) {
    const x = bits[i];
    keys[i] = x & 0x80000000 ? ~x >>> 0 : (x | 0x80000000) >>> 0;
  }
  const count = new Int32Array(2048);
  let from = keys;
  let to = scratch;
  for (let shift = 0; shift < 32; shift += 11) {
    count.fill(0);
    for (let i = 0; i < m; i++) count[(from[i] >>> shift) & 2047]++;
    let sum = 0;
    for (let j = 0; j < 2048; j++) {
      const c = count[j];
      count[j] = sum;
      sum += c;
    }
    for (let i = 0; i < m; i++) {
      const x = from[i];
      to[count[(x >>> shift) & 2047]++] = x;
    }
    const t = from;
    from = to;
    to = t;
  }
  for (let i = 0; i < m; i++) {
    const x = from[i];
    bits[i] = x & 0x80000000 ? x & 0x7fffffff : ~x >>> 0;
  }
}

/** Float32 value strictly between a < b, or a when there is none (then a is the split point). */
function midpoint(a: number, b: number): number {
  const mid = Math.fround(a + (b - a) / 2);
  return mid >= a && mid < b ? mid : a;
}

/** Upper edges of ≤ maxBins bins of roughly equal counts over a sorted sample; a heavy tie gets a bin of its own. */
function quantileEdges(sorted: Float32Array, maxBins: number): Float32Array {
  const m = sorted.length;
  const out: number[] = [];
  let distinct = m > 0 ? 1 : 0;
  for (let i = 1; i < m && distinct <= maxBins; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  if (distinct <= maxBins) {
    for (let i = 1; i < m; i++) if (sorted[i] !== sorted[i - 1]) out.push(midpoint(sorted[i - 1], sorted[i]));
    return Float32Array.from(out);
  }
  // Greedy: each bin takes its fair share of the rows still unbinned, rounded out to the end of a tie; when the tie
  // at the cut is itself at least a share, the bin closes before it instead and the tie starts the next bin.
  let pos = 0; // first row of the open bin
  while (pos < m && out.length < maxBins - 1) {
    const share = (m - pos) / (maxBins - out.length);
    let cut = Math.min(m - 1, pos + Math.max(1, Math.ceil(share)) - 1); // last row of the bin, before tie rounding
    const v = sorted[cut];
    let tieStart = cut;
    while (tieStart > pos && sorted[tieStart - 1] === v) tieStart--;
    let tieEnd = upperBound(sorted, v, cut); // first row after the tie
    if (tieStart > pos && tieEnd - tieStart >= share) {
      cut = tieStart - 1;
      tieEnd = tieStart;
    } else cut = tieEnd - 1;
    if (tieEnd >= m) break; // the rest is one tie: the last bin
    out.push(midpoint(sorted[cut], sorted[tieEnd]));
    pos = tieEnd;
  }
  return Float32Array.from(out);
}

/** First index > from whose value is above v, in a sorted array (exponential then binary search). */
function upperBound(sorted: Float32Array, v: number, from: number): number {
  const m = sorted.length;
  let lo = from + 1;
  let step = 1;
  let hi = lo;
  while (hi < m && sorted[hi] === v) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, m);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] === v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The bin of float32 value `x` for feature f: the first b with x <= edges[b], else the last bin. */
export function binOf(binning: Binning, f: number, x: number): number {
  const e = binning.edges[f];
  let lo = 0;
  let hi = e.length; // answer in [lo, hi]
  const v = Math.fround(x);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= e[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Every value's global bin id, offset[f] + bin, row-major like the input (Uint16: fitBinning keeps the total below
 * 65,536). A branch-free eight-step search over the edges padded with +∞ to 256 entries.
 */
export function applyBinning(binning: Binning, values: Float32Array, rows: number): Uint16Array {
  const cols = binning.cols;
  const out = new Uint16Array(rows * cols);
  const table = new Float32Array(cols * 256).fill(Infinity); // feature f's edges at [256 f, 256 f + 255)
  for (let f = 0; f < cols; f++) table.set(binning.edges[f], f * 256);
  const offset = binning.offset;
  for (let i = 0, end = rows * cols; i < end; i += cols) {
    for (let f = 0; f < cols; f++) {
      const v = values[i + f];
      const e = f << 8;
      // +(a < b) compiles to a flag move, not a branch: 3–4× faster than `?:` on unpredictable data.
      let b = +(table[e + 127] < v) << 7;
      b |= +(table[e + b + 63] < v) << 6;
      b |= +(table[e + b + 31] < v) << 5;
      b |= +(table[e + b + 15] < v) << 4;
      b |= +(table[e + b + 7] < v) << 3;
      b |= +(table[e + b + 3] < v) << 2;
      b |= +(table[e + b + 1] < v) << 1;
      b |= +(table[e + b] < v);
      out[i + f] = offset[f] + b;
    }
  }
  return out;
}

/** Row-major bins → column-major (out[f · rows + r]). */
export function binsByColumn(bins: Uint16Array, rows: number, cols: number): Uint16Array {
  const out = new Uint16Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let f = 0; f < cols; f++) out[f * rows + r] = bins[base + f];
  }
  return out;
}
