// ONNX export and inference for the trained models (issue 12, point 3): writers (export.ts, sequence.ts) build ModelProto
// bytes with protobufjs (proto.ts, graph.ts); the runner (runner.ts) loads them in onnxruntime-node.
export { BATCH_DIM, exportTabularModel, INPUT_NAME, OUTPUT_NAME, type ExportOptions } from './export';
export { exportGruModel, predictGru, type GruModel } from './sequence';
export { OnnxRunner, type CallOptions, type RunnerOptions } from './runner';
export { decodeModelHeader, type ModelHeader } from './proto';
