// The in-app trainers (issue 12): histogram GBDT, random forest, logistic regression and their weighted ensemble,
// each producing the model.ts forms, deterministic given a seed.

export { trainGbdt, GBDT_DEFAULTS, type GbdtOptions, type GbdtResult } from './gbdt';
export { trainForest, FOREST_DEFAULTS, type ForestOptions, type ForestResult } from './forest';
export { trainLogistic, LOGISTIC_DEFAULTS, type LogisticOptions, type LogisticResult } from './logistic';
export {
  fitEnsembleWeights,
  trainEnsemble,
  type EnsembleMember,
  type EnsembleMemberKind,
  type EnsembleOptions,
  type EnsembleResult,
  type EnsembleWeightOptions,
  type EnsembleWeightResult,
} from './ensemble';
export { resolveValidation, sliceRows, checkDataset, type Dataset, type ProgressFn, type TrainControl, type ValidationSpec } from './common';
export { auc, logLoss } from './metrics';
export { Prng } from './prng';
