// The operations channels (issue 14's UI side) on the assembled engine, through the renderer's client over the real
// WebSocket bridge: a paper account traded FIL/USDT across a UTC midnight on the exchange emulator, then
// - health.run / health.last / health.changed: every check with its time, and "since" kept while a status holds;
// - alert channels: added with the secret going to the keychain and never coming back, a test that is delivered to a
//   local receiver and one that fails (an answer, not a refusal), refusals naming the field, removal with the slot;
// - the alerts centre: an alert's delivery state per channel, sent on one and failed (with the error) on the other;
// - report.daily / report.export: the same report as `quorum report daily`, its HTML and CSV, NaN carried as null.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuorumClient } from '../../renderer/src/api/client';
import { EngineRequestError } from '../../renderer/src/api/client';
import type { HealthReportView } from '../../shared/health-contract';
import { buildDailyReport } from '../../electron/engine/reports/daily-report';
import { hasSharedData } from '../shared-data';
import { startHttpReceiver, eventually, type HttpReceiver } from '../support/alert-receivers';
import { bridgeClient } from '../support/bridge-client';
import { tempDir } from '../support/temp';
import { tradingRig, type Rig } from '../support/trading-rig';
import { parseCsv } from '../unit/reports/csv';

const dir = tempDir('quorum-ops-');
const TOKEN_PART = 'ops-hook-5f6a7b8c9d0e';

let rig: Rig;
let client: QuorumClient;
let closeClient: () => Promise<void>;
const receivers: HttpReceiver[] = [];

async function refusal(work: Promise<unknown>): Promise<EngineRequestError> {
  const err = await work.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(EngineRequestError);
  return err as EngineRequestError;
}

beforeAll(async () => {
  if (!hasSharedData) return;
  // FIL/USDT 1m from 2023-08-01 22:20: the session trades on both sides of midnight.
  rig = await tradingRig(dir, 'ops.db', { startIndex: 1_340 });
  const engine = await rig.open();
  await rig.start({ mode: 'paper', cash: 10_000, budget: 10_000 });
  await rig.bars(200);
  ({ client, close: closeClient } = await bridgeClient(engine));
}, 90_000);

afterAll(async () => {
  await closeClient?.();
  for (const r of receivers) await r.close();
  await rig?.dispose();
});

describe.skipIf(!hasSharedData)('operations channels on the engine', () => {
  it('health: nothing before the first run; a run answers every check, sends health.changed, and keeps "since" while a status holds', async () => {
    expect(await client.request('health.last', {})).toBeNull();
    const events: HealthReportView[] = [];
    const off = client.on('health.changed', (r) => events.push(r));
    const first = await client.request('health.run', {});
    const names = first.checks.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['database', 'disk', 'logs', 'model', 'kill-switch', 'breakers', 'exchange:binance', 'performance:paper:binance']));
    const database = first.checks.find((c) => c.name === 'database')!;
    expect(database).toMatchObject({ status: 'ok', checkedAt: first.time, since: first.time });
    expect(first.checks.find((c) => c.name === 'exchange:binance')).toMatchObject({ status: 'ok', measured: { reachable: true } });
    await eventually(() => events.length === 1, 5_000, 'the health.changed event');
    expect(events[0]).toEqual(first);
    expect(await client.request('health.last', {})).toEqual(first);

    await rig.bars(1); // the engine's clock (the emulator's candles) moves a minute
    const second = await client.request('health.run', {});
    expect(second.time).toBeGreaterThan(first.time);
    for (const check of second.checks) {
      const before = first.checks.find((c) => c.name === check.name);
      expect(check.checkedAt).toBe(second.time);
      expect(check.since).toBe(before && before.status === check.status ? before.since : second.time);
    }
    expect(second.checks.find((c) => c.name === 'database')!.since).toBe(first.time);
    off();
  });

  it('alert channels: the secret goes to the keychain and never comes back; Test is delivered or says why not', async () => {
    const ok = await startHttpReceiver();
    const refusing = await startHttpReceiver();
    refusing.respond = () => ({ status: 400, body: 'no such hook' });
    receivers.push(ok, refusing);

    const added = await client.request('alerts.addChannel', { kind: 'webhook', name: 'ops', url: `${ok.url}/hooks/${TOKEN_PART}`, minLevel: 'warning', quiet: { start: 22, end: 7, tz: 'utc' } });
    expect(added).toMatchObject({ name: 'ops', kind: 'webhook', enabled: true, minLevel: 'warning', quiet: { start: 22, end: 7, tz: 'utc' }, target: ok.url, queued: 0, failed: 0 });
    await client.request('alerts.addChannel', { kind: 'webhook', name: 'refusing', url: `${refusing.url}/hooks/${TOKEN_PART}-2` });
    const listed = await client.request('alerts.channels', {});
    expect(listed.map((c) => c.name)).toEqual(['ops', 'refusing']);
    expect(JSON.stringify([added, listed])).not.toContain(TOKEN_PART);
    expect((await rig.credentials.load('alert-channel:ops'))?.secret).toBe(`${ok.url}/hooks/${TOKEN_PART}`);
    const dbPath = rig.dbPath;
    const bytes = [dbPath, `${dbPath}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
    expect(bytes).not.toContain(TOKEN_PART);

    const test = await client.request('alerts.testChannel', { name: 'ops' });
    expect(test).toMatchObject({ delivered: true, ms: expect.any(Number) });
    expect(ok.requests).toHaveLength(1);
    expect(ok.requests[0]).toMatchObject({ path: `/hooks/${TOKEN_PART}`, json: { type: 'quorum.alert.test', alert: { level: 'info', source: 'quorum' } } });
    const failed = await client.request('alerts.testChannel', { name: 'refusing' });
    expect(failed).toMatchObject({ delivered: false, code: 'ALERT_SEND_REJECTED' });
    expect(failed.error).toMatch(/400/);
    expect(failed.error).not.toContain(TOKEN_PART);

    expect(await refusal(client.request('alerts.addChannel', { kind: 'slack', name: 'plain', url: 'http://hooks.example.com/x' }))).toMatchObject({ code: 'ALERT_CHANNEL_INVALID', field: 'url' });
    expect(await refusal(client.request('alerts.addChannel', { kind: 'webhook', name: 'ops', url: `${ok.url}/other` }))).toMatchObject({ code: 'ALERT_CHANNEL_EXISTS', field: 'name' });
    expect(await refusal(client.request('alerts.testChannel', { name: 'nobody' }))).toMatchObject({ code: 'ALERT_CHANNEL_UNKNOWN', field: 'name' });
    expect(await refusal(client.request('alerts.addChannel', { kind: 'webhook', name: 'q', url: `${ok.url}/x`, quiet: { start: 5, end: 5, tz: 'utc' } }))).toMatchObject({ code: 'INVALID_PAYLOAD', field: 'quiet.end' });
    expect(await rig.credentials.load('alert-channel:q')).toBeUndefined();
  });

  it('the alerts centre shows each alert with its delivery state per channel: sent on one, failed with the error on the other', async () => {
    const alert = rig.engine().raiseAlert({ level: 'critical', source: 'kill-switch', message: 'Kill switch tripped: halt by ui: ops test' });
    const deliveriesOf = async () => (await client.request('alerts.deliveries', { limit: 50 })).find((a) => a.id === alert.id)!.deliveries;
    await expect.poll(async () => (await deliveriesOf()).map((d) => d.state), { timeout: 10_000 }).toEqual(['sent', 'failed']);
    const centre = await client.request('alerts.deliveries', { limit: 50 });
    expect(centre[0]).toMatchObject({ id: alert.id, level: 'critical', source: 'kill-switch', time: alert.time });
    const [ops, refusing] = centre[0].deliveries;
    expect(ops).toMatchObject({ channel: 'ops', kind: 'webhook', state: 'sent', attempts: 1, sentAt: expect.any(Number) });
    expect(refusing).toMatchObject({ channel: 'refusing', state: 'failed', attempts: 1, error: expect.stringMatching(/400/) });
    expect(JSON.stringify(centre)).not.toContain(TOKEN_PART);
    // Alerts raised before the channels existed have no deliveries.
    expect(centre.filter((a) => a.id < alert.id).every((a) => a.deliveries.length === 0)).toBe(true);
    const counts = await client.request('alerts.channels', {});
    expect(counts.find((c) => c.name === 'refusing')).toMatchObject({ failed: 1, queued: 0 });
    expect(counts.find((c) => c.name === 'ops')!.lastSentAt).toBe(ops.sentAt);

    expect(await client.request('alerts.removeChannel', { name: 'refusing' })).toEqual({ removed: true, secret: 'removed' });
    expect(await rig.credentials.load('alert-channel:refusing')).toBeUndefined();
    expect((await client.request('alerts.channels', {})).map((c) => c.name)).toEqual(['ops']);
    expect((await deliveriesOf()).map((d) => d.channel)).toEqual(['ops']);
    expect(await client.request('alerts.removeChannel', { name: 'refusing' })).toEqual({ removed: false, secret: 'none' });
  });

  it('report.daily is the CLI\'s report with its HTML and CSV; figures that are not numbers travel as null', async () => {
    expect(await client.request('report.accounts', {})).toEqual([{ id: 'paper:binance', mode: 'paper', profile: 'binance', quote: 'USDT' }]);
    const { report, html, csv } = await client.request('report.daily', { account: 'paper:binance', date: '2023-08-01' });
    const direct = buildDailyReport(rig.engine().store.db, { account: 'paper:binance', date: '2023-08-01' });
    expect(report.trades.length).toBeGreaterThan(0);
    expect(report).toEqual(JSON.parse(JSON.stringify(direct)));
    expect(report.toDate.days).toBe(1);
    expect(Number.isNaN(direct.toDate.sharpe)).toBe(true);
    expect(report.toDate.sharpe).toBeNull();
    expect(html.match(/<tr class="trade">/g)).toHaveLength(report.trades.length);
    expect(parseCsv(csv)).toHaveLength(report.trades.length + 1);

    expect(await refusal(client.request('report.daily', { account: 'paper:okx', date: '2023-08-01' }))).toMatchObject({ code: 'ACCOUNT_UNKNOWN', field: 'account' });
    expect(await refusal(client.request('report.daily', { account: 'paper:binance', date: '2023-02-30' }))).toMatchObject({ field: 'date' });
    expect(await refusal(client.request('report.daily', { account: 'paper:binance', date: '2999-01-01' }))).toMatchObject({ field: 'date' });

    // No save dialog in a test engine: the file goes to the exports folder beside the database.
    const saved = await client.request('report.export', { account: 'paper:binance', date: '2023-08-01', format: 'csv' });
    expect(saved).toEqual({ saved: true, path: join(dirname(rig.dbPath), 'exports', 'quorum-daily-paper_binance-2023-08-01.csv') });
    expect(readFileSync(saved.path!, 'utf8')).toBe(csv);
    const page = await client.request('report.export', { account: 'paper:binance', date: '2023-08-01', format: 'html' });
    expect(readFileSync(page.path!, 'utf8')).toBe(html);
  });
});
