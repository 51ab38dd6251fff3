// The trades of a run as a CSV journal (times in ISO UTC), for a spreadsheet.
import type { BacktestResult } from '../../../../shared/backtest-contract';

type Trade = BacktestResult['trades'][number];

const iso = (ms: number) => new Date(ms).toISOString();

export function tradesCsv(trades: readonly Trade[]): string {
  const lines = ['entry_time,exit_time,size,entry_price,exit_price,pnl,return_pct,fees'];
  for (const t of trades) {
    lines.push([iso(t.entryTime), iso(t.exitTime), t.size, t.entryPrice, t.exitPrice, t.pnl, t.returnPct ?? '', t.fees].join(','));
  }
  return `${lines.join('\n')}\n`;
}
