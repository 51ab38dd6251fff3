// Training labels: did the close rise over the next `horizon` bars? Labels look ahead by design, so they live apart
// from the features and must never be fed to a model as inputs.
import { ConfigError } from '../../errors';

/** The label of a row that gets none: a move inside the dead zone, or too close to the end to know the outcome. */
export const NO_LABEL = -1;

/**
 * label[i] = 1 if close[i+h] / close[i] − 1 > deadZone (up), 0 if < −deadZone (down), NO_LABEL (−1) otherwise:
 * inside the dead zone (|move| ≤ deadZone, so deadZone = 0 leaves only exactly flat moves unlabelled), for the last h
 * rows (no future close), and where a close is not a positive number. Trainers drop the −1 rows.
 */
export function directionLabels(close: Float64Array, horizon = 5, deadZone = 0): Int8Array {
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new ConfigError(`label horizon must be an integer >= 1, got ${String(horizon)}`, 'CONFIG_INVALID', { field: 'horizon', value: horizon });
  }
  if (!(deadZone >= 0 && Number.isFinite(deadZone))) {
    throw new ConfigError(`label dead zone must be a finite number >= 0, got ${String(deadZone)}`, 'CONFIG_INVALID', { field: 'deadZone', value: deadZone });
  }
  const n = close.length;
  const out = new Int8Array(n).fill(NO_LABEL);
  for (let i = 0; i + horizon < n; i++) {
    const now = close[i];
    const later = close[i + horizon];
    if (!(now > 0 && later > 0)) continue;
    const move = later / now - 1;
    if (move > deadZone) out[i] = 1;
    else if (move < -deadZone) out[i] = 0;
  }
  return out;
}
