// The Predictor: the panel's sixth voter, an ONNX model's P(up) turned into a vote. The model is loaded once (lazily,
// on the first preload), its inference runs in preload() — batched in backtests, one row per new bar live — and
// vote(i) only reads the column, so the panel's synchronous decide() stays as it is.
import { ModelError } from '../../errors';
import type { ColumnCache } from '../../agents/columns';
import { PREDICTOR_NAME, type PredictorAgent, type PredictorStream } from '../../agents/predictor';
import { abstain, type Vote } from '../../agents/types';
import type { Bar } from '../../indicators';
import type { CandleSeries } from '../../model/candle-series';
import { allocateSeries } from '../../model/candle-series';
import { Missing, PredictionTrack, type TrackOptions } from './prediction-track';
import type { LoadedModel } from './load-model';

export interface PredictorOptions extends TrackOptions {
  /** Opens the model; called once, on the first preload. */
  open: () => Promise<LoadedModel>;
  /** direction = sign(2p − 1), confidence = min(1, gain·|2p − 1|): see PredictorSettingsSchema.gain. */
  gain: number;
}

/** The vote for probability `p` of "up over the model's horizon". */
export function predictorVote(model: LoadedModel, p: number, gain: number): Vote {
  const edge = 2 * p - 1;
  const direction = edge > 0 ? 1 : edge < 0 ? -1 : 0;
  const confidence = Math.min(1, gain * Math.abs(edge));
  const reason = `model ${model.name} (${model.kind}): P(up over next ${model.horizon} bars)=${p.toFixed(3)}`;
  return { agent: PREDICTOR_NAME, direction, confidence, reasons: [reason] };
}

export class OnnxPredictor implements PredictorAgent {
  readonly name = PREDICTOR_NAME;
  readonly style = 'model' as const;
  private model: LoadedModel | undefined;
  private opening: Promise<LoadedModel> | undefined;
  private track: PredictionTrack | undefined;
  private ready: CandleSeries | undefined;

  constructor(private readonly options: PredictorOptions) {}

  async preload(series: CandleSeries): Promise<void> {
    const model = (this.model ??= await (this.opening ??= this.options.open()));
    this.track ??= new PredictionTrack(model.runner, this.options);
    await this.track.update(series);
    this.ready = series;
  }

  prepare(series: CandleSeries, _cache?: ColumnCache): void {
    if (series !== this.ready) {
      throw new ModelError('the Predictor was asked to vote on candles it has not predicted: the loop must await preload() first', 'MODEL_NOT_PRELOADED', { field: 'predictor' });
    }
  }

  vote(index: number): Vote {
    const { track, model } = this;
    if (!track || !model) return abstain(PREDICTOR_NAME, 'model not loaded');
    const why = track.missing[index];
    if (why === Missing.WarmingUp) return abstain(PREDICTOR_NAME, 'warming up: features not ready');
    if (why === Missing.Failed) return abstain(PREDICTOR_NAME, `model ${model.name} failed: ${track.lastError ?? 'no answer'}`);
    return predictorVote(model, track.p[index], this.options.gain);
  }

  /** Releases the onnxruntime session. */
  async close(): Promise<void> {
    await this.model?.runner.close();
  }
}

/**
 * The streaming form (LivePanel): one closed candle in, its vote out, through the same track one bar at a time — so
 * its votes are the batch form's, computed with single-row calls.
 */
export class OnnxPredictorStream implements PredictorStream {
  readonly name = PREDICTOR_NAME;
  readonly style = 'model' as const;
  private readonly batch: OnnxPredictor;
  private bars = allocateSeries(0);

  constructor(options: PredictorOptions) {
    this.batch = new OnnxPredictor({ ...options, onError: options.onError ?? 'abstain' });
  }

  async update(candle: Bar): Promise<Vote> {
    this.bars = appendBar(this.bars, candle);
    await this.batch.preload(this.bars);
    return this.batch.vote(this.bars.length - 1);
  }
}

/** The series with `bar` added (a fresh object: the track tells series apart by identity). Keeps the last 2 bars
 * only: the track carries everything older in its feature stream. */
function appendBar(s: CandleSeries, bar: Bar): CandleSeries {
  const keep = Math.min(s.length, 1);
  const out = allocateSeries(keep + 1);
  for (const col of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    out[col].set(s[col].subarray(s.length - keep));
    out[col][keep] = bar[col];
  }
  return out;
}
