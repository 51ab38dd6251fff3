// The daily report as text: a few lines for the CLI, and one short alert an alert channel can send at the day's end.
import type { NewAlert } from '../store/alerts-repo';
import type { DailyReport } from './daily-report';
import { isoTime, money, price, signed } from './report-format';

function eventsLine(r: DailyReport): string {
  if (r.events.length === 0) return 'Breaker and kill-switch events: none';
  const breakers = r.events.filter((e) => e.kind === 'breaker').length;
  const kills = r.events.length - breakers;
  return `Breaker and kill-switch events: ${breakers} breaker, ${kills} kill switch\n${r.events.map((e) => `  ${isoTime(e.time)}  ${e.message}`).join('\n')}`;
}

function positionsLine(r: DailyReport): string {
  if (r.openPositions.length === 0) return 'Open at the day\'s end: nothing';
  return `Open at the day's end:\n${r.openPositions.map((p) =>
    `  ${p.symbol} ${p.size} @ ${price(p.entryPrice)}, marked ${price(p.mark)} (unrealized ${signed(p.unrealizedPnl)} ${r.quote})${p.sessionId === null ? '' : `, session ${p.sessionId}${p.strategy ? ` ${p.strategy}` : ''}`}`).join('\n')}`;
}

/** The CLI's summary: headline, equity and P&L, trades, events, positions and the to-date figures. */
export function dailyReportText(r: DailyReport): string {
  const lines = [`Daily report ${r.account}, ${r.date} (UTC)${r.complete ? '' : `, up to ${isoTime(r.asOf)}`}`, r.headline];
  lines.push(
    `Equity ${money(r.equity.start)} -> ${money(r.equity.end)} ${r.quote}; P&L ${signed(r.pnl)} ${r.quote} (${signed(r.pnlPct)} %), realized ${signed(r.realizedPnl)}; fees ${money(r.fees)} ${r.quote}`,
    `Trades closed: ${r.trades.length} (${r.won} won, ${r.lost} lost); fills: ${r.fills}; max drawdown that day ${money(r.dayMaxDrawdownPct)} %`,
    eventsLine(r),
    positionsLine(r),
    `To date (since ${isoTime(r.toDate.since).slice(0, 10)}): return ${signed(r.toDate.returnPct)} %, Sharpe ${signed(r.toDate.sharpe, 3)} (daily, x sqrt(365)), max drawdown ${money(r.toDate.maxDrawdownPct)} %`,
  );
  return lines.join('\n');
}

/**
 * One short message for an alert channel (Telegram, Slack, email…): the day's P&L, equity, trades, fees, events and the
 * to-date figures. 'warning' when a breaker or the kill switch fired that day, 'info' otherwise.
 */
export function dailyReportAlert(r: DailyReport): NewAlert {
  const message = r.empty
    ? `Quorum daily report ${r.account} ${r.date}: no activity.`
    : `Quorum daily report ${r.account} ${r.date}: P&L ${signed(r.pnl)} ${r.quote} (${signed(r.pnlPct)} %), equity ${money(r.equity.end)}, ` +
      `${r.trades.length} trade(s) (${r.won} won, ${r.lost} lost), fees ${money(r.fees)}` +
      `${r.events.length > 0 ? `, ${r.events.length} breaker/kill-switch event(s)` : ''}` +
      `${r.openPositions.length > 0 ? `, ${r.openPositions.length} position(s) open` : ''}; ` +
      `to date: Sharpe ${signed(r.toDate.sharpe, 2)}, max drawdown ${money(r.toDate.maxDrawdownPct)} %.`;
  return {
    level: r.events.length > 0 ? 'warning' : 'info',
    source: `report:${r.account}`,
    message,
    details: { account: r.account, date: r.date, pnl: r.pnl, pnlPct: r.pnlPct, equity: r.equity.end, trades: r.trades.length, fees: r.fees, events: r.events.length },
  };
}
