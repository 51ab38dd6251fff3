// Risk state for the UI (zustand): trading state, breakers, kill switch; emergency stop and confirmed re-arm.
import { create } from 'zustand';
import type { RiskStateView } from '../../../shared/risk-contract';
import type { QuorumClient } from '../api/client';

interface RiskStore {
  risk?: RiskStateView;
  error?: string;
  attach(client: QuorumClient): void;
  emergencyStop(): Promise<void>;
  rearmKillSwitch(confirm: string): Promise<void>;
  rearmBreaker(name: string): Promise<void>;
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
    emergencyStop: () => act((c) => c.request('risk.emergencyStop', {})),
    rearmKillSwitch: (confirm) => act((c) => c.request('risk.killSwitch.rearm', { confirm })),
    rearmBreaker: (name) => act((c) => c.request('risk.breaker.rearm', { name })),
  };
});
