// The subset of ONNX's onnx.proto (package onnx, proto2) the exporter writes and the runner reads back, as a protobufjs
// reflection description. Field numbers, types and packing are copied from the official onnx/onnx.proto (IR version 14
// file; the messages below have kept these numbers since IR 3). Messages we never write (SparseTensorProto,
// FunctionProto, TrainingInfoProto, …) are left out: protobufjs skips their fields as unknown when decoding.
//
// Why protobufjs and not the `onnx-proto` npm package: onnx-proto (8.0.1) is a generated static module that depends on
// protobufjs ^6.11.2, which would put a second, older major of the library in the tree next to protobufjs 7, the
// current, well-kept line we already depend on; a description of ten messages is small enough to keep here and to
// check by eye against the official file. No byte of protobuf is encoded by hand: protobufjs' reflection encoder
// writes every message.

import protobuf from 'protobufjs';

type FieldRule = 'repeated' | undefined;

/** One field as protobufjs' JSON descriptor wants it; `packed` is spelled out for every repeated scalar. */
function f(type: string, id: number, rule?: FieldRule, packed?: boolean): protobuf.IField & { rule?: string; options?: Record<string, unknown> } {
  const field: protobuf.IField & { rule?: string; options?: Record<string, unknown> } = { type, id };
  if (rule) field.rule = rule;
  if (packed !== undefined) field.options = { packed };
  return field;
}

const R = 'repeated' as const;

/** proto2 message: optional fields have explicit presence; repeated scalars are unpacked unless [packed = true]. */
function message(fields: Record<string, ReturnType<typeof f>>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { edition: 'proto2', fields, ...extra };
}

/** ModelProto's fields other than its graph (field 7): the whole header the runner reads without decoding the graph. */
const MODEL_HEADER_FIELDS = {
  ir_version: f('int64', 1),
  opset_import: f('OperatorSetIdProto', 8, R),
  producer_name: f('string', 2),
  producer_version: f('string', 3),
  domain: f('string', 4),
  model_version: f('int64', 5),
  doc_string: f('string', 6),
  metadata_props: f('StringStringEntryProto', 14, R),
};

const ONNX_DESCRIPTOR = {
  nested: {
    onnx: {
      nested: {
        AttributeProto: message(
          {
            name: f('string', 1),
            ref_attr_name: f('string', 21),
            doc_string: f('string', 13),
            type: f('AttributeType', 20),
            f: f('float', 2),
            i: f('int64', 3),
            s: f('bytes', 4),
            t: f('TensorProto', 5),
            g: f('GraphProto', 6),
            tp: f('TypeProto', 14),
            floats: f('float', 7, R, false),
            ints: f('int64', 8, R, false),
            strings: f('bytes', 9, R),
            tensors: f('TensorProto', 10, R),
            graphs: f('GraphProto', 11, R),
            type_protos: f('TypeProto', 15, R),
          },
          {
            nested: {
              AttributeType: {
                values: {
                  UNDEFINED: 0, FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, GRAPH: 5, SPARSE_TENSOR: 11, TYPE_PROTO: 13,
                  FLOATS: 6, INTS: 7, STRINGS: 8, TENSORS: 9, GRAPHS: 10, SPARSE_TENSORS: 12, TYPE_PROTOS: 14,
                },
              },
            },
          },
        ),
        ValueInfoProto: message({
          name: f('string', 1),
          type: f('TypeProto', 2),
          doc_string: f('string', 3),
          metadata_props: f('StringStringEntryProto', 4, R),
        }),
        NodeProto: message({
          input: f('string', 1, R),
          output: f('string', 2, R),
          name: f('string', 3),
          op_type: f('string', 4),
          domain: f('string', 7),
          overload: f('string', 8),
          attribute: f('AttributeProto', 5, R),
          doc_string: f('string', 6),
          metadata_props: f('StringStringEntryProto', 9, R),
        }),
        ModelProto: message({ ...MODEL_HEADER_FIELDS, graph: f('GraphProto', 7) }),
        StringStringEntryProto: message({
          key: f('string', 1),
          value: f('string', 2),
        }),
        GraphProto: message({
          node: f('NodeProto', 1, R),
          name: f('string', 2),
          initializer: f('TensorProto', 5, R),
          doc_string: f('string', 10),
          input: f('ValueInfoProto', 11, R),
          output: f('ValueInfoProto', 12, R),
          value_info: f('ValueInfoProto', 13, R),
          metadata_props: f('StringStringEntryProto', 16, R),
        }),
        TensorProto: message(
          {
            dims: f('int64', 1, R, false),
            data_type: f('int32', 2),
            float_data: f('float', 4, R, true),
            int32_data: f('int32', 5, R, true),
            string_data: f('bytes', 6, R),
            int64_data: f('int64', 7, R, true),
            name: f('string', 8),
            doc_string: f('string', 12),
            raw_data: f('bytes', 9),
            double_data: f('double', 10, R, true),
            uint64_data: f('uint64', 11, R, true),
            metadata_props: f('StringStringEntryProto', 16, R),
          },
          {
            nested: {
              DataType: {
                values: { UNDEFINED: 0, FLOAT: 1, UINT8: 2, INT8: 3, UINT16: 4, INT16: 5, INT32: 6, INT64: 7, STRING: 8, BOOL: 9, FLOAT16: 10, DOUBLE: 11 },
              },
            },
          },
        ),
        TensorShapeProto: message(
          { dim: f('Dimension', 1, R) },
          {
            nested: {
              Dimension: message(
                { dim_value: f('int64', 1), dim_param: f('string', 2), denotation: f('string', 3) },
                { oneofs: { value: { oneof: ['dim_value', 'dim_param'] } } },
              ),
            },
          },
        ),
        TypeProto: message(
          { tensor_type: f('Tensor', 1), denotation: f('string', 6) },
          {
            oneofs: { value: { oneof: ['tensor_type'] } },
            nested: { Tensor: message({ elem_type: f('int32', 1), shape: f('TensorShapeProto', 2) }) },
          },
        ),
        OperatorSetIdProto: message({
          domain: f('string', 1),
          version: f('int64', 2),
        }),
        // Not in onnx.proto: ModelProto without its graph (field 7), so reading a model's header skips the graph's
        // bytes (protobufjs steps over unknown fields) instead of decoding every tree node.
        ModelHeader: message(MODEL_HEADER_FIELDS),
      },
    },
  },
};

const root = protobuf.Root.fromJSON(ONNX_DESCRIPTOR as protobuf.INamespace);

/** The reflected onnx.ModelProto type (exported for tests that check the description against the official file). */
export const ModelProtoType = root.lookupType('onnx.ModelProto');
const ModelHeaderType = root.lookupType('onnx.ModelHeader');

/** ONNX tensor element types we use (TensorProto.DataType). */
export const DataType = { FLOAT: 1, INT32: 6, INT64: 7, STRING: 8, DOUBLE: 11 } as const;

/** AttributeProto.AttributeType values we use. */
export const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

// Plain-object forms of the messages (snake_case, as in onnx.proto). Only what we write is typed.

export interface StringStringEntry {
  key: string;
  value: string;
}

export interface TensorMsg {
  name?: string;
  dims: number[];
  data_type: number;
  raw_data?: Uint8Array;
  float_data?: number[];
  int64_data?: number[];
}

export interface AttributeMsg {
  name: string;
  type: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  t?: TensorMsg;
  floats?: number[];
  ints?: number[];
  strings?: Uint8Array[];
}

export interface NodeMsg {
  input: string[];
  output: string[];
  name: string;
  op_type: string;
  domain?: string;
  attribute?: AttributeMsg[];
}

export interface DimensionMsg {
  dim_value?: number;
  dim_param?: string;
}

export interface ValueInfoMsg {
  name: string;
  type: { tensor_type: { elem_type: number; shape: { dim: DimensionMsg[] } } };
  doc_string?: string;
}

export interface GraphMsg {
  name: string;
  node: NodeMsg[];
  initializer: TensorMsg[];
  input: ValueInfoMsg[];
  output: ValueInfoMsg[];
  doc_string?: string;
}

export interface ModelMsg {
  ir_version: number;
  opset_import: Array<{ domain: string; version: number }>;
  producer_name: string;
  producer_version?: string;
  domain?: string;
  model_version?: number;
  doc_string?: string;
  graph: GraphMsg;
  metadata_props: StringStringEntry[];
}

/** Serialises a ModelProto; protobufjs writes fields in field-number order, so equal objects give equal bytes. */
export function encodeModel(model: ModelMsg): Uint8Array {
  const err = ModelProtoType.verify(model);
  if (err) throw new Error(`invalid ModelProto: ${err}`);
  return ModelProtoType.encode(ModelProtoType.fromObject(model as unknown as Record<string, unknown>)).finish();
}

/** What the runner needs back from a model's bytes (the node API of onnxruntime does not expose metadata_props). */
export interface ModelHeader {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  modelVersion: number;
  docString: string;
  opsets: Array<{ domain: string; version: number }>;
  metadata: Record<string, string>;
}

/** Decodes a ModelProto's header fields (throws protobufjs' error on bytes that are not a protobuf message). */
export function decodeModelHeader(bytes: Uint8Array): ModelHeader {
  const msg = ModelHeaderType.decode(bytes);
  const o = ModelHeaderType.toObject(msg, { longs: Number, defaults: true, arrays: true }) as {
    ir_version: number;
    producer_name: string;
    producer_version: string;
    model_version: number;
    doc_string: string;
    opset_import: Array<{ domain: string; version: number }>;
    metadata_props: StringStringEntry[];
  };
  const metadata: Record<string, string> = {};
  for (const e of o.metadata_props) metadata[e.key] = e.value;
  return {
    irVersion: o.ir_version,
    producerName: o.producer_name,
    producerVersion: o.producer_version,
    modelVersion: o.model_version,
    docString: o.doc_string,
    opsets: o.opset_import.map((s) => ({ domain: s.domain ?? '', version: s.version })),
    metadata,
  };
}
