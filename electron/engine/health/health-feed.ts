// What the Health panel is shown: each finished run's results with when they were checked and since when each check
// has had its status (tracked here across runs, as HealthService tracks statuses for its alerts).
import type { HealthCheckView, HealthReportView } from '../../../shared/health-contract';
import type { HealthReport } from './types';

export class HealthFeed {
  private readonly since = new Map<string, { status: HealthCheckView['status']; at: number }>();
  private lastReport?: HealthReport;
  private lastView?: HealthReportView;

  /** Records a finished run and returns it as the contract carries it (the same view again for the same report). */
  note(report: HealthReport): HealthReportView {
    if (report === this.lastReport && this.lastView) return this.lastView;
    const seen = new Set<string>();
    const checks = report.checks.map((c): HealthCheckView => {
      seen.add(c.name);
      const before = this.since.get(c.name);
      const at = before && before.status === c.status ? before.at : report.time;
      this.since.set(c.name, { status: c.status, at });
      return { ...c, ...(c.measured ? { measured: finite(c.measured) } : {}), checkedAt: report.time, since: at };
    });
    // A check that went away (an account forgotten) starts afresh if it comes back.
    for (const name of [...this.since.keys()]) if (!seen.has(name)) this.since.delete(name);
    this.lastReport = report;
    this.lastView = { time: report.time, status: report.status, durationMs: report.durationMs, checks };
    return this.lastView;
  }

  last(): HealthReportView | null {
    return this.lastView ?? null;
  }
}

/** NaN and ±Infinity do not survive JSON (the WebSocket bridge) and the contract refuses them: null instead. */
function finite(measured: NonNullable<HealthReport['checks'][number]['measured']>): NonNullable<HealthCheckView['measured']> {
  return Object.fromEntries(Object.entries(measured).map(([k, v]) => [k, typeof v === 'number' && !Number.isFinite(v) ? null : v]));
}
