// Risk state for the UI (zustand): trading state, limit use, breakers, kill switch; emergency stop, trip by mode,
// confirmed re-arm.
import { create } from 'zustand';
import type { KillMode, RiskStateView } from '../../../shared/risk-contract';
import type { QuorumClient } from '../api/client';

interface RiskStore {
  risk?: RiskStateView;
  error?: string;
  attach(client: QuorumClient): void;
  /** Reads the state again: limit use moves with every order and price, which risk.changed does not announce. */
  refresh(): Promise<void>;
  emergencyStop(): Promise<void>;
  trip(mode: KillMode, reason: string): Promise<void>;
  rearmKillSwitch(confirm: string): Promise<void>;
  rearmBreaker(name: string, account?: string): Promise<void>;
}

let client: QuorumClient | undefined;

export const useRiskStore = create<RiskStore>((set) => {
  async function act(work: (c: QuorumClient) => Promise<RiskStateView>): Promise<void> {
    if (!client) return;
    try {
      set({ risk: await work(client), error: undefined });
    } catch (err) {
      set({ error: err instanceof Error ? err.message : String(err) });
    }
  }
  return {
    attach(c) {
      client = c;
      c.on('risk.changed', (risk) => set({ risk }));
      void act((x) => x.request('risk.state', {}));
    },
    refresh: () => act((c) => c.request('risk.state', {})),
    emergencyStop: () => act((c) => c.request('risk.emergencyStop', {})),
    trip: (mode, reason) => act((c) => c.request('risk.killSwitch.trip', { mode, reason })),
    rearmKillSwitch: (confirm) => act((c) => c.request('risk.killSwitch.rearm', { confirm })),
    rearmBreaker: (name, account) => act((c) => c.request('risk.breaker.rearm', account === undefined ? { name } : { name, account })),
  };
});
