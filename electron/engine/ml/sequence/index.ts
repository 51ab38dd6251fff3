// The sequence model (issue 12, point 3): a GRU over the last T feature rows, trained here, exported with ONNX's GRU
// operator (onnx/sequence.ts).
export { checkSequenceDataset, gatherWindows, isSequenceDataset, sequenceDatasetOf, sequenceRows, type SequenceDataset } from './dataset';
export { GruNet, gruLayout, type GruInputs, type GruLayout, type GruShape } from './gru-net';
export { fitStandardisation, foldedGruModel, standardisedInputs, type Standardisation } from './standardise';
export { GRU_DEFAULTS, trainGru, type GruEpoch, type GruOptions, type GruResult } from './train-gru';
export { checkModelFits, CHUNK_SAMPLES, forEachWindowChunk, predictSequences } from './predict';
