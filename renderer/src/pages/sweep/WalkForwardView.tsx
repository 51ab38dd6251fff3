// A walk-forward's result: the stitched out-of-sample return and equity, in-sample and out-of-sample summaries side by
// side (the fit vs what the method would have earned), and every window with its train and test sides kept apart.
import type { WalkForwardResult, WalkSide } from '../../../../shared/sweep-contract';
import { formatTime } from '../../format';
import { EquityChart } from '../backtest/EquityChart';
import { fmt, paramsText } from './format';

const day = (ms: number) => formatTime(ms).slice(0, 10);

function SideSummary({ title, side, metric, testId }: { title: string; side: WalkSide; metric: string; testId: string }) {
  return (
    <section className="panel" aria-label={title} data-testid={testId}>
      <h3>{title}</h3>
      <dl className="sw-side">
        <dt>windows</dt><dd>{side.windows}</dd>
        <dt>mean {metric}</dt><dd>{fmt(side.meanMetric, 3)}</dd>
        <dt>mean return</dt><dd>{fmt(side.meanReturnPct)} %</dd>
        <dt>positive windows</dt><dd>{side.positiveWindows} / {side.windows}</dd>
        <dt>worst window drawdown</dt><dd>{fmt(side.worstDrawdownPct)} %</dd>
        <dt>trades</dt><dd>{side.trades}</dd>
      </dl>
    </section>
  );
}

export function WalkForwardView({ result }: { result: WalkForwardResult }) {
  const m = result.metric.name;
  const ret = result.stitchedReturnPct;
  return (
    <section data-testid="wf-result">
      <div className="panel">
        <h3>Walk-forward, {result.anchored ? 'anchored' : 'rolling'}: train {result.train}, test {result.test}, {result.combos} combinations per window, picked by {m}</h3>
        <p className="sw-stitched">
          Stitched out-of-sample return{' '}
          <strong className={(ret ?? 0) >= 0 ? 'gain' : 'loss'} data-testid="wf-stitched-return">{ret === null ? '—' : `${ret.toFixed(2)} %`}</strong>{' '}
          <span className="muted">(the test windows compounded in order)</span>
        </p>
        {result.stitched.time.length > 1
          ? <EquityChart time={result.stitched.time} value={result.stitched.value} title="out-of-sample equity" />
          : <p className="muted">No window had a winner to trade out of sample.</p>}
      </div>
      <div className="columns">
        <SideSummary title="In-sample (the fit, not a forecast)" side={result.inSample} metric={m} testId="wf-is" />
        <SideSummary title="Out-of-sample (what it would have earned)" side={result.outOfSample} metric={m} testId="wf-oos" />
      </div>
      <div className="panel table-scroll">
        <table className="grid sw-windows" data-testid="wf-windows">
          <caption className="muted">Each window: the grid swept on the train span, its best params traded on the test span that follows</caption>
          <thead>
            <tr>
              <th rowSpan={2} className="num">#</th>
              <th colSpan={4} className="sw-is" scope="colgroup">In-sample (train)</th>
              <th colSpan={4} className="sw-oos" scope="colgroup">Out-of-sample (test)</th>
            </tr>
            <tr>
              <th className="sw-is">dates</th><th className="sw-is">chosen params</th><th className="sw-is num">IS {m}</th><th className="sw-is num">IS return %</th>
              <th className="sw-oos">dates</th><th className="sw-oos num">OOS {m}</th><th className="sw-oos num">OOS return %</th><th className="sw-oos num">trades</th>
            </tr>
          </thead>
          <tbody>
            {result.windows.map((w) => (
              <tr key={w.index} data-testid="wf-window">
                <td className="num">{w.index + 1}</td>
                <td className="sw-is mono">{day(w.train.from)} … {day(w.train.to)}</td>
                <td className="sw-is mono" data-testid="wf-window-params">{paramsText(w.best)}</td>
                <td className="sw-is num">{fmt(w.inSample?.score, 3)}</td>
                <td className="sw-is num">{fmt(w.inSample?.returnPct)}</td>
                <td className="sw-oos mono">{day(w.test.from)} … {day(w.test.to)}</td>
                <td className="sw-oos num">{fmt(w.outOfSample?.score, 3)}</td>
                <td className={`sw-oos num ${(w.outOfSample?.returnPct ?? 0) >= 0 ? 'gain' : 'loss'}`} data-testid="wf-window-oos-return">{fmt(w.outOfSample?.returnPct)}</td>
                <td className="sw-oos num">{w.outOfSample?.trades ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
