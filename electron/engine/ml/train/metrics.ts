// Scores for the trainers and their tests: the same functions the walk-forward report uses (one implementation).
export { logLoss } from './common';
export { rocAuc as auc } from '../evaluate/classification';
