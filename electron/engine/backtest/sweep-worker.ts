// Worker-thread entry of a sweep: gets the shared candles once, then runs one job per message until terminated.
import { parentPort, workerData } from 'node:worker_threads';
import { seriesFromShared, type SharedSeries } from './shared-series';
import { runSweepJob, type SweepBase, type SweepJob } from './sweep-job';

const { series: shared, base } = workerData as { series: SharedSeries; base: SweepBase };
const series = seriesFromShared(shared);
const port = parentPort;
if (!port) throw new Error('sweep-worker must run in a worker thread');

port.on('message', (job: SweepJob) => {
  void runSweepJob(series, base, job).then((outcome) => port.postMessage(outcome));
});
port.postMessage({ ready: true });
