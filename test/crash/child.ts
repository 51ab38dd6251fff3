// A crash-harness child: reconciles at start, then trades until the parent kills it (SIGKILL, at a random moment).
import { createInterface } from 'node:readline';
import { binance } from 'ccxt';
import { rewriteUrls } from '../../electron/engine/exchange/url-override';
import { OrderJournal } from '../../electron/engine/execution/journal';
import { LiveBroker } from '../../electron/engine/execution/live';
import { AlertsRepository } from '../../electron/engine/store/alerts-repo';
import { openStore } from '../../electron/engine/store/database';
import { TEST_API_KEY, TEST_API_SECRET } from '../emulator/config';
import { nextDecision, step, SYMBOL } from './session';

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Loaded and waiting: the parent starts the next child while the previous one still runs, then says "go". */
function waitForGo(): Promise<void> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin });
    lines.once('line', () => {
      lines.close();
      resolve();
    });
  });
}

function exchangeFor(url: string, recvWindow: number): InstanceType<typeof binance> {
  const ex = new binance({
    apiKey: TEST_API_KEY, secret: TEST_API_SECRET, timeout: 3_000, enableRateLimit: false,
    options: { recvWindow, defaultType: 'spot', fetchCurrencies: false, fetchMargins: false, fetchMarkets: { types: ['spot'] } },
  });
  ex.urls = rewriteUrls(ex.urls, url);
  return ex;
}

async function main(): Promise<void> {
  const url = process.env.CRASH_EMULATOR_URL!;
  const recvWindow = Number(process.env.CRASH_RECV_WINDOW ?? 500);
  say('ready');
  await waitForGo();
  const { db } = openStore(process.env.CRASH_DB!);
  const journal = new OrderJournal(db, { account: 'live:binance' });
  const exchange = exchangeFor(url, recvWindow);
  const broker = new LiveBroker({ exchange, journal, alerts: new AlertsRepository(db), symbols: [SYMBOL],
    timeouts: { order: 3_000, ticker: 3_000 }, retry: { attempts: 5, baseDelayMs: 20, maxDelayMs: 200, rateLimitDelayMs: 50 } });
  const report = await broker.start();
  if (broker.state === 'blocked') {
    say(`blocked ${JSON.stringify(report.unresolved)}`);
    process.exit(3);
  }
  say(`reconciled ${report.changes.length} ${report.changes.map((c) => c.kind).join(',')}`);
  for (let n = nextDecision(journal); ; n++) {
    await step(broker, exchange, n).catch((err: unknown) => say(`error ${n} ${(err as Error).message}`));
    say(`decision ${n}`);
  }
}

main().catch((err: unknown) => {
  say(`fatal ${(err as Error).stack ?? String(err)}`);
  process.exit(2);
});
