// The GRU the trainer fits, in plain typed arrays: one layer of H units over T steps of F standardised inputs, then a
// dense unit and a sigmoid on the last hidden state — the graph onnx/sequence.ts exports, with ONNX's gate order
// (z, r, h) and linear_before_reset = 1 (PyTorch's and cuDNN's form: the reset gate scales R_h·h + Rb_h, so the three
// recurrent products are one [3H, H] matrix-vector product per step):
//   z = σ(W_z x + Wb_z + R_z h + Rb_z),  r = σ(W_r x + Wb_r + R_r h + Rb_r)
//   n = tanh(W_h x + Wb_h + r ⊙ (R_h h + Rb_h)),  h' = (1 − z) ⊙ n + z ⊙ h
//   p = σ(c + d · h_T)
// Loss: mean binary cross-entropy over a mini-batch. The gradient is backpropagation through time over the whole window
// (h_0 = 0, as the exported model starts). Every buffer is allocated once, for the largest batch; the loops only index.
//
// The parameters live in one flat Float64Array (`theta`), blocks in the order of GruLayout, so the optimiser and the
// gradient check treat them as one vector.

export interface GruShape {
  /** F: inputs per step. */
  inputSize: number;
  /** H: hidden units. */
  hiddenSize: number;
  /** T: steps per window. */
  seqLength: number;
}

/** Offsets of the parameter blocks in `theta`: W [3H, F], R [3H, H], Wb [3H], Rb [3H], dense [H], dense bias. */
export interface GruLayout {
  W: number;
  R: number;
  Wb: number;
  Rb: number;
  dense: number;
  denseBias: number;
  size: number;
}

export function gruLayout(F: number, H: number): GruLayout {
  const W = 0;
  const R = W + 3 * H * F;
  const Wb = R + 3 * H * H;
  const Rb = Wb + 3 * H;
  const dense = Rb + 3 * H;
  const denseBias = dense + H;
  return { W, R, Wb, Rb, dense, denseBias, size: denseBias + 1 };
}

/** Windows to run: sample s reads T contiguous rows of F values from xs[offsets[s]], oldest first. */
export interface GruInputs {
  xs: Float64Array | Float32Array;
  offsets: Int32Array;
  labels: Uint8Array;
}

export class GruNet {
  readonly F: number;
  readonly H: number;
  readonly T: number;
  readonly layout: GruLayout;
  /** The parameters (see GruLayout). */
  readonly theta: Float64Array;
  /** The gradient of the last lossAndGradient call. */
  readonly grad: Float64Array;
  /** P(up) of the samples of the last forward call. */
  readonly p: Float64Array;
  /** Logit of the samples of the last forward call. */
  private readonly logit: Float64Array;
  // Per sample and step, kept by the forward pass for the backward one: gates z, r, candidate n, R_h·h + Rb_h.
  private readonly z: Float64Array;
  private readonly r: Float64Array;
  private readonly n: Float64Array;
  private readonly hn: Float64Array;
  /** Hidden states h_0 … h_T per sample. */
  private readonly hs: Float64Array;
  private readonly dA: Float64Array;
  private readonly dAhn: Float64Array;
  private dh: Float64Array;
  private dhPrev: Float64Array;

  constructor(
    shape: GruShape,
    readonly batchMax: number,
  ) {
    const { inputSize: F, hiddenSize: H, seqLength: T } = shape;
    this.F = F;
    this.H = H;
    this.T = T;
    this.layout = gruLayout(F, H);
    this.theta = new Float64Array(this.layout.size);
    this.grad = new Float64Array(this.layout.size);
    this.p = new Float64Array(batchMax);
    this.logit = new Float64Array(batchMax);
    const gates = batchMax * T * H;
    this.z = new Float64Array(gates);
    this.r = new Float64Array(gates);
    this.n = new Float64Array(gates);
    this.hn = new Float64Array(gates);
    this.hs = new Float64Array(batchMax * (T + 1) * H);
    this.dA = new Float64Array(3 * H);
    this.dAhn = new Float64Array(H);
    this.dh = new Float64Array(H);
    this.dhPrev = new Float64Array(H);
  }

  /**
   * Runs samples idx[from … from + count) (count ≤ batchMax); P(up) lands in `p[0 … count)`, and what the backward
   * pass needs is kept.
   */
  forward(data: GruInputs, idx: ArrayLike<number>, from: number, count: number): void {
    const { F, H, T, theta, z, r, n, hn, hs, p, logit } = this;
    const L = this.layout;
    const { xs, offsets } = data;
    const H2 = 2 * H;
    for (let b = 0; b < count; b++) {
      const x0 = offsets[idx[from + b]];
      const hBase = b * (T + 1) * H;
      hs.fill(0, hBase, hBase + H);
      for (let t = 0; t < T; t++) {
        const xo = x0 + t * F;
        const hp = hBase + t * H;
        const hq = hp + H;
        const g = (b * T + t) * H;
        for (let j = 0; j < H; j++) {
          let az = theta[L.Wb + j] + theta[L.Rb + j];
          let ar = theta[L.Wb + H + j] + theta[L.Rb + H + j];
          let axn = theta[L.Wb + H2 + j];
          let ahn = theta[L.Rb + H2 + j];
          const wz = L.W + j * F;
          const wr = wz + H * F;
          const wn = wr + H * F;
          for (let k = 0; k < F; k++) {
            const x = xs[xo + k];
            az += theta[wz + k] * x;
            ar += theta[wr + k] * x;
            axn += theta[wn + k] * x;
          }
          const rz = L.R + j * H;
          const rr = rz + H * H;
          const rn = rr + H * H;
          for (let k = 0; k < H; k++) {
            const h = hs[hp + k];
            az += theta[rz + k] * h;
            ar += theta[rr + k] * h;
            ahn += theta[rn + k] * h;
          }
          const zj = 1 / (1 + Math.exp(-az));
          const rj = 1 / (1 + Math.exp(-ar));
          const nj = Math.tanh(axn + rj * ahn);
          z[g + j] = zj;
          r[g + j] = rj;
          n[g + j] = nj;
          hn[g + j] = ahn;
          hs[hq + j] = (1 - zj) * nj + zj * hs[hp + j];
        }
      }
      const hT = hBase + T * H;
      let o = theta[L.denseBias];
      for (let k = 0; k < H; k++) o += theta[L.dense + k] * hs[hT + k];
      logit[b] = o;
      p[b] = 1 / (1 + Math.exp(-o));
    }
  }

  /**
   * Mean binary cross-entropy of samples idx[from … from + count), and its gradient with respect to theta into `grad`
   * (overwritten).
   */
  lossAndGradient(data: GruInputs, idx: ArrayLike<number>, from: number, count: number): number {
    this.forward(data, idx, from, count);
    const { F, H, T, theta, grad, z, r, n, hn, hs, p, logit, dA, dAhn } = this;
    const L = this.layout;
    const { xs, offsets, labels } = data;
    const H2 = 2 * H;
    grad.fill(0);
    let loss = 0;
    for (let b = 0; b < count; b++) {
      const s = idx[from + b];
      const y = labels[s];
      const o = logit[b];
      // log(1 + e^o) − y·o, finite for any o
      loss += (o > 0 ? o + Math.log1p(Math.exp(-o)) : Math.log1p(Math.exp(o))) - y * o;
      const dOut = (p[b] - y) / count;
      const hBase = b * (T + 1) * H;
      const hT = hBase + T * H;
      grad[L.denseBias] += dOut;
      let dh = this.dh;
      let dhPrev = this.dhPrev;
      for (let k = 0; k < H; k++) {
        grad[L.dense + k] += dOut * hs[hT + k];
        dh[k] = dOut * theta[L.dense + k];
      }
      const x0 = offsets[s];
      for (let t = T - 1; t >= 0; t--) {
        const xo = x0 + t * F;
        const hp = hBase + t * H;
        const g = (b * T + t) * H;
        for (let k = 0; k < H; k++) {
          const zk = z[g + k];
          const rk = r[g + k];
          const nk = n[g + k];
          const d = dh[k];
          const dan = d * (1 - zk) * (1 - nk * nk);
          dA[k] = d * (hs[hp + k] - nk) * zk * (1 - zk);
          dA[H + k] = dan * hn[g + k] * rk * (1 - rk);
          dA[H2 + k] = dan;
          dAhn[k] = dan * rk;
          dhPrev[k] = d * zk;
        }
        // Input weights: the three gate rows of unit j at once, one pass over x.
        for (let j = 0; j < H; j++) {
          const gz = dA[j];
          const gr = dA[H + j];
          const gn = dA[H2 + j];
          grad[L.Wb + j] += gz;
          grad[L.Wb + H + j] += gr;
          grad[L.Wb + H2 + j] += gn;
          const wz = L.W + j * F;
          const wr = wz + H * F;
          const wn = wr + H * F;
          for (let k = 0; k < F; k++) {
            const x = xs[xo + k];
            grad[wz + k] += gz * x;
            grad[wr + k] += gr * x;
            grad[wn + k] += gn * x;
          }
        }
        // Recurrent weights, and the gradient flowing to h_{t−1} through them.
        for (let j = 0; j < H; j++) {
          const gz = dA[j];
          const gr = dA[H + j];
          const gn = dAhn[j];
          grad[L.Rb + j] += gz;
          grad[L.Rb + H + j] += gr;
          grad[L.Rb + H2 + j] += gn;
          const rz = L.R + j * H;
          const rr = rz + H * H;
          const rn = rr + H * H;
          for (let k = 0; k < H; k++) {
            const h = hs[hp + k];
            grad[rz + k] += gz * h;
            grad[rr + k] += gr * h;
            grad[rn + k] += gn * h;
            dhPrev[k] += gz * theta[rz + k] + gr * theta[rr + k] + gn * theta[rn + k];
          }
        }
        const swap = dh;
        dh = dhPrev;
        dhPrev = swap;
      }
    }
    return loss / count;
  }

  /** P(up) of every sample of `data` (forward passes of batchMax samples), into `out`. */
  predictAll(data: GruInputs, out: Float64Array = new Float64Array(data.offsets.length)): Float64Array {
    const total = data.offsets.length;
    const idx = new Int32Array(Math.min(this.batchMax, total));
    for (let from = 0; from < total; from += this.batchMax) {
      const count = Math.min(this.batchMax, total - from);
      for (let b = 0; b < count; b++) idx[b] = from + b;
      this.forward(data, idx, 0, count);
      out.set(this.p.subarray(0, count), from);
    }
    return out;
  }

  /** Mean binary cross-entropy of every sample of `data` (p clipped to [1e-15, 1 − 1e-15]). */
  meanLoss(data: GruInputs): number {
    const p = this.predictAll(data);
    let s = 0;
    for (let i = 0; i < p.length; i++) s -= Math.log(Math.min(1 - 1e-15, Math.max(1e-15, data.labels[i] === 1 ? p[i] : 1 - p[i])));
    return p.length > 0 ? s / p.length : 0;
  }
}
