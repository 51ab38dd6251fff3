// Health panel state (zustand): the last run of the engine's health checks (pushed by health.changed after every
// run, the periodic ones included) and running them now.
import { create } from 'zustand';
import type { HealthReportView } from '../../../shared/health-contract';
import type { QuorumClient } from '../api/client';

interface HealthState {
  report: HealthReportView | null;
  running: boolean;
  error?: string;
  attach(client: QuorumClient): void;
  run(): Promise<void>;
}

let client: QuorumClient | undefined;
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export const useHealthStore = create<HealthState>((set, get) => ({
  report: null,
  running: false,
  attach(c) {
    if (client === c) return;
    client = c;
    c.on('health.changed', (report) => set({ report }));
    void c.request('health.last', {}).then((report) => {
      // A run that finished meanwhile is newer than what was asked for.
      if (!get().report || (report && report.time >= get().report!.time)) set({ report });
    }).catch((err: unknown) => set({ error: messageOf(err) }));
  },
  async run() {
    if (!client || get().running) return;
    set({ running: true, error: undefined });
    try {
      set({ report: await client.request('health.run', {}), running: false });
    } catch (err) {
      set({ running: false, error: `The health checks could not run: ${messageOf(err)}` });
    }
  },
}));
