// Worker-thread entry of the sweep pool: holds the current sweep's candles (shared memory, not a copy) and runs batches
// of jobs one after another until terminated. It lives across sweeps, so it starts (and warms its JIT) once.
import { parentPort, workerData } from 'node:worker_threads';
import type { CandleSeries } from '../model/candle-series';
import { seriesFromShared } from './shared-series';
import { runSweepJob, type SweepBase, type SweepOutcome } from './sweep-job';
import { isToWorker, type FromWorker, type ToWorker } from './sweep-protocol';
import { primeTradingLoop, warmUpTradingLoop } from './jit-warmup';
import { LineMemo } from '../indicators/line-memo';

const port = parentPort;
if (!port) throw new Error('sweep-worker must run in a worker thread');

let context: { id: number; series: CandleSeries; base: SweepBase; lines: LineMemo } | undefined;
/** Messages are handled in arrival order (a job awaits inside), so batches never interleave and a context change waits. */
let queue = Promise.resolve();
const reply = (m: FromWorker) => port.postMessage(m);

async function runBatch(msg: Extract<ToWorker, { type: 'batch' }>): Promise<void> {
  const ctx = context;
  if (ctx?.id !== msg.context) return reply({ type: 'failed', seq: msg.seq, error: `sweep worker has no candles for context ${msg.context}` });
  const outcomes: SweepOutcome[] = [];
  for (const job of msg.jobs) outcomes.push(await runSweepJob(ctx.series, ctx.base, job, ctx.lines));
  reply({ type: 'done', seq: msg.seq, outcomes });
}

async function handle(msg: ToWorker): Promise<void> {
  if (msg.type === 'context') context = { id: msg.id, series: seriesFromShared(msg.series), base: msg.base, lines: new LineMemo() };
  else if (msg.type === 'release') context = context?.id === msg.id ? undefined : context;
  else await runBatch(msg).catch((err: unknown) => reply({ type: 'failed', seq: msg.seq, error: err instanceof Error ? err.message : String(err) }));
}

// Messages wait behind the warm-up (the pool sends none before 'ready' anyway). A warm-up that fails only leaves the
// thread cold: the real jobs report their own errors.
// Only the primer when the pool started this thread for jobs already waiting (SweepPool.warm).
const warmUp = (workerData as { warmUp?: boolean } | undefined)?.warmUp !== false;
queue = (warmUp ? warmUpTradingLoop() : primeTradingLoop()).catch(() => 0).then(() => reply({ type: 'ready' }));

port.on('message', (msg: unknown) => {
  // A malformed message means pool and worker disagree: crash, so the pool reports it and starts a fresh worker.
  if (!isToWorker(msg)) throw new Error(`sweep worker got a malformed message: ${JSON.stringify(msg)?.slice(0, 200)}`);
  queue = queue.then(() => handle(msg));
});
