// Trading-desk state for the UI (zustand): the running paper/live session, its latest decisions, keys and arming.
import { create } from 'zustand';
import type { DeskStatusView } from '../../../shared/desk-contract';
import type { Decision } from '../../../shared/domain';
import type { QuorumClient } from '../api/client';

export interface DeskForm {
  account: string;
  symbol: string;
  timeframe: '1m' | '5m' | '15m' | '1h' | '4h' | '1d';
  strategy: string;
  mode: 'paper' | 'live';
  cash: number;
}

interface DeskState {
  status?: DeskStatusView;
  feed: Decision[];
  accounts: string[];
  /** Why the OS keychain cannot be used here (live trading needs it), when it cannot. */
  keychainError?: string;
  armed: string[];
  error?: string;
  notice?: string;
  attach(client: QuorumClient): void;
  start(form: DeskForm): Promise<void>;
  stop(): Promise<void>;
  saveKeys(account: string, apiKey: string, secret: string): Promise<void>;
  arm(account: string, confirm: string): Promise<void>;
  disarm(account: string): Promise<void>;
}

let client: QuorumClient | undefined;

export const useDeskStore = create<DeskState>((set, get) => {
  async function act(work: (c: QuorumClient) => Promise<Partial<DeskState>>): Promise<void> {
    if (!client) return;
    try {
      set({ ...(await work(client)), error: undefined });
    } catch (err) {
      set({ error: err instanceof Error ? err.message : String(err), notice: undefined });
    }
  }
  const refreshAccounts = async (c: QuorumClient) => {
    // Without a keychain (no keytar, no Secret Service) paper trading still works; the panel says why live does not.
    let keychainError: string | undefined;
    const listed = await c.request('credentials.list', {}).catch((err: unknown) => {
      keychainError = err instanceof Error ? err.message : String(err);
      return [];
    });
    return { accounts: listed.map((a) => a.account), keychainError, armed: (await c.request('settings.get', {})).liveArmedAccounts };
  };
  return {
    feed: [],
    accounts: [],
    armed: [],
    attach(c) {
      client = c;
      c.on('desk.changed', (status) => set({ status }));
      c.on('decision.made', (d) => set({ feed: [d, ...get().feed].slice(0, 50) }));
      void act(async (x) => ({ status: await x.request('desk.status', {}), ...(await refreshAccounts(x)) }));
    },
    start: (form) => act(async (c) => ({ status: await c.request('desk.start', { ...form, params: {} }), feed: [], notice: `${form.mode} session started` })),
    stop: () => act(async (c) => ({ status: await c.request('desk.stop', {}), notice: 'session stopped' })),
    saveKeys: (account, apiKey, secret) => act(async (c) => {
      await c.request('credentials.set', { account, apiKey, secret });
      return { ...(await refreshAccounts(c)), notice: `keys for ${account} saved in the OS keychain` };
    }),
    arm: (account, confirm) => act(async (c) => ({ armed: (await c.request('live.arm', { account, confirm })).accounts, notice: `live trading armed for ${account}` })),
    disarm: (account) => act(async (c) => ({ armed: (await c.request('live.disarm', { account })).accounts, notice: `live trading disarmed for ${account}` })),
  };
});
