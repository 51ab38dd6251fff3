// The Chromium half of bench:chart: the real headless server (`npm run headless`) on the database the engine half
// imported, the built renderer (out/renderer) in Debian's Chromium, the Chart page at 1440×900. Measured in the page
// (performance.now()): from the dataset select's change event to the first frame drawn with the bars (candles.get over
// the WebSocket bridge, decode and validation, React, setData, fit, the chart's paint), then frame intervals (a
// requestAnimationFrame loop) while the mouse drags the chart, turns the wheel, and drags again zoomed in to 1m bars.
import type { CDPSession, Page } from 'playwright-core';
import { CHROMIUM, hasBuiltRenderer, hasChromium, launchChromium, startHeadlessProcess } from '../test/e2e/browser';

const CHART = '[data-testid=candle-chart]';
const SELECT = '[data-testid=chart-dataset]';
const WIDTH = 1440;
const HEIGHT = 900;
/** One refresh at 60 Hz; an interval longer than this (1 ms of timer jitter allowed) is a missed frame. */
const FRAME_MS = 1000 / 60;
const MISSED_MS = FRAME_MS + 1;
const GESTURE_MS = 2_000;

/**
 * Installed before the app's scripts (a bench-side probe, nothing in the app): the select's change time, each
 * WebSocket message's arrival and size, long tasks, and on demand a requestAnimationFrame loop and the first frame
 * after the chart's `data-bars` changes. A string, so the bundler's helpers never end up in the page.
 */
const PROBE = `(() => {
  const probe = { start: 0, messages: [], longTasks: [], frames: [], inputs: 0, recording: false };
  window.__bench = probe;
  for (const type of ['mousemove', 'wheel']) addEventListener(type, () => { if (probe.recording) probe.inputs++; }, true);
  document.addEventListener('change', (e) => {
    if (e.target instanceof Element && e.target.matches('${SELECT}')) probe.start = performance.now();
  }, true);
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      // A candles request will replace the chart's bars: data-bars comes back once the new ones are in the view.
      const send = this.send.bind(this);
      this.send = (data) => {
        if (typeof data === 'string' && data.includes('"candles.get"')) document.querySelector('${CHART}')?.removeAttribute('data-bars');
        send(data);
      };
      this.addEventListener('message', (e) => {
        const d = e.data;
        probe.messages.push([performance.now(), typeof d === 'string' ? d.length : d.byteLength ?? d.size ?? 0]);
      });
    }
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  probe.armPaint = () => {
    document.querySelector('${CHART}')?.removeAttribute('data-bars');
    probe.painted = new Promise((done, fail) => {
      setTimeout(() => fail(new Error('no bars drawn within 60 s of the select')), 60000);
      const seen = new MutationObserver(() => {
        const host = document.querySelector('${CHART}[data-bars]');
        if (!host) return;
        seen.disconnect();
        const shown = { bars: Number(host.dataset.bars), resolution: host.dataset.resolution };
        // The chart draws in its own animation frame after the fit: the second frame from here starts once it is shown.
        requestAnimationFrame(() => requestAnimationFrame(() => done({ at: performance.now(), ...shown })));
      });
      seen.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-bars'] });
    });
  };
  probe.startFrames = () => {
    probe.frames = [];
    probe.inputs = 0;
    probe.recording = true;
    const tick = (t) => { if (!probe.recording) return; probe.frames.push(t); requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  };
  probe.stopFrames = () => { probe.recording = false; return { frames: probe.frames, inputs: probe.inputs }; };
})();`;

interface Paint {
  ms: number;
  bars: number;
  resolution: string;
  replyMs: number;
  replyBytes: number;
  longTaskMs: number;
}

interface Frames {
  frames: number;
  /** Mouse events the page received (moves or wheel turns, after Chromium's coalescing). */
  inputs: number;
  p50: number;
  p95: number;
  max: number;
  missed: number;
  fps: number;
  longTaskMs: number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const longTasksSince = (page: Page, from: number): Promise<number> =>
  page.evaluate(`__bench.longTasks.filter(([t]) => t >= ${from}).reduce((n, [, d]) => n + d, 0)`);

/** Selects the dataset (after clearing the selection, so the change fires again) and waits for the bars' frame. */
async function openDataset(page: Page, dataset: string): Promise<Paint> {
  await page.selectOption(SELECT, '');
  await page.evaluate('__bench.armPaint()');
  await page.selectOption(SELECT, dataset);
  const painted = await page.evaluate<{ at: number; bars: number; resolution: string }>('__bench.painted');
  const { start, messages } = await page.evaluate<{ start: number; messages: [number, number][] }>('({ start: __bench.start, messages: __bench.messages })');
  // The candles are the largest frame the select brought (the rest are small replies and events).
  const [replyAt, replyBytes] = messages.filter(([t]) => t >= start && t <= painted.at).reduce((a, b) => (b[1] > a[1] ? b : a), [start, 0]);
  return {
    ms: painted.at - start, bars: painted.bars, resolution: painted.resolution,
    replyMs: replyAt - start, replyBytes, longTaskMs: await longTasksSince(page, start),
  };
}

/** A CDP Input.dispatchMouseEvent: a move with the left button held, or a wheel turn. */
interface Gesture {
  type: 'mouseMoved' | 'mouseWheel';
  x: number;
  y: number;
  button?: 'left';
  buttons?: number;
  deltaX?: number;
  deltaY?: number;
}

/**
 * Sends mouse events for GESTURE_MS, one per 8 ms (a 125 Hz mouse), while the page records its frames. Straight through
 * CDP without awaiting each: page.mouse waits for every event's round trip (~25 ms in headless Chromium, on a blank
 * page too), which would pace the gesture by the harness rather than the page. Chromium coalesces moves to frames.
 */
async function framesDuring(page: Page, cdp: CDPSession, event: (elapsedMs: number) => Gesture): Promise<Frames> {
  const from = await page.evaluate<number>('performance.now()');
  await page.evaluate('__bench.startFrames()');
  const sent: Promise<unknown>[] = [];
  const t0 = performance.now();
  for (let next = t0, el = 0; el < GESTURE_MS; el = performance.now() - t0) {
    sent.push(cdp.send('Input.dispatchMouseEvent', event(el)));
    next += 8;
    await sleep(Math.max(0, next - performance.now()));
  }
  await Promise.all(sent);
  const { frames: stamps, inputs } = await page.evaluate<{ frames: number[]; inputs: number }>('__bench.stopFrames()');
  const gaps = stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
  const span = stamps[stamps.length - 1] - stamps[0];
  return {
    frames: gaps.length, inputs, p50: pct(gaps, 0.5), p95: pct(gaps, 0.95), max: gaps[gaps.length - 1],
    missed: gaps.filter((g) => g > MISSED_MS).length, fps: (gaps.length / span) * 1000, longTaskMs: await longTasksSince(page, from),
  };
}

/** Waits until the view has settled: past the chart's 200 ms pause before a reload, and any reload's bars in view. */
async function settle(page: Page): Promise<void> {
  await sleep(300);
  await page.waitForSelector(`${CHART}[data-bars]`, { timeout: 60_000 });
}

const ms = (v: number) => `${v.toFixed(0).padStart(5)} ms`;
const frameLine = (label: string, f: Frames) =>
  `  ${label.padEnd(24)} ${f.inputs} events, ${f.frames} frames: p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, max ${f.max.toFixed(1)} ms, ` +
  `${f.missed} over ${FRAME_MS.toFixed(1)} ms, ${f.fps.toFixed(0)} fps (long tasks ${f.longTaskMs.toFixed(0)} ms)`;

/** The browser measurements for a stored dataset (`exchange:SYMBOL:tf`) in the database at dbPath. */
export async function benchChartInBrowser(dbPath: string, dataset: string): Promise<void> {
  if (!hasChromium) return console.log(`\nChromium: skipped, no browser at ${CHROMIUM} (set CHROMIUM_PATH)`);
  if (!hasBuiltRenderer) return console.log('\nChromium: skipped, no built renderer in out/renderer (run npx electron-vite build)');
  const [headless, browser] = await Promise.all([startHeadlessProcess(dbPath), launchChromium()]);
  try {
    const page = await (await browser.newContext({ viewport: { width: WIDTH, height: HEIGHT } })).newPage();
    await page.addInitScript(PROBE);
    page.on('pageerror', (err) => console.log(`  page error: ${err.message}`));
    await page.goto(headless.url);
    await page.click('[data-testid=nav-chart]');
    await page.waitForSelector(`${SELECT} option[value="${dataset}"]`, { state: 'attached' });
    console.log(`\nChromium ${browser.version()} (headless, ${WIDTH}×${HEIGHT}) over the headless bridge, Chart page:`);

    // A fresh page (the chart is created with the first bars, the engine's page cache cold), then the same select again.
    for (const label of ['first paint', 'selected again']) {
      const p = await openDataset(page, dataset);
      console.log(`  ${label.padEnd(24)} ${ms(p.ms)}  ${p.bars.toLocaleString('en-US')} bars at ${p.resolution}; candles reply in at ${p.replyMs.toFixed(0)} ms ` +
        `(${(p.replyBytes / 1024).toFixed(0)} KB), long tasks ${p.longTaskMs.toFixed(0)} ms`);
      // The whole dataset should stay in view: a reload on its own (e.g. of the view before the fit) would show here.
      await settle(page);
      const now = `${await page.getAttribute(CHART, 'data-bars')} bars at ${await page.getAttribute(CHART, 'data-resolution')}`;
      if (now !== `${p.bars} bars at ${p.resolution}`) console.log(`  (then the chart reloaded by itself: ${now})`);
    }

    const box = await page.locator(CHART).boundingBox();
    if (!box) throw new Error('the chart is not laid out');
    const x = box.x + box.width / 2;
    const y = box.y + box.height * 0.3;
    const cdp = await page.context().newCDPSession(page);
    const press = (type: 'mousePressed' | 'mouseReleased', at: number) => cdp.send('Input.dispatchMouseEvent', { type, x: at, y, button: 'left', buttons: type === 'mousePressed' ? 1 : 0, clickCount: 1 });
    // Back and forth by ±250 px, a full swing per second, so the view stays over the data.
    const swing = (el: number) => x + 250 * Math.sin((2 * Math.PI * el) / 1000);
    const pan = async () => {
      await page.mouse.move(x, y);
      await press('mousePressed', x);
      const f = await framesDuring(page, cdp, (el) => ({ type: 'mouseMoved', x: swing(el), y, button: 'left', buttons: 1 }));
      await press('mouseReleased', x);
      return f;
    };
    console.log(frameLine('pan, whole dataset', await pan()));
    await settle(page);

    // In for a second, out for a second: the view ends near where it began.
    const wheel = (el: number): Gesture => ({ type: 'mouseWheel', x, y, deltaX: 0, deltaY: el < GESTURE_MS / 2 ? -60 : 60 });
    console.log(frameLine('wheel zoom in and out', await framesDuring(page, cdp, wheel)));
    await settle(page);

    // Zoom in two wheel turns at a time, each pause reloading the view at a finer resolution, until the dataset's own
    // bars: the first view at 1m (up to 10,000 bars wide; the window loaded around it spans three views).
    await page.mouse.move(x, y);
    for (let i = 0; i < 100 && (await page.getAttribute(CHART, 'data-resolution')) !== '1m'; i++) {
      await page.mouse.wheel(0, -600);
      await sleep(30);
      await page.mouse.wheel(0, -600);
      await settle(page);
    }
    const loaded = Number(await page.getAttribute(CHART, 'data-bars'));
    const label = `pan at ${await page.getAttribute(CHART, 'data-resolution')}, ~${Math.round(loaded / 3).toLocaleString('en-US')} in view`;
    console.log(frameLine(label, await pan()));
  } finally {
    await browser.close();
    await headless.stop();
  }
}
