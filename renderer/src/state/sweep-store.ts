// Sweep page state (zustand): the running sweep or walk-forward job, its progress per worker, cancel, and the result.
// Attached on the page's first visit; a job goes on (and its progress is kept) while the trader is on other pages.
import { create } from 'zustand';
import type { SweepJobResult, SweepProgress, SweepStarted, SweepStartRequest, WalkForwardStartRequest } from '../../../shared/sweep-contract';
import type { z } from 'zod';
import type { SweepStartSchema, WalkForwardStartSchema } from '../../../shared/sweep-contract';
import type { QuorumClient } from '../api/client';
import { EngineRequestError } from '../api/client';
import { useEngineStore } from './engine-store';

export type SweepInput = z.input<typeof SweepStartSchema>;
export type WalkInput = z.input<typeof WalkForwardStartSchema>;
export type { SweepStartRequest, WalkForwardStartRequest };

interface SweepState {
  /** Set between pressing start and the engine's reply (data loading, grid checks). */
  starting: boolean;
  started?: SweepStarted;
  progress?: SweepProgress;
  result?: SweepJobResult;
  /** Fetching the result of a finished job. */
  loadingResult: boolean;
  error?: string;
  /** The request field the engine named, for the form to mark. */
  errorField?: string;
  attach(): void;
  startSweep(req: SweepInput): Promise<void>;
  startWalkForward(req: WalkInput): Promise<void>;
  cancel(): Promise<void>;
}

let client: QuorumClient | undefined;
/** Events that arrive before start's reply names the job (a tiny grid can finish first). */
const early = new Map<string, SweepProgress>();

const failure = (err: unknown) => ({
  error: err instanceof Error ? err.message : String(err),
  errorField: err instanceof EngineRequestError ? err.field : undefined,
});

export const useSweepStore = create<SweepState>((set, get) => {
  const fetchResult = async (jobId: string) => {
    if (!client) return;
    set({ loadingResult: true });
    try {
      const result = await client.request('sweep.result', { jobId });
      if (get().started?.jobId === jobId) set({ result, loadingResult: false });
    } catch (err) {
      set({ ...failure(err), loadingResult: false });
    }
  };
  const onProgress = (p: SweepProgress) => {
    const started = get().started;
    if (!started || started.jobId !== p.jobId) {
      early.set(p.jobId, p);
      if (early.size > 8) early.delete(early.keys().next().value as string);
      return;
    }
    set({ progress: p, ...(p.state === 'failed' ? { error: p.error, errorField: undefined } : {}) });
    if (p.state === 'finished') void fetchResult(p.jobId);
  };
  const begin = async (send: (c: QuorumClient) => Promise<SweepStarted>) => {
    get().attach();
    if (!client) return set({ error: 'Not connected to the engine' });
    set({ starting: true, error: undefined, errorField: undefined, result: undefined, progress: undefined, started: undefined });
    try {
      const started = await send(client);
      set({ started, starting: false });
      const first = early.get(started.jobId);
      early.delete(started.jobId);
      if (first) onProgress(first);
    } catch (err) {
      set({ ...failure(err), starting: false });
    }
  };
  return {
    starting: false,
    loadingResult: false,
    attach() {
      const c = useEngineStore.getState().client;
      if (!c || c === client) return;
      client = c;
      c.on('sweep.progress', onProgress);
    },
    startSweep: (req) => begin((c) => c.request('sweep.start', req)),
    startWalkForward: (req) => begin((c) => c.request('walkforward.start', req)),
    async cancel() {
      const jobId = get().started?.jobId;
      if (!client || !jobId) return;
      try {
        await client.request('sweep.cancel', { jobId });
      } catch (err) {
        set(failure(err));
      }
    },
  };
});
