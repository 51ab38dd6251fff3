// `quorum trade start` in the foreground: the desk stepped every poll, a line per decision that acts and per fill,
// until Ctrl-C / SIGTERM or --bars N bars; then sessions end as a trader expects (below).
import { TIMEFRAME_MS, type Decision } from '../../../../shared/domain';
import type { SessionView } from '../../../../shared/desk-contract';
import type { Engine } from '../../engine';
import type { JournalFillRow } from '../../execution/journal';
import type { CliIO } from '../command';
import { isoTime } from '../format';
import { positionText } from './trade-books';
import { money, qty } from './trading-host';

export interface LoopOptions {
  sessionId: number;
  pollMs: number;
  /** Stop once this many new bars of the session were processed. */
  maxBars?: number;
}

/** SIGINT/SIGTERM end the loop; a second one quits at once. */
class StopSignal {
  reason: string | undefined;
  private readonly waiters = new Set<() => void>();
  private readonly handler = (signal: NodeJS.Signals) => {
    if (this.reason !== undefined) {
      this.io.err(`${signal} again: quitting now (the sessions are left as a crash would leave them; the next start reconciles)`);
      process.exit(130);
    }
    this.io.err(`${signal}: stopping…`);
    this.stop(signal);
  };

  constructor(private readonly io: CliIO) {
    process.on('SIGINT', this.handler);
    process.on('SIGTERM', this.handler);
  }

  stop(reason: string): void {
    this.reason ??= reason;
    for (const w of this.waiters) w();
  }

  /** Waits `ms`, or less if a stop comes first. */
  wait(ms: number, custom?: (ms: number) => Promise<void>): Promise<void> {
    if (this.reason !== undefined) return Promise.resolve();
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        if (timer) clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      this.waiters.add(done);
      if (custom) void custom(ms).then(done, done);
      else timer = setTimeout(done, ms);
    });
  }

  dispose(): void {
    process.off('SIGINT', this.handler);
    process.off('SIGTERM', this.handler);
  }
}

export function decisionLine(d: Decision): string {
  return `${isoTime(d.time)}  decision  ${d.symbol}  ${d.action.toUpperCase()}  score ${d.score.toFixed(3)}${d.veto ? `  VETOED: ${d.veto}` : ''}`;
}

export function fillLine(account: string, f: JournalFillRow): string {
  const owner = f.sessionId === null ? (f.clientOrderId.startsWith('flatten:') ? 'kill switch' : 'no session') : `session ${f.sessionId}`;
  const fee = f.fee ? `, fee ${qty(f.fee)}${f.feeCurrency ? ` ${f.feeCurrency}` : ''}` : '';
  return `${isoTime(f.time)}  fill      ${account}  ${owner}  ${f.side.toUpperCase()} ${qty(f.amount)} ${f.symbol} @ ${qty(f.price)}${fee}`;
}

/** Prints fills as the journal records them, account by account. */
class FillTail {
  private readonly seen = new Map<string, number>();

  constructor(private readonly engine: Engine, private readonly io: CliIO) {
    for (const a of engine.desk.openAccounts()) this.seen.set(a.id, a.journal.lastFillId());
  }

  print(): void {
    for (const a of this.engine.desk.openAccounts()) {
      const after = this.seen.get(a.id) ?? 0;
      const fresh = a.journal.fillsAfter(after);
      for (const f of fresh) this.io.out(fillLine(a.id, f));
      this.seen.set(a.id, a.journal.lastFillId());
    }
  }
}

/** Trades until stopped; returns the exit code (0: stopped by the trader or after --bars; 1: the session ended by itself). */
export async function tradeInForeground(engine: Engine, io: CliIO, options: LoopOptions): Promise<number> {
  const stop = new StopSignal(io);
  const unsubscribe = engine.events.subscribe((event, payload) => {
    if (event === 'decision.made' && (payload as Decision).action !== 'hold') io.out(decisionLine(payload as Decision));
  });
  const fills = new FillTail(engine, io);
  const id = options.sessionId;
  const first = engine.desk.runner(id)?.view();
  const tf = TIMEFRAME_MS[first?.request.timeframe ?? '1m'];
  let lastBar = first?.lastBarTime;
  let bars = 0;
  let lastError: string | undefined;
  let code = 0;
  io.out(`Trading every ${options.pollMs} ms${options.maxBars ? ` for ${options.maxBars} bar(s)` : ''}; Ctrl-C stops.`);
  try {
    for (;;) {
      if (options.maxBars !== undefined && bars >= options.maxBars) stop.stop(`${bars} bar(s) done`);
      if (stop.reason !== undefined) break;
      await stop.wait(options.pollMs, io.wait);
      if (stop.reason !== undefined) break;
      await engine.desk.step();
      fills.print();
      const runner = engine.desk.runner(id);
      if (!runner) {
        const row = engine.desk.sessions.get(id);
        io.err(`Session ${id} ended: ${row?.stopReason ?? 'stopped'}`);
        code = 1;
        break;
      }
      const view = runner.view();
      if (view.lastBarTime !== undefined) {
        if (lastBar !== undefined && view.lastBarTime > lastBar) bars += Math.round((view.lastBarTime - lastBar) / tf);
        else if (lastBar === undefined) bars += 1;
        lastBar = view.lastBarTime;
      }
      if (view.error !== lastError) {
        if (view.error) io.err(`Session ${id}: ${view.error}`);
        lastError = view.error;
      }
    }
  } finally {
    unsubscribe();
    stop.dispose();
  }
  fills.print();
  finish(engine, io, stop.reason ?? 'stopped');
  return code;
}

/**
 * What a trader expects when the command ends: a session marked resume-on-start is left as quitting the app leaves it
 * (it carries on at the next start of the app or of `quorum trade start` on this database); any other is stopped, so
 * nothing is shown as running that no process trades. Either way its position stays: stopping never sells.
 */
function finish(engine: Engine, io: CliIO, why: string): void {
  for (const view of engine.desk.status().sessions) {
    const row = engine.desk.sessions.get(view.id);
    const account = engine.desk.account(view.account);
    const held = account?.positions([view.request.symbol]).find((p) => p.sessionId === view.id);
    if (row?.resumeOnStart) {
      io.out(`Session ${view.id} stays marked resume-on-start (${why}): it carries on when Quorum or quorum trade start next opens this database.`);
    } else {
      engine.desk.stop(view.id, `stopped from the command line: ${why}`);
      io.out(`Session ${view.id} stopped (${why}).`);
    }
    io.out(summary(view, held ? positionText(held) : 'flat'));
    if (held) io.out(`  Its position stays open: quorum kill flatten closes every position, or start the session again to let it trade out.`);
  }
}

function summary(v: SessionView, position: string): string {
  const pnl = v.pnl === undefined ? '' : `, P&L ${v.pnl >= 0 ? '+' : ''}${money(v.pnl)}`;
  const equity = v.equity === undefined ? '' : `, equity ${money(v.equity)}`;
  return `  ${v.account} ${v.request.symbol} ${v.request.timeframe} ${v.request.strategy}: budget ${money(v.budget)}${equity}${pnl}, position ${position}`;
}
