// The error a checkpoint hook throws to stop a backtest; the run is then recorded as 'cancelled', not 'failed'.
import { QuorumError } from '../errors';

export class BacktestCancelled extends QuorumError {
  constructor(what = 'backtest') {
    super(`${what} cancelled`, 'BACKTEST_CANCELLED');
  }
}
