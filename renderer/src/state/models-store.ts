// Models page state (zustand): the models with their manifests, the one the panel uses, the running training or
// evaluation job with its progress, and the report being read.
import { create } from 'zustand';
import type { ModelListEntry, ModelReport, ModelsProgress, ModelsTrainInput } from '../../../shared/models-contract';
import { ModelsTrainSchema } from '../../../shared/models-contract';
import type { QuorumClient } from '../api/client';
import { EngineRequestError } from '../api/client';

/** Field → message, from the contract's schema (checked before sending) or from the engine's refusal. */
export type FieldErrors = Record<string, string>;

export interface OpenReport extends ModelReport {
  name: string;
}

interface ModelsState {
  models: ModelListEntry[];
  /** True until the first list arrives (and while a refresh runs). */
  loading: boolean;
  /** The model the panel's Predictor uses (settings panel.predictor.model); '' = none. */
  selected: string;
  /** The running job, or the last one to end (its final state). */
  job?: ModelsProgress;
  report?: OpenReport;
  notice?: string;
  error?: string;
  attach(client: QuorumClient): void;
  refresh(): Promise<void>;
  /** Validates with the contract's schema, then starts training; resolves to field errors when refused. */
  train(input: ModelsTrainInput): Promise<FieldErrors | undefined>;
  evaluate(name: string): Promise<void>;
  cancel(): Promise<void>;
  openReport(name: string): Promise<void>;
  closeReport(): void;
  /** Selects the model for the panel ('' stops using one): a settings update. */
  use(name: string): Promise<void>;
}

let client: QuorumClient | undefined;

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The zod issues of a request as field → first message ("params.nEstimators" for a nested key). */
export function fieldErrors(input: unknown): FieldErrors | undefined {
  const parsed = ModelsTrainSchema.safeParse(input);
  if (parsed.success) return undefined;
  const out: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys.slice(0, 1)] : issue.path;
    const field = path.map(String).join('.') || 'form';
    out[field] ??= issue.message;
  }
  return out;
}

export const useModelsStore = create<ModelsState>((set, get) => ({
  models: [],
  loading: true,
  selected: '',
  attach(c) {
    if (client === c) {
      void get().refresh();
      return;
    }
    client = c;
    c.on('models.progress', (p) => {
      const current = get().job;
      // Follow our job; adopt another only when none runs (one started elsewhere, or before a reload).
      if (current && current.jobId !== p.jobId && current.state === 'running') return;
      set({ job: p });
      if (p.state === 'finished') {
        set({ notice: p.message });
        void get().refresh();
        const open = get().report;
        if (open && open.name === p.name) void get().openReport(open.name);
      }
    });
    c.on('settings.changed', (s) => set({ selected: s.panel.predictor.model }));
    void c.request('settings.get', {}).then((s) => set({ selected: s.panel.predictor.model })).catch((err: unknown) => set({ error: messageOf(err) }));
    void get().refresh();
  },
  async refresh() {
    if (!client) return;
    set({ loading: true });
    try {
      set({ models: await client.request('models.list', {}), loading: false });
    } catch (err) {
      set({ loading: false, error: `Could not list the models: ${messageOf(err)}` });
    }
  },
  async train(input) {
    if (!client) return { form: 'Not connected to the engine' };
    const invalid = fieldErrors(input);
    if (invalid) return invalid;
    set({ error: undefined, notice: undefined });
    try {
      const { jobId } = await client.request('models.train', input);
      const job = get().job;
      if (job?.jobId !== jobId) set({ job: { jobId, kind: 'train', state: 'running', done: 0, total: 0, message: 'starting', name: input.name } });
      return undefined;
    } catch (err) {
      if (err instanceof EngineRequestError && err.field) return { [err.field]: err.message };
      return { form: messageOf(err) };
    }
  },
  async evaluate(name) {
    if (!client) return;
    set({ error: undefined, notice: undefined });
    try {
      const { jobId } = await client.request('models.evaluate', { name });
      const job = get().job;
      if (job?.jobId !== jobId) set({ job: { jobId, kind: 'evaluate', state: 'running', done: 0, total: 0, message: 'starting', name } });
    } catch (err) {
      set({ error: messageOf(err) });
    }
  },
  async cancel() {
    const job = get().job;
    if (!client || !job || job.state !== 'running') return;
    try {
      await client.request('models.cancel', { jobId: job.jobId });
    } catch (err) {
      set({ error: messageOf(err) });
    }
  },
  async openReport(name) {
    if (!client) return;
    try {
      set({ report: { name, ...(await client.request('models.report', { name })) } });
    } catch (err) {
      set({ error: messageOf(err) });
    }
  },
  closeReport() {
    set({ report: undefined });
  },
  async use(name) {
    if (!client) return;
    set({ error: undefined, notice: undefined });
    try {
      const settings = await client.request('settings.update', { panel: { predictor: { model: name } } });
      set({ selected: settings.panel.predictor.model, notice: name ? `The panel now uses ${name}.` : 'The panel uses no model now.' });
    } catch (err) {
      set({ error: messageOf(err) });
    }
  },
}));
