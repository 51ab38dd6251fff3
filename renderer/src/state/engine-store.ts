// Engine connection state for the UI (zustand): the client, the latest status, alerts and connection errors.
import { create } from 'zustand';
import type { EngineStatus } from '../../../shared/contract';
import type { Alert } from '../../../shared/domain';
import type { QuorumClient } from '../api/client';

interface EngineState {
  client?: QuorumClient;
  transport?: 'electron' | 'websocket';
  status?: EngineStatus;
  alerts: Alert[];
  /** Alerts raised since the trader last opened the Alerts page (the header's count). */
  unread: number;
  error?: string;
  attach(client: QuorumClient, transport: 'electron' | 'websocket'): void;
  refresh(): Promise<void>;
  fail(message: string): void;
  markAlertsRead(): void;
}

export const useEngineStore = create<EngineState>((set, get) => ({
  alerts: [],
  unread: 0,
  attach(client, transport) {
    set({ client, transport });
    client.on('engine.heartbeat', ({ uptimeMs }) => {
      const status = get().status;
      if (status) set({ status: { ...status, uptimeMs } });
    });
    client.on('alert.raised', (alert) => set({ alerts: [alert, ...get().alerts].slice(0, 100), unread: get().unread + 1 }));
    client.on('settings.changed', () => void get().refresh());
    void get().refresh();
  },
  async refresh() {
    const client = get().client;
    if (!client) return;
    try {
      const [status, alerts] = await Promise.all([client.request('engine.status', {}), client.request('alerts.list', { limit: 20 })]);
      set({ status, alerts, error: undefined });
    } catch (err) {
      set({ error: err instanceof Error ? err.message : String(err) });
    }
  },
  fail(message) {
    set({ error: message });
  },
  markAlertsRead() {
    set({ unread: 0 });
  },
}));
