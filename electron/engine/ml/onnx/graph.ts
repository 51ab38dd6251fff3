// A small builder for ONNX graphs: named nodes, initializers and typed inputs/outputs, assembled into a ModelProto.
// Names are given by the caller or numbered in creation order, so the same calls always give the same bytes.

import { AttributeType, DataType, encodeModel, type AttributeMsg, type DimensionMsg, type NodeMsg, type TensorMsg, type ValueInfoMsg } from './proto';

/** ONNX IR version 8 with ai.onnx opset 17 and ai.onnx.ml opset 3: a pairing every onnxruntime since 1.12 loads. */
export const IR_VERSION = 8;
export const OPSET_ONNX = 17;
export const OPSET_ML = 3;
export const ML_DOMAIN = 'ai.onnx.ml';
export const PRODUCER_NAME = 'quorum';

export type AttrValue =
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'ints'; value: ArrayLike<number> }
  | { kind: 'floats'; value: ArrayLike<number> }
  | { kind: 'strings'; value: readonly string[] }
  | { kind: 'tensor'; value: TensorMsg };

export const attr = {
  int: (value: number): AttrValue => ({ kind: 'int', value }),
  float: (value: number): AttrValue => ({ kind: 'float', value }),
  string: (value: string): AttrValue => ({ kind: 'string', value }),
  ints: (value: ArrayLike<number>): AttrValue => ({ kind: 'ints', value }),
  floats: (value: ArrayLike<number>): AttrValue => ({ kind: 'floats', value }),
  strings: (value: readonly string[]): AttrValue => ({ kind: 'strings', value }),
  tensor: (value: TensorMsg): AttrValue => ({ kind: 'tensor', value }),
};

const utf8 = new TextEncoder();

function toAttribute(name: string, a: AttrValue): AttributeMsg {
  switch (a.kind) {
    case 'int':
      return { name, type: AttributeType.INT, i: a.value };
    case 'float':
      return { name, type: AttributeType.FLOAT, f: a.value };
    case 'string':
      return { name, type: AttributeType.STRING, s: utf8.encode(a.value) };
    case 'ints':
      return { name, type: AttributeType.INTS, ints: Array.from(a.value) };
    case 'floats':
      return { name, type: AttributeType.FLOATS, floats: Array.from(a.value) };
    case 'strings':
      return { name, type: AttributeType.STRINGS, strings: a.value.map((s) => utf8.encode(s)) };
    case 'tensor':
      return { name, type: AttributeType.TENSOR, t: a.value };
  }
}

/** Little-endian bytes of a typed array (raw_data is little-endian whatever the host). */
function littleEndian(values: Float32Array | Float64Array | BigInt64Array): Uint8Array {
  const out = new Uint8Array(values.length * values.BYTES_PER_ELEMENT);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) {
    if (values instanceof Float32Array) view.setFloat32(i * 4, values[i], true);
    else if (values instanceof Float64Array) view.setFloat64(i * 8, values[i], true);
    else view.setBigInt64(i * 8, values[i], true);
  }
  return out;
}

export function floatTensor(name: string, dims: number[], values: ArrayLike<number>): TensorMsg {
  return { name, dims, data_type: DataType.FLOAT, raw_data: littleEndian(Float32Array.from(values)) };
}

export function doubleTensor(name: string, dims: number[], values: ArrayLike<number>): TensorMsg {
  return { name, dims, data_type: DataType.DOUBLE, raw_data: littleEndian(Float64Array.from(values)) };
}

export function int64Tensor(name: string, dims: number[], values: ArrayLike<number>): TensorMsg {
  return { name, dims, data_type: DataType.INT64, raw_data: littleEndian(BigInt64Array.from(Array.from(values, (v) => BigInt(v)))) };
}

/** A tensor value's declared type; a string dimension is symbolic (e.g. 'N' for the batch). */
export function tensorInfo(name: string, elemType: number, dims: Array<number | string>, docString?: string): ValueInfoMsg {
  const dim: DimensionMsg[] = dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d }));
  const info: ValueInfoMsg = { name, type: { tensor_type: { elem_type: elemType, shape: { dim } } } };
  if (docString) info.doc_string = docString;
  return info;
}

export interface ModelOptions {
  /** Model-level string key/values (ModelProto.metadata_props), written in the given key order. */
  metadata?: Readonly<Record<string, string>>;
  docString?: string;
  producerVersion?: string;
  modelVersion?: number;
}

export class GraphBuilder {
  private readonly nodes: NodeMsg[] = [];
  private readonly initializers: TensorMsg[] = [];
  private readonly inputs: ValueInfoMsg[] = [];
  private readonly outputs: ValueInfoMsg[] = [];
  private readonly used = new Set<string>();
  private usesMl = false;

  constructor(readonly name: string) {}

  /** A fresh value name with this prefix (numbered in creation order). */
  fresh(prefix: string): string {
    let name = prefix;
    for (let k = 1; this.used.has(name); k++) name = `${prefix}_${k}`;
    this.used.add(name);
    return name;
  }

  input(info: ValueInfoMsg): string {
    this.used.add(info.name);
    this.inputs.push(info);
    return info.name;
  }

  output(info: ValueInfoMsg): void {
    this.outputs.push(info);
  }

  /** Adds a constant; `tensor.name` is replaced by a fresh name made from it. */
  constant(tensor: TensorMsg): string {
    const name = this.fresh(tensor.name ?? 'const');
    this.initializers.push({ ...tensor, name });
    return name;
  }

  /**
   * Adds a node and returns its output names: `outputs` are name prefixes made unique (exact names with `exact`); an
   * empty string stays empty, ONNX's way to leave an optional output out.
   */
  node(
    opType: string,
    inputs: string[],
    outputs: string[],
    attributes: Record<string, AttrValue> = {},
    options: { domain?: string; exact?: boolean } = {},
  ): string[] {
    const outs = outputs.map((o) => (o === '' ? '' : options.exact ? (this.used.add(o), o) : this.fresh(o)));
    const node: NodeMsg = {
      input: inputs,
      output: outs,
      name: this.fresh(`${opType}_node`),
      op_type: opType,
      attribute: Object.entries(attributes).map(([k, v]) => toAttribute(k, v)),
    };
    if (options.domain) {
      node.domain = options.domain;
      if (options.domain === ML_DOMAIN) this.usesMl = true;
    }
    this.nodes.push(node);
    return outs;
  }

  /** Encodes the graph as a model: IR 8, opset ai.onnx 17 (+ ai.onnx.ml 3 when used), producer 'quorum', no timestamps. */
  toBytes(options: ModelOptions = {}): Uint8Array {
    const opsets = [{ domain: '', version: OPSET_ONNX }];
    if (this.usesMl) opsets.push({ domain: ML_DOMAIN, version: OPSET_ML });
    return encodeModel({
      ir_version: IR_VERSION,
      opset_import: opsets,
      producer_name: PRODUCER_NAME,
      producer_version: options.producerVersion ?? '1',
      ...(options.modelVersion !== undefined ? { model_version: options.modelVersion } : {}),
      ...(options.docString ? { doc_string: options.docString } : {}),
      graph: { name: this.name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
      metadata_props: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
    });
  }
}
