// Alert channels (Settings) and the alerts centre (zustand): channels with their counts, adding one (its secret goes
// to the engine and on to the keychain; nothing here keeps it), removing, the last test per channel, and the newest
// alerts with their delivery state on every channel, refreshed on each new alert and while the centre is open.
import { create } from 'zustand';
import { AlertChannelAddSchema, type AlertChannelTest, type AlertChannelView, type AlertWithDeliveries } from '../../../shared/alerts-contract';
import type { QuorumClient } from '../api/client';
import { EngineRequestError } from '../api/client';

/** Field → message, from the contract's schema (checked before sending) or from the engine's refusal. */
export type FieldErrors = Record<string, string>;

interface AlertsState {
  channels: AlertChannelView[];
  /** Per channel: the last test's outcome, or 'sending' while it runs. */
  tests: Record<string, AlertChannelTest | 'sending'>;
  centre: AlertWithDeliveries[];
  notice?: string;
  error?: string;
  attach(client: QuorumClient): void;
  refreshChannels(): Promise<void>;
  refreshCentre(): Promise<void>;
  /** Validates with the contract's schema, then adds; resolves to field errors when refused. */
  add(input: unknown): Promise<FieldErrors | undefined>;
  remove(name: string): Promise<void>;
  test(name: string): Promise<void>;
}

let client: QuorumClient | undefined;
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function channelFieldErrors(input: unknown): FieldErrors | undefined {
  const parsed = AlertChannelAddSchema.safeParse(input);
  if (parsed.success) return undefined;
  const out: FieldErrors = {};
  for (const issue of parsed.error.issues) out[issue.path.map(String).join('.') || 'form'] ??= issue.message;
  return out;
}

export const useAlertsStore = create<AlertsState>((set, get) => ({
  channels: [],
  tests: {},
  centre: [],
  attach(c) {
    if (client !== c) {
      client = c;
      c.on('alert.raised', () => void get().refreshCentre());
    }
    void get().refreshChannels();
    void get().refreshCentre();
  },
  async refreshChannels() {
    if (!client) return;
    try {
      set({ channels: await client.request('alerts.channels', {}) });
    } catch (err) {
      set({ error: `Could not list the alert channels: ${messageOf(err)}` });
    }
  },
  async refreshCentre() {
    if (!client) return;
    try {
      set({ centre: await client.request('alerts.deliveries', { limit: 200 }) });
    } catch (err) {
      set({ error: `Could not read the alerts: ${messageOf(err)}` });
    }
  },
  async add(input) {
    if (!client) return { form: 'Not connected to the engine' };
    const invalid = channelFieldErrors(input);
    if (invalid) return invalid;
    set({ error: undefined, notice: undefined });
    try {
      const added = await client.request('alerts.addChannel', AlertChannelAddSchema.parse(input));
      set({ notice: `Added ${added.kind} channel "${added.name}" → ${added.target}; its secret is in the OS keychain.` });
      await get().refreshChannels();
      return undefined;
    } catch (err) {
      if (err instanceof EngineRequestError && err.field) return { [err.field]: err.message };
      return { form: messageOf(err) };
    }
  },
  async remove(name) {
    if (!client) return;
    set({ error: undefined, notice: undefined });
    try {
      const r = await client.request('alerts.removeChannel', { name });
      if (r.secret === 'failed') set({ error: `Removed "${name}", but its secret is still in the OS keychain (${r.error}); delete "alert-channel:${name}" there.` });
      else set({ notice: r.removed ? `Removed alert channel "${name}".` : `No alert channel named "${name}".` });
      const { [name]: _gone, ...tests } = get().tests;
      set({ tests });
      await get().refreshChannels();
    } catch (err) {
      set({ error: messageOf(err) });
    }
  },
  async test(name) {
    if (!client) return;
    set({ tests: { ...get().tests, [name]: 'sending' } });
    let outcome: AlertChannelTest;
    try {
      outcome = await client.request('alerts.testChannel', { name });
    } catch (err) {
      outcome = { delivered: false, error: messageOf(err) };
    }
    set({ tests: { ...get().tests, [name]: outcome } });
  },
}));
