// A finished sweep: what ran and what was skipped, the heatmap of two parameters, and the ranked table.
import type { SweepResult } from '../../../../shared/sweep-contract';
import { paramsText } from './format';
import { Heatmap } from './Heatmap';
import { RankedTable } from './RankedTable';

export function SweepResultView({ result }: { result: SweepResult }) {
  const best = result.rows[0];
  return (
    <section data-testid="sw-result">
      <div className="panel">
        <h3>{result.rows.length} of {result.combos} combinations ran, ranked by {result.metric.name}{best ? `; best ${paramsText(best.params)}` : ''}</h3>
        {result.skipped > 0 && <p className="muted" data-testid="sw-skipped">{result.skipped} skipped as invalid, e.g. {result.skippedExample}</p>}
        {result.errors.length > 0 && <p className="error" role="alert">{result.errors.length} failed, e.g. {paramsText(result.errors[0].params)}: {result.errors[0].error}</p>}
        <Heatmap result={result} />
      </div>
      <div className="panel">
        <RankedTable result={result} />
      </div>
    </section>
  );
}
