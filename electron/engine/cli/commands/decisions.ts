// `quorum decisions --run ID`: a stored run's decisions with every vote and its reasons, whatever produced them.
import type { Vote } from '../../../../shared/domain';
import { isoTime } from '../../backtest/stat-labels';
import { DataError } from '../../errors';
import { EXPLAIN_MAX, RunDecisions } from '../../backtest/run-decisions';
import type { RunRow, StoredDecision } from '../../store/runs-repo';
import { DB_OPTION, dbPathFrom, parseFlags, requireString, type Command, withStore } from '../command';
import { numberFlag } from './backtest-options';

function voteLine(v: Vote): string {
  const dir = v.direction > 0 ? `+${v.direction.toFixed(2)}` : v.direction.toFixed(2);
  const head = `${v.agent}: ${v.abstained ? 'abstained' : `direction ${dir}, confidence ${v.confidence.toFixed(2)}`}`;
  return v.reasons.length === 0 ? head : `${head} — ${v.reasons.join('; ')}`;
}

function decisionLines(d: StoredDecision): string[] {
  const tags = [d.veto ? `VETOED: ${d.veto}` : '', d.alignment ? `alignment ${d.alignment}` : ''].filter(Boolean).join(', ');
  return [`${isoTime(d.time)}  ${d.symbol}  ${d.action.toUpperCase()}  score ${d.score.toFixed(3)}${tags ? `  (${tags})` : ''}`, ...d.votes.map((v) => `    ${voteLine(v)}`)];
}

/** Why some decisions print without reasons, and how to get them. */
function bareNote(run: RunRow): string {
  return run.source?.kind === 'dataset'
    ? `Reasons are stored for acting decisions only; the others are recomputed when at most ${EXPLAIN_MAX.toLocaleString('en-US')} are listed (use --limit, or the app's chart).`
    : 'Reasons of holds are not kept for a run on a candle file (only a stored dataset lets Quorum recompute them).';
}

export const decisions: Command = {
  path: ['decisions'],
  summary: "print a stored run's decisions with their votes and reasons",
  usage: 'quorum decisions --run ID [--actions-only] [--json] [--limit N] [--db PATH]',
  run(argv, io) {
    const { values } = parseFlags(argv, { ...DB_OPTION, run: { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' }, 'actions-only': { type: 'boolean' } });
    const runId = numberFlag({ run: requireString(values, 'run') }, 'run', (n) => Number.isInteger(n) && n > 0, 'a run id (a positive integer)') as number;
    const limit = numberFlag(values, 'limit', (n) => Number.isInteger(n) && n > 0, 'a positive integer');
    return withStore(dbPathFrom(values), async (store) => {
      const repo = new RunDecisions(store.db);
      const run = repo.run(runId);
      if (!run) throw new DataError(`No run #${runId} in ${store.path} (backtests print their run id)`, 'RUN_NOT_FOUND', { field: 'run', value: runId });
      // `limit` keeps the latest decisions, the ones a trader looks at first.
      const list = await repo.decisions(runId, { limit, actionsOnly: values['actions-only'] });
      if (values.json) {
        io.out(JSON.stringify({ run, decisions: list }, null, 2));
        return 0;
      }
      io.out(`Run #${run.id}: ${run.kind} ${run.strategy} ${JSON.stringify(run.params)} on ${run.symbol ?? '?'}${run.timeframe ? ` ${run.timeframe}` : ''}, ${run.status}`);
      io.out(list.length === 0 ? 'No decisions recorded.' : `${list.length} decisions${limit ? ` (latest ${limit})` : ''}:`);
      for (const d of list) io.out(decisionLines(d).join('\n'));
      if (list.some((d) => d.votes.length > 0 && d.votes.every((v) => v.reasons.length === 0))) io.out(bareNote(run));
      repo.close();
      return 0;
    });
  },
};
