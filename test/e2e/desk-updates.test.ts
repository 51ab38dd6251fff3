// Browser test: the Desk under a stream of updates, with no layout jank. The real engine (headless, desk polling the
// emulator every 50 ms) runs a paper agent-panel session on a replay of bars that closed earlier, published by the
// test faster than the desk polls, so every poll trades at least one new bar and pushes desk.changed (and the
// decisions) over the bridge, as a live desk does on every poll: the page re-renders its strip, sessions table,
// votes panel (five agents, their reasons new each bar) and chart, and reloads the chart's candles and fills and the
// books. In the page: cumulative layout shift from PerformanceObserver('layout-shift') and frame times from a
// requestAnimationFrame loop, at 1440×900 and at 1024×700. Then an SMA session joins the stream and its chart marks
// its fills: one marker per fill, as the engine lists them, growing while the bars come.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskStatusView } from '../../shared/desk-contract';
import type { QuorumClient } from '../../renderer/src/api/client';
import { BinanceEmulator, type EmuCandle } from '../emulator';
import { tempDir } from '../support/temp';
import { hasBuiltRenderer, hasChromium, openApp, ROOT, type AppInBrowser } from './browser';
import { contractClient } from './contract-client';

const MINUTE = 60_000;
const HISTORY = 300;
const REPLAY = 690;
/** The desk's poll, and the pace the test publishes bars at (faster, so every poll finds one). */
const POLL_MS = 50;
const PUBLISH_MS = 40;
const MEASURE_MS = 6_000;
/** Updates per second the Desk must take without jank. */
const RATE = 10;

/** Waves (so the SMA crosses often) without gaps; every bar closed before `now`, the last one two minutes ago. */
function wavePath(now: number): EmuCandle[] {
  const last = Math.floor(now / MINUTE) * MINUTE - 2 * MINUTE;
  const first = last - (HISTORY + REPLAY - 1) * MINUTE;
  const r = (x: number) => Math.round(x * 100) / 100;
  let close = 62_000;
  return Array.from({ length: HISTORY + REPLAY }, (_, i) => {
    const open = close;
    close = r(62_000 + 600 * Math.sin(i / 23) + 150 * Math.sin(i / 4));
    return { time: first + i * MINUTE, open, high: r(Math.max(open, close) + 8), low: r(Math.min(open, close) - 8), close, volume: 5 + (i % 7) };
  });
}

interface Figures {
  seconds: number;
  /** Desk updates the page drew: distinct contents of the sessions table. */
  pageUpdates: number;
  cls: number;
  shifts: { value: number; sources: string[] }[];
  frames: { count: number; p50: number; p95: number; max: number; over50: number };
}

/** Starts the page's own measurement: layout shifts, frame times, and each distinct render of the sessions table. */
function startMeasuring(page: Page): Promise<void> {
  return page.evaluate(() => {
    const describe = (n: Node | null) => (n instanceof Element ? `${n.tagName.toLowerCase()}${n.getAttribute('data-testid') ? `[${n.getAttribute('data-testid')}]` : ''}.${n.className}` : String(n?.nodeName));
    const m = { start: performance.now(), shifts: [] as { value: number; sources: string[] }[], frames: [] as number[], texts: new Set<string>(), running: true };
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources?: { node: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[] }[]) {
        if (e.hadRecentInput) continue;
        m.shifts.push({ value: e.value, sources: (e.sources ?? []).map((s) => `${describe(s.node)} ${JSON.stringify(s.previousRect)} → ${JSON.stringify(s.currentRect)}`) });
      }
    });
    observer.observe({ type: 'layout-shift' });
    const table = () => document.querySelector('[data-testid=desk-sessions] tbody')?.textContent ?? '';
    const mutations = new MutationObserver(() => m.texts.add(table()));
    mutations.observe(document.querySelector('[data-testid=desk-page]')!, { subtree: true, childList: true, characterData: true });
    let last = performance.now();
    const loop = (t: number) => {
      m.frames.push(t - last);
      last = t;
      if (m.running) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
    (window as unknown as { __deskJank: unknown }).__deskJank = { m, stop: () => { m.running = false; observer.disconnect(); mutations.disconnect(); } };
  });
}

function stopMeasuring(page: Page): Promise<Figures> {
  return page.evaluate(() => {
    const { m, stop } = (window as unknown as { __deskJank: { m: { start: number; shifts: { value: number; sources: string[] }[]; frames: number[]; texts: Set<string> }; stop(): void } }).__deskJank;
    stop();
    const sorted = m.frames.slice(1).sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return {
      seconds: (performance.now() - m.start) / 1000,
      pageUpdates: m.texts.size,
      cls: m.shifts.reduce((s, x) => s + x.value, 0),
      shifts: m.shifts,
      frames: { count: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1], over50: sorted.filter((f) => f > 50).length },
    };
  });
}

describe.skipIf(!hasChromium || !hasBuiltRenderer)('The Desk at 10 updates per second', () => {
  const dir = tempDir();
  const path = wavePath(Date.now());
  let emulator: BinanceEmulator;
  let app: AppInBrowser;
  let page: Page;
  let contract: { client: QuorumClient; close(): void };
  let publisher: ReturnType<typeof setInterval> | undefined;
  /** desk.changed pushes that carried a new bar, with their arrival times (the engine's side of the stream). */
  const barPushes: number[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    emulator = await BinanceEmulator.start({ interval: '1m', series: { 'BTC/USDT': path }, startIndex: HISTORY - 1 });
    app = await openApp(join(dir, 'updates.db'), { args: ['--exchange-url', emulator.url, '--desk-poll-ms', String(POLL_MS)], width: 1440, height: 900 });
    page = app.page;
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (err) => problems.push(err.message));
    contract = await contractClient(app.headless.url);
    let lastBar: number | undefined;
    contract.client.on('desk.changed', (s: DeskStatusView) => {
      const bar = s.sessions[0]?.lastBarTime;
      if (bar !== undefined && bar !== lastBar) barPushes.push(Date.now());
      lastBar = bar;
    });
    // The replayed bars are minutes old by design: the stale-data breaker would (rightly) stop the SMA session's entries.
    await contract.client.request('settings.update', { risk: { breakers: { staleData: { enabled: false } } } });
  }, 60_000);
  afterAll(async () => {
    clearInterval(publisher);
    contract?.close();
    await app?.close();
    await emulator?.close();
  });

  const session = async (n: number) => (await contract.client.request('desk.status', {})).sessions[n];

  async function startSession(strategy: string, params: string, count: number): Promise<void> {
    await page.getByRole('button', { name: 'New session…' }).click();
    await page.selectOption('[data-testid=desk-form-strategy]', strategy);
    await page.fill('[data-testid=desk-form-params]', params);
    await page.click('[data-testid=desk-form-start]');
    await expect.poll(() => page.locator('[data-testid=desk-sessions] tbody tr').count(), { timeout: 20_000 }).toBe(count);
  }

  it('starts a panel session and streams bars to it', async () => {
    await page.locator('[data-testid=desk-page]').waitFor();
    await startSession('panel', '', 1);
    await expect.poll(() => page.locator('[data-testid=desk-chart]').getAttribute('data-bars'), { timeout: 15_000 }).toBe(String(HISTORY));
    publisher = setInterval(() => emulator.advance(1, 'BTC/USDT'), PUBLISH_MS);
    await expect.poll(() => page.locator('[data-testid=desk-final-action]').count(), { timeout: 15_000 }).toBe(1);
  });

  it('sees a layout shift when one happens: the measurement is live', async () => {
    // At the top of the page: scrolled down, the browser's scroll anchoring would hide the shift.
    await page.evaluate(() => window.scrollTo(0, 0));
    await startMeasuring(page);
    await page.evaluate(() => {
      const push = document.createElement('div');
      push.style.height = '120px';
      document.querySelector('[data-testid=desk-page]')!.prepend(push);
    });
    await page.waitForTimeout(300);
    const { cls } = await stopMeasuring(page);
    console.log(`a 120 px block pushed in above the Desk: layout shift ${cls.toFixed(4)}`);
    expect(cls).toBeGreaterThan(0.01);
    await page.evaluate(() => document.querySelector('[data-testid=desk-page]')!.firstElementChild!.remove());
  });

  for (const [width, height] of [[1440, 900], [1024, 700]]) {
    it(`takes ${RATE}+ updates a second at ${width}×${height} without layout shift or long frames`, async () => {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(500);
      const pushedBefore = barPushes.length;
      const barsBefore = Number(await page.locator('[data-testid=desk-chart]').getAttribute('data-bars'));
      await startMeasuring(page);
      await page.waitForTimeout(MEASURE_MS);
      const f = await stopMeasuring(page);
      await page.screenshot({ path: join(ROOT, 'test-results', `desk-streaming-${width}x${height}.png`), fullPage: true });
      const engineRate = (barPushes.length - pushedBefore) / f.seconds;
      const pageRate = f.pageUpdates / f.seconds;
      console.log(`Desk at ${width}×${height} for ${f.seconds.toFixed(1)} s: engine pushed ${engineRate.toFixed(1)} desk updates/s (each a new bar and its decision), ` +
        `page drew ${pageRate.toFixed(1)} updates/s; layout shift ${f.cls.toFixed(4)} (${f.shifts.length} shifts); ` +
        `frames ${f.frames.count}, p50 ${f.frames.p50.toFixed(1)} ms, p95 ${f.frames.p95.toFixed(1)} ms, max ${f.frames.max.toFixed(1)} ms, ${f.frames.over50} over 50 ms`);
      for (const s of f.shifts.slice(0, 5)) console.log(`  shift ${s.value.toFixed(4)}: ${s.sources.join(' | ')}`);
      expect(engineRate).toBeGreaterThanOrEqual(RATE);
      expect(pageRate).toBeGreaterThanOrEqual(RATE);
      // The chart kept up: it drew new bars while measured.
      expect(Number(await page.locator('[data-testid=desk-chart]').getAttribute('data-bars'))).toBeGreaterThan(barsBefore);
      expect(f.cls).toBeLessThan(0.01);
      expect(f.frames.p95).toBeLessThan(50);
    });
  }

  it('marks every fill of an SMA session on its chart, one marker each, as they come', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await startSession('sma-cross', 'fast=2 slow=5', 2);
    const sma = await session(1);
    expect(sma.request.strategy).toBe('sma-cross');
    // A new session is shown on the chart; its first fills are marked while the stream goes on.
    await expect.poll(async () => Number(await page.locator('[data-testid=desk-chart]').getAttribute('data-markers')), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    expect(await page.locator('[data-testid=desk-chart-session]').inputValue()).toBe(String(sma.id));
    const early = Number(await page.locator('[data-testid=desk-chart]').getAttribute('data-markers'));
    // The rest of the replay, then the stream stops: the engine's fills and the page's markers must agree.
    await expect.poll(() => emulator.currentCandle('BTC/USDT').time, { timeout: 60_000 }).toBe(path[path.length - 1].time);
    clearInterval(publisher);
    await expect.poll(async () => (await session(1)).lastBarTime, { timeout: 10_000 }).toBe(emulator.currentCandle('BTC/USDT').time);
    const fills = await contract.client.request('desk.fills', { sessionId: sma.id, limit: 500 });
    expect(fills.length).toBeGreaterThanOrEqual(4);
    expect(new Set(fills.map((f) => f.role))).toEqual(new Set(['entry', 'exit']));
    await expect.poll(() => page.locator('[data-testid=desk-chart]').getAttribute('data-markers'), { timeout: 10_000 }).toBe(String(fills.length));
    expect(await page.locator('[data-testid=desk-chart] [data-testid=candle-chart]').getAttribute('data-markers')).toBe(String(fills.length));
    expect(fills.length).toBeGreaterThan(early);
    expect(problems).toEqual([]);
  });
});
