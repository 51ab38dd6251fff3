// Training speed at full size (issue 12: GBDT 200 trees of depth 6 and a 100-tree forest on 300,000 × 60 rows,
// single-threaded, target under 60 s each), with the test AUC on a synthetic linear signal. Prints figures only.
// Run: npm run bench:ml-train
import { predictRows } from '../electron/engine/ml/model';
import { trainForest, trainGbdt, trainLogistic } from '../electron/engine/ml/train';
import { auc } from '../electron/engine/ml/train/metrics';
import { linearSignal, makeDataset } from '../test/unit/ml/train/synthetic';

const data = makeDataset(300_000, 60, 62, linearSignal);
const test = makeDataset(20_000, 60, 63, linearSignal);

async function run(label: string, train: () => Promise<{ model: Parameters<typeof predictRows>[0] }>): Promise<void> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const { model } = await train();
  const cpu = process.cpuUsage(c0);
  const seconds = (performance.now() - t0) / 1000;
  const a = auc(predictRows(model, test.values, test.rows), test.labels);
  console.log(`${label.padEnd(58)} ${seconds.toFixed(1).padStart(5)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU, test AUC ${a.toFixed(4)}${seconds < 60 ? '' : '  (goal < 60 s: NOT met)'}`);
}

console.log('300,000 × 60 rows, single thread');
await run('GBDT 200 trees, depth 6, subsample 0.8 / colsample 0.8', () => trainGbdt(data, { nEstimators: 200, maxDepth: 6, earlyStoppingRounds: 0 }));
await run('GBDT 200 trees, depth 6, all rows and columns', () => trainGbdt(data, { nEstimators: 200, maxDepth: 6, earlyStoppingRounds: 0, subsample: 1, colsampleByTree: 1 }));
await run('random forest 100 trees (depth 12, √cols per split)', () => trainForest(data, { nEstimators: 100 }));
await run('logistic regression (Newton)', () => trainLogistic(data));
