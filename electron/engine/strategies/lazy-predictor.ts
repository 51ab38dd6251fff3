// The panel's Predictor as the registry builds it: a stand-in whose real agent (and with it the features, onnxruntime
// and protobufjs) loads on the first preload, so runs without a model — sweep workers, most backtests — never load it.
import { ModelError } from '../errors';
import type { ColumnCache } from '../agents/columns';
import { PREDICTOR_NAME, type PredictorAgent } from '../agents/predictor';
import type { Vote } from '../agents/types';
import type { CandleSeries } from '../model/candle-series';

export class LazyPredictor implements PredictorAgent {
  readonly name = PREDICTOR_NAME;
  readonly style = 'model' as const;
  private inner: PredictorAgent | undefined;
  private making: Promise<PredictorAgent> | undefined;

  constructor(private readonly make: () => Promise<PredictorAgent>) {}

  async preload(series: CandleSeries): Promise<void> {
    this.inner ??= await (this.making ??= this.make());
    await this.inner.preload(series);
  }

  prepare(series: CandleSeries, cache: ColumnCache): void {
    if (!this.inner) throw new ModelError('the Predictor was asked to vote before its model loaded: the loop must await preload() first', 'MODEL_NOT_PRELOADED', { field: 'predictor' });
    this.inner.prepare(series, cache);
  }

  vote(index: number): Vote {
    return (this.inner as PredictorAgent).vote(index);
  }
}
