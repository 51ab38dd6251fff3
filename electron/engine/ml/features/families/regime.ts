// The Regime agent's label as a one-hot: the agent itself computes it (batch agent over window columns, stream agent
// bar by bar), so the feature is exactly what the panel weighs by. NaN while the agent abstains during warm-up.
import { ColumnCache } from '../../../agents/columns';
import { Regime, REGIME_LABELS, RegimeStream } from '../../../agents/regime';
import type { PanelSettings } from '../../../agents/settings';
import type { RegimeLabel } from '../../../agents/types';
import type { FeatureFamily } from '../family';
import { oneHot } from '../formulas';

export type RegimeSettings = PanelSettings['regime'];

/** Column order, fixed by the schema: independent of the agent's internal label codes (REGIME_LABELS). */
const SLOTS: readonly RegimeLabel[] = ['trending', 'ranging', 'volatile', 'neutral'];
/** Bars per batch window: the agent's columns stay this small however long the series (see ColumnCache). */
const WINDOW_BARS = 1 << 16;

function writeOneHot(label: RegimeLabel | undefined, row: Float32Array, at: number): void {
  for (let k = 0; k < SLOTS.length; k++) row[at + k] = oneHot(label, SLOTS[k]);
}

export function regimeFamily(settings: RegimeSettings): FeatureFamily {
  return {
    specs: SLOTS.map((slot) => ({ name: `regime_${slot}`, params: { ...settings, label: slot } })),

    batch({ series }, out) {
      if (series.length === 0) return;
      const agent = new Regime({ regime: settings });
      const cache = new ColumnCache(series, WINDOW_BARS);
      agent.begin(cache);
      do {
        agent.fill(cache);
        const { labels, columns } = agent;
        for (let k = 0; k < cache.length; k++) {
          const label = columns.abstained[k] === 1 ? undefined : REGIME_LABELS[labels[k]];
          writeOneHot(label, out.values, (cache.from + k) * out.cols + out.at);
        }
      } while (cache.next());
    },

    stream() {
      const agent = new RegimeStream({ regime: settings });
      return {
        update(bar, row, at) {
          const vote = agent.update(bar);
          writeOneHot(vote.abstained === true ? undefined : agent.lastRegime, row, at);
        },
      };
    },
  };
}
