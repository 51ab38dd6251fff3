// Tray icon, tooltip and menu from engine state; and the generated icon files decode as the platforms need them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { describe, expect, it, vi, type Mock } from 'vitest';
import {
  TRAY_ICON_NAMES, trayIconFile, trayIconName, trayMenu, trayTooltip, type TrayActions, type TrayState,
} from '../../../electron/shell/tray-menu';

const RESOURCES = fileURLToPath(new URL('../../../resources/', import.meta.url));
type Risk = NonNullable<TrayState['risk']>;

const risk = (over: Partial<Risk> = {}): Risk => ({ tradingState: 'active', killSwitch: { isTripped: false }, breakers: [], ...over });
const state = (over: Partial<TrayState> = {}): TrayState => ({ mode: 'paper', liveArmed: false, liveSessions: 0, openPositions: 0, ...over });
const halted = risk({ tradingState: 'halted', killSwitch: { isTripped: true, mode: 'halt' } });
const breaker = (name: string, account?: string) => ({ name, isTripped: true, account });

describe('trayIconName', () => {
  it('is calm for paper and for disarmed live, and distinct for armed live', () => {
    expect(trayIconName(state())).toBe('tray-paper');
    expect(trayIconName(state({ mode: 'live', liveArmed: false }))).toBe('tray-paper');
    expect(trayIconName(state({ mode: 'live', liveArmed: true, risk: risk() }))).toBe('tray-live');
  });

  it('shows a tripped breaker, or exits-only trading, above live', () => {
    expect(trayIconName(state({ mode: 'live', liveArmed: true, risk: risk({ breakers: [breaker('dailyLoss')] }) }))).toBe('tray-breaker');
    expect(trayIconName(state({ risk: risk({ tradingState: 'reducing' }) }))).toBe('tray-breaker');
    expect(trayIconName(state({ risk: risk({ breakers: [{ name: 'dailyLoss', isTripped: false }] }) }))).toBe('tray-paper');
  });

  it('shows halted above everything, whether the kill switch or the trading state says so', () => {
    expect(trayIconName(state({ mode: 'live', liveArmed: true, risk: { ...halted, breakers: [breaker('dailyLoss')] } }))).toBe('tray-halted');
    expect(trayIconName(state({ risk: risk({ killSwitch: { isTripped: true, mode: 'stop-entries' }, tradingState: 'reducing' }) }))).toBe('tray-halted');
    expect(trayIconName(state({ risk: risk({ tradingState: 'halted' }) }))).toBe('tray-halted');
  });
});

describe('trayIconFile', () => {
  it('uses template images on macOS, .ico on Windows and PNG elsewhere', () => {
    expect(trayIconFile('tray-live', 'darwin')).toBe('tray/tray-liveTemplate.png');
    expect(trayIconFile('tray-live', 'win32')).toBe('tray/tray-live.ico');
    expect(trayIconFile('tray-live', 'linux')).toBe('tray/tray-live.png');
    expect(trayIconFile('tray-halted', 'freebsd')).toBe('tray/tray-halted.png');
  });

  it('names a file that exists for every icon on every platform, with its @2x where Electron looks for one', () => {
    for (const name of TRAY_ICON_NAMES) {
      for (const platform of ['darwin', 'win32', 'linux'] as const) {
        const file = join(RESOURCES, trayIconFile(name, platform));
        expect(existsSync(file), file).toBe(true);
        if (file.endsWith('.png')) expect(existsSync(file.replace(/\.png$/, '@2x.png')), file).toBe(true);
      }
    }
  });
});

describe('trayTooltip', () => {
  it('names the mode', () => {
    expect(trayTooltip(state())).toBe('Quorum — PAPER — active');
    expect(trayTooltip(state({ mode: 'live', liveArmed: true }))).toBe('Quorum — LIVE armed — active');
    expect(trayTooltip(state({ mode: 'live', liveArmed: false }))).toBe('Quorum — live disarmed — active');
  });

  it('names the safety state, most severe first', () => {
    expect(trayTooltip(state({ risk: risk({ tradingState: 'reducing' }) }))).toBe('Quorum — PAPER — exits only');
    expect(trayTooltip(state({ risk: risk({ tradingState: 'reducing', breakers: [breaker('dailyLoss', 'main')] }) })))
      .toBe('Quorum — PAPER — breaker dailyLoss tripped');
    expect(trayTooltip(state({ risk: risk({ breakers: [breaker('dailyLoss'), breaker('drawdown'), breaker('rejects')] }) })))
      .toBe('Quorum — PAPER — breaker dailyLoss tripped (+2 more)');
    expect(trayTooltip(state({ risk: { ...halted, breakers: [breaker('dailyLoss')] } }))).toBe('Quorum — PAPER — HALTED (halt)');
    expect(trayTooltip(state({ risk: risk({ killSwitch: { isTripped: true } }) }))).toBe('Quorum — PAPER — HALTED (kill switch)');
    expect(trayTooltip(state({ risk: risk({ tradingState: 'halted', breakers: [breaker('drawdown')] }) }))).toBe('Quorum — PAPER — HALTED (breaker drawdown)');
    expect(trayTooltip(state({ risk: risk({ tradingState: 'halted' }) }))).toBe('Quorum — PAPER — HALTED');
  });

  it("adds today's P&L, signed with two decimals, only when known", () => {
    expect(trayTooltip(state({ pnlToday: 12.5 }))).toBe('Quorum — PAPER — active — P&L today +12.50');
    expect(trayTooltip(state({ pnlToday: -3.456 }))).toBe('Quorum — PAPER — active — P&L today -3.46');
    expect(trayTooltip(state({ pnlToday: -0.001 }))).toBe('Quorum — PAPER — active — P&L today +0.00');
    expect(trayTooltip(state({ pnlToday: 0 }))).toBe('Quorum — PAPER — active — P&L today +0.00');
    expect(trayTooltip(state({ pnlToday: Number.NaN }))).toBe('Quorum — PAPER — active');
  });

  it('stays within the 127 characters Windows shows', () => {
    const text = trayTooltip(state({ risk: risk({ breakers: [breaker('x'.repeat(200))] }), pnlToday: 1 }));
    expect(text).toHaveLength(127);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('trayMenu', () => {
  const actions = (): Record<keyof TrayActions, Mock<() => void>> => ({
    showWindow: vi.fn(), pauseEntries: vi.fn(), emergencyStop: vi.fn(), flattenAll: vi.fn(), rearm: vi.fn(), quit: vi.fn(),
  });
  const item = (s: TrayState, id: string, a: TrayActions = actions()) => {
    const found = trayMenu(s, a).find((i) => i.id === id);
    if (!found) throw new Error(`no menu item ${id}`);
    return found;
  };

  it('lists status, actions and Quit in order, with a separator before Quit', () => {
    const menu = trayMenu(state(), actions());
    expect(menu.map((i) => i.type === 'separator' ? '---' : i.label)).toEqual([
      'Quorum — PAPER — active', '---', 'Open Quorum', 'Pause new entries', 'Emergency stop', 'Flatten all…', 'Re-arm…', '---', 'Quit',
    ]);
  });

  it('shows the tooltip as a disabled header, with "&" escaped so the menu does not eat it', () => {
    const header = item(state({ pnlToday: 1 }), 'status');
    expect(header).toMatchObject({ enabled: false, label: 'Quorum — PAPER — active — P&&L today +1.00' });
    expect(header.click).toBeUndefined();
  });

  it('wires every item to its action', () => {
    const a = actions();
    const s = state({ risk: halted });
    for (const [id, action] of [['open', 'showWindow'], ['pause', 'pauseEntries'], ['stop', 'emergencyStop'], ['flatten', 'flattenAll'],
      ['rearm', 'rearm'], ['quit', 'quit']] as const) {
      item(s, id, a).click?.();
      expect(a[action], id).toHaveBeenCalledTimes(1);
    }
  });

  it('offers Pause new entries unless already halted', () => {
    expect(item(state(), 'pause').enabled).toBe(true);
    expect(item(state({ risk: risk({ tradingState: 'reducing', breakers: [breaker('dailyLoss')] }) }), 'pause').enabled).toBe(true);
    expect(item(state({ risk: halted }), 'pause').enabled).toBe(false);
    expect(item(state({ risk: risk({ tradingState: 'halted' }) }), 'pause').enabled).toBe(false);
  });

  it('keeps Emergency stop and Flatten all… clickable in every state, halted included', () => {
    for (const s of [state(), state({ mode: 'live', liveArmed: true }), state({ risk: halted })]) {
      expect(item(s, 'stop')).toMatchObject({ label: 'Emergency stop', enabled: true });
      expect(item(s, 'flatten')).toMatchObject({ label: 'Flatten all…', enabled: true });
    }
  });

  it('enables Re-arm… only while the kill switch is tripped', () => {
    expect(item(state(), 'rearm').enabled).toBe(false);
    expect(item(state({ risk: risk({ tradingState: 'halted' }) }), 'rearm').enabled).toBe(false);
    expect(item(state({ risk: halted }), 'rearm').enabled).toBe(true);
  });

  it('says Quit… when quitting would leave live sessions or positions behind', () => {
    expect(item(state(), 'quit').label).toBe('Quit');
    expect(item(state({ liveSessions: 1 }), 'quit').label).toBe('Quit…');
    expect(item(state({ openPositions: 2 }), 'quit').label).toBe('Quit…');
  });
});

// ---- The generated icon files -----------------------------------------------------------------------------------
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A minimal PNG reader for 8-bit RGBA, non-interlaced: enough to check what the icon script writes. */
function decodePng(buf: Buffer): { width: number; height: number; rgba: Buffer } {
  expect(buf.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  let width = 0, height = 0, offset = 8;
  const idat: Buffer[] = [];
  for (;;) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('ascii', offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([...data.subarray(8, 13)]).toEqual([8, 6, 0, 0, 0]);
    } else if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
    if (type === 'IEND') break;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? rgba[y * stride + x - 4] : 0;
      const b = y > 0 ? rgba[(y - 1) * stride + x] : 0;
      const c = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      rgba[y * stride + x] = (raw[y * (stride + 1) + 1 + x] + predictor) & 0xff;
    }
  }
  return { width, height, rgba };
}

const read = (file: string) => readFileSync(join(RESOURCES, 'tray', file));

describe('tray icon files', () => {
  it('holds 16 px and 32 px PNGs, coloured and template, for every state', () => {
    for (const name of TRAY_ICON_NAMES) {
      for (const [suffix, size] of [['', 16], ['@2x', 32], ['Template', 16], ['Template@2x', 32]] as const) {
        const { width, height } = decodePng(read(`${name}${suffix}.png`));
        expect([width, height], `${name}${suffix}`).toEqual([size, size]);
      }
    }
  });

  it('makes template images black and alpha only, each state a different shape', () => {
    const shapes = new Set<string>();
    for (const name of TRAY_ICON_NAMES) {
      for (const suffix of ['Template', 'Template@2x']) {
        const { rgba } = decodePng(read(`${name}${suffix}.png`));
        const alphas: number[] = [];
        for (let i = 0; i < rgba.length; i += 4) {
          expect([rgba[i], rgba[i + 1], rgba[i + 2]], `${name}${suffix}`).toEqual([0, 0, 0]);
          alphas.push(rgba[i + 3]);
        }
        expect(alphas).toContain(0);
        expect(alphas).toContain(255);
        shapes.add(alphas.join());
      }
    }
    expect(shapes.size).toBe(TRAY_ICON_NAMES.length * 2);
  });

  it('packs the 16 and 32 px PNGs into each .ico', () => {
    for (const name of TRAY_ICON_NAMES) {
      const ico = read(`${name}.ico`);
      expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
      const sizes: number[] = [];
      for (let i = 0; i < ico.readUInt16LE(4); i++) {
        const entry = 6 + 16 * i;
        const png = ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8));
        const { width, height } = decodePng(png);
        expect([width, height]).toEqual([ico[entry], ico[entry + 1]]);
        sizes.push(width);
      }
      expect(sizes.sort((a, b) => a - b), name).toEqual([16, 32]);
    }
  });
});
