// The Desk page's state (zustand): the selected session's chart (its candle window and its fills), a pinned
// bar's decision, the accounts' orders and fills, and every session as stored. The live session views themselves come
// from desk-store (desk.changed); this store reloads what depends on them when a bar closes or the books move.
import { create } from 'zustand';
import { DESK_BOOK_MAX_ROWS, type DeskFill, type DeskOrder, type DeskSessionRow } from '../../../shared/desk-book-contract';
import type { DeskStatusView, SessionView } from '../../../shared/desk-contract';
import { TIMEFRAME_MS, type Decision } from '../../../shared/domain';
import type { CandlesReply } from '../../../shared/runs-contract';
import type { QuorumClient } from '../api/client';
import { fillMarks, type TradeMark } from '../chart/trade-marks';
import { useDeskStore } from './desk-store';
import { throttle } from './throttle';

export type Loadable<T> = { state: 'idle' } | { state: 'loading'; value?: T } | { state: 'ready'; value: T } | { state: 'error'; error: string; value?: T };

interface Pinned {
  time: number;
  /** Undefined: the bar had no decision (a warm-up bar, before the session's run). */
  decision?: Decision;
}

export interface DeskStartForm {
  mode: 'paper' | 'live';
  account: string;
  symbol: string;
  timeframe: '1m' | '5m' | '15m' | '1h' | '4h' | '1d';
  strategy: string;
  /** "fast=3 slow=8": numbers, true/false or text. */
  params: string;
  cash: number;
  /** Empty: the engine's default (a quarter of the account's unallocated equity). */
  budget: string;
  resumeOnStart: boolean;
}

interface DeskPageState {
  selectedId?: number;
  /** The session's candle window and a mark per fill of the session inside it (entries and exits, as they fill). */
  chart: Loadable<{ sessionId: number; candles: CandlesReply; marks: TradeMark[] }>;
  pinned?: Pinned;
  sessions: Loadable<DeskSessionRow[]>;
  orders: Loadable<DeskOrder[]>;
  /** Orders still working at the venue, however old. */
  openOrders: Loadable<DeskOrder[]>;
  fills: Loadable<DeskFill[]>;
  /** The last action's failure (start, pause, stop …), shown beside the sessions. */
  actionError?: string;
  busy: boolean;
  attach(client: QuorumClient): void;
  select(id: number): void;
  pin(time: number): Promise<void>;
  unpin(): void;
  start(form: DeskStartForm): Promise<boolean>;
  startAgain(row: DeskSessionRow): Promise<void>;
  pause(id: number): Promise<void>;
  resume(id: number): Promise<void>;
  stop(id: number): Promise<void>;
  refreshBooks(): Promise<void>;
}

let client: QuorumClient | undefined;
/**
 * While the desk streams (a session polled every 100 ms trades a bar each time) the chart reloads and redraws at most
 * this often, and the books (four lists) at most once a second: the first change at once, the last one at the end of
 * its interval, never a request and a redraw per update. The strip, sessions and votes follow every update.
 */
const CHART_EVERY_MS = 200;
const BOOKS_EVERY_MS = 1_000;

/** What the chart shows changes with a new bar, or a fill (cash moves with every fill, also one between bars). */
const chartKeyOf = (v: SessionView) => `${v.id}:${v.lastBarTime ?? ''}:${v.runId ?? ''}:${v.cash ?? ''}:${v.position?.size ?? 0}`;
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** "fast=3 slow=8 label=x" → { fast: 3, slow: 8, label: 'x' }; a word without "=" is an error naming it. */
export function parseParams(text: string): Record<string, number | string | boolean> {
  const out: Record<string, number | string | boolean> = {};
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new Error(`parameter "${part}" is not name=value`);
    const [name, raw] = [part.slice(0, eq), part.slice(eq + 1)];
    out[name] = raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return out;
}

export function selectedView(status: DeskStatusView | undefined, id: number | undefined): SessionView | undefined {
  return status?.sessions.find((s) => s.id === id);
}

export const useDeskPageStore = create<DeskPageState>((set, get) => {
  /** The view the chart shows or is loading (chartKeyOf). */
  let chartKey = '';
  let bookKey = '';

  /** Loads the selected session's chart as the desk status has it now. */
  async function loadChart(): Promise<void> {
    const view = selectedView(useDeskStore.getState().status, get().selectedId);
    if (!client || !view) return;
    chartKey = chartKeyOf(view);
    const previous = get().chart;
    const value = 'value' in previous && previous.value?.sessionId === view.id ? previous.value : undefined;
    set({ chart: { state: 'loading', value } });
    try {
      const [candles, fills] = await Promise.all([
        client.request('session.candles', { id: view.id }),
        client.request('desk.fills', { sessionId: view.id, limit: DESK_BOOK_MAX_ROWS }),
      ]);
      const marks = fillMarks(fills, candles.time, TIMEFRAME_MS[candles.resolution]);
      // Another session was picked meanwhile: its own load wins.
      if (get().selectedId === view.id) set({ chart: { state: 'ready', value: { sessionId: view.id, candles, marks } } });
    } catch (err) {
      chartKey = '';
      if (get().selectedId === view.id) set({ chart: { state: 'error', error: message(err), value } });
    }
  }
  const chartSoon = throttle(loadChart, CHART_EVERY_MS);
  const booksSoon = throttle(() => get().refreshBooks(), BOOKS_EVERY_MS);

  async function loadList<K extends 'sessions' | 'orders' | 'openOrders' | 'fills'>(key: K, fetch: (c: QuorumClient) => Promise<NonNullable<Extract<DeskPageState[K], { state: 'ready' }>['value']>>) {
    if (!client) return;
    const previous = get()[key];
    const value = 'value' in previous ? previous.value : undefined;
    if (!value) set({ [key]: { state: 'loading' } } as Partial<DeskPageState>);
    try {
      set({ [key]: { state: 'ready', value: await fetch(client) } } as Partial<DeskPageState>);
    } catch (err) {
      set({ [key]: { state: 'error', error: message(err), value } } as Partial<DeskPageState>);
    }
  }

  /** Reacts to a desk status: pick a session if none is, reload the chart after a bar, the books after a trade. */
  function onStatus(status: DeskStatusView | undefined): void {
    const sessions = status?.sessions ?? [];
    let id = get().selectedId;
    if (!sessions.some((s) => s.id === id)) {
      id = sessions[sessions.length - 1]?.id;
      if (id !== get().selectedId) set({ selectedId: id, pinned: undefined, ...(id === undefined ? { chart: { state: 'idle' } } : {}) });
    }
    const view = selectedView(status, id);
    if (view && chartKeyOf(view) !== chartKey) {
      chartKey = chartKeyOf(view);
      chartSoon();
    }
    const key = sessions.map((s) => `${s.id}:${s.status}:${s.lastBarTime ?? ''}:${s.position?.size ?? 0}:${s.cash ?? ''}`).join('|');
    if (key !== bookKey) {
      bookKey = key;
      booksSoon();
    }
  }

  async function act(work: (c: QuorumClient) => Promise<DeskStatusView>): Promise<boolean> {
    if (!client) return false;
    set({ busy: true });
    try {
      const status = await work(client);
      useDeskStore.setState({ status });
      set({ actionError: undefined });
      onStatus(status);
      return true;
    } catch (err) {
      set({ actionError: message(err) });
      return false;
    } finally {
      set({ busy: false });
    }
  }

  return {
    chart: { state: 'idle' },
    sessions: { state: 'idle' },
    orders: { state: 'idle' },
    openOrders: { state: 'idle' },
    fills: { state: 'idle' },
    busy: false,
    attach(c) {
      client = c;
      // desk-store keeps the status; every change of it (events and replies alike) drives the page's reloads.
      useDeskStore.subscribe((s, prev) => { if (s.status !== prev.status) onStatus(s.status); });
      onStatus(useDeskStore.getState().status);
      void get().refreshBooks();
    },
    select(id) {
      if (id === get().selectedId) return;
      set({ selectedId: id, pinned: undefined, chart: { state: 'loading' } });
      // The trader's pick loads at once (a load of the previous session still under way is dropped when it lands).
      void loadChart();
    },
    async pin(time) {
      const view = selectedView(useDeskStore.getState().status, get().selectedId);
      if (!client || !view) return;
      if (view.lastDecision?.time === time) return set({ pinned: { time, decision: view.lastDecision } });
      const runId = Number(view.runId);
      if (!Number.isInteger(runId) || runId <= 0) return set({ pinned: { time } });
      try {
        const [decision] = await client.request('decisions.list', { runId, from: time, to: time, limit: 1 });
        set({ pinned: { time, decision: decision?.time === time ? decision : undefined } });
      } catch (err) {
        set({ actionError: message(err) });
      }
    },
    unpin: () => set({ pinned: undefined }),
    async start(form) {
      let params: Record<string, number | string | boolean>;
      try {
        params = parseParams(form.params);
      } catch (err) {
        set({ actionError: message(err) });
        return false;
      }
      const budget = form.budget.trim() === '' ? undefined : Number(form.budget);
      const started = await act((c) => c.request('desk.start', {
        account: form.account, symbol: form.symbol, timeframe: form.timeframe, strategy: form.strategy, params, mode: form.mode,
        ...(form.mode === 'paper' ? { cash: form.cash } : {}), ...(budget !== undefined ? { budget } : {}), resumeOnStart: form.resumeOnStart,
      }));
      if (started) {
        // The new session is the last one: show it.
        const sessions = useDeskStore.getState().status?.sessions ?? [];
        const last = sessions[sessions.length - 1];
        if (last) get().select(last.id);
      }
      return started;
    },
    async startAgain(row) {
      await act((c) => c.request('desk.start', row.request));
    },
    pause: async (id) => { await act((c) => c.request('session.pause', { id })); },
    resume: async (id) => { await act((c) => c.request('session.resume', { id })); },
    stop: async (id) => { await act((c) => c.request('session.stop', { id })); },
    async refreshBooks() {
      await Promise.all([
        loadList('sessions', (c) => c.request('desk.sessions', { limit: 50 })),
        loadList('orders', (c) => c.request('desk.orders', { limit: 100 })),
        loadList('openOrders', (c) => c.request('desk.orders', { limit: 500, openOnly: true })),
        loadList('fills', (c) => c.request('desk.fills', { limit: 100 })),
      ]);
    },
  };
});
