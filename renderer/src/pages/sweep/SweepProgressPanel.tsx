// A running job: backtests done of all, windows for a walk-forward, and what each worker thread has finished.
import type { SweepProgress, SweepStarted } from '../../../../shared/sweep-contract';
import { ProgressBar } from '../../components/ProgressBar';

export function SweepProgressPanel({ started, progress }: { started: SweepStarted; progress?: SweepProgress }) {
  const done = progress?.done ?? 0;
  const perWorker = progress?.perWorker ?? new Array<number>(started.workers).fill(0);
  const most = Math.max(1, ...perWorker);
  const what = progress?.phase === 'stitching' ? 'replaying the chosen params for the stitched curve' : `${done} / ${started.total} backtests`;
  return (
    <section className="panel" aria-label="sweep progress" data-testid="sw-progress">
      <ProgressBar fraction={started.total ? done / started.total : 0} label={`${started.jobId}: ${what}`} />
      {progress?.windows && <p className="muted" data-testid="sw-windows-progress">Window {progress.windows.done} of {progress.windows.total} done</p>}
      <p className="muted">{started.workers} of {started.poolSize} pool worker{started.poolSize === 1 ? '' : 's'} on {started.combos} combinations</p>
      <ul className="sw-workers" aria-label="backtests per worker">
        {perWorker.map((n, i) => (
          <li key={i} data-testid={`sw-worker-${i}`}>
            <span className="sw-worker-name">worker {i + 1}</span>
            <span className="sw-worker-bar" aria-hidden="true"><span style={{ width: `${(n / most) * 100}%` }} /></span>
            <span className="num">{n}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
