// Times computeFeatures on N synthetic 1-minute bars and reports the peak memory of the process:
//   npm run bench:ml-features -- [rows = 2600000]
// Peak RSS includes Node itself (~60 MB), the input series (48 B/bar) and the float32 matrix (4 B × cols per bar).
import { computeFeatures } from '../electron/engine/ml/features';
import { syntheticMinutes } from '../test/unit/ml/features/synthetic';

const rows = Number(process.argv[2] ?? 2_600_000);
const series = syntheticMinutes(rows);
const before = process.memoryUsage().rss;
const start = performance.now();
const m = computeFeatures(series);
const ms = performance.now() - start;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
console.log(`${m.rows} rows × ${m.cols} features in ${(ms / 1000).toFixed(2)} s (${((ms * 1e6) / m.rows).toFixed(0)} ns/row)`);
console.log(`matrix ${mb(m.values.byteLength)}, series ${mb(rows * 48)}, RSS before ${mb(before)}, peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
