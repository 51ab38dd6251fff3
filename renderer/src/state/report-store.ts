// Daily report view state (zustand): the accounts with a journal, the account and UTC day chosen, the report the
// engine built for them (with its HTML and CSV), and saving either file.
import { create } from 'zustand';
import type { DailyReportReply, ReportAccount } from '../../../shared/daily-report-contract';
import type { QuorumClient } from '../api/client';

interface ReportState {
  accounts: ReportAccount[];
  account: string;
  /** YYYY-MM-DD (UTC); yesterday by default, as the day-end job reports it. */
  date: string;
  loading: boolean;
  shown?: DailyReportReply;
  notice?: string;
  error?: string;
  attach(client: QuorumClient): void;
  choose(patch: { account?: string; date?: string }): void;
  load(): Promise<void>;
  save(format: 'html' | 'csv'): Promise<void>;
}

let client: QuorumClient | undefined;
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function yesterdayUtc(now = Date.now()): string {
  return new Date(now - 86_400_000).toISOString().slice(0, 10);
}

export const useReportStore = create<ReportState>((set, get) => ({
  accounts: [],
  account: '',
  date: yesterdayUtc(),
  loading: false,
  attach(c) {
    client = c;
    void c.request('report.accounts', {}).then((accounts) => {
      const keep = accounts.some((a) => a.id === get().account);
      set({ accounts, account: keep ? get().account : accounts[0]?.id ?? '' });
    }).catch((err: unknown) => set({ error: messageOf(err) }));
  },
  choose(patch) {
    set({ ...patch, notice: undefined });
  },
  async load() {
    const { account, date } = get();
    if (!client || !account) return;
    set({ loading: true, error: undefined, notice: undefined });
    try {
      set({ shown: await client.request('report.daily', { account, date }), loading: false });
    } catch (err) {
      set({ loading: false, shown: undefined, error: messageOf(err) });
    }
  },
  async save(format) {
    const shown = get().shown;
    if (!client || !shown) return;
    try {
      const r = await client.request('report.export', { account: shown.report.account, date: shown.report.date, format });
      set({ notice: r.saved ? `Saved the ${format.toUpperCase()} to ${r.path}` : 'Not saved.', error: undefined });
    } catch (err) {
      set({ error: messageOf(err) });
    }
  },
}));
