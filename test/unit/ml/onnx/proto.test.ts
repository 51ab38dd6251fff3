// The protobufjs description of onnx.proto: field numbers, types and packing as in the official file, and the wire
// bytes of a small model checked by hand.
import { describe, expect, it } from 'vitest';
import { decodeModelHeader, encodeModel, ModelProtoType } from '../../../../electron/engine/ml/onnx/proto';

// [message, field, number, type, rule, packed] transcribed from onnx/onnx.proto (proto2).
const OFFICIAL: Array<[string, string, number, string, 'optional' | 'repeated', boolean?]> = [
  ['ModelProto', 'ir_version', 1, 'int64', 'optional'],
  ['ModelProto', 'producer_name', 2, 'string', 'optional'],
  ['ModelProto', 'producer_version', 3, 'string', 'optional'],
  ['ModelProto', 'domain', 4, 'string', 'optional'],
  ['ModelProto', 'model_version', 5, 'int64', 'optional'],
  ['ModelProto', 'doc_string', 6, 'string', 'optional'],
  ['ModelProto', 'graph', 7, 'GraphProto', 'optional'],
  ['ModelProto', 'opset_import', 8, 'OperatorSetIdProto', 'repeated'],
  ['ModelProto', 'metadata_props', 14, 'StringStringEntryProto', 'repeated'],
  ['GraphProto', 'node', 1, 'NodeProto', 'repeated'],
  ['GraphProto', 'name', 2, 'string', 'optional'],
  ['GraphProto', 'initializer', 5, 'TensorProto', 'repeated'],
  ['GraphProto', 'doc_string', 10, 'string', 'optional'],
  ['GraphProto', 'input', 11, 'ValueInfoProto', 'repeated'],
  ['GraphProto', 'output', 12, 'ValueInfoProto', 'repeated'],
  ['GraphProto', 'value_info', 13, 'ValueInfoProto', 'repeated'],
  ['GraphProto', 'metadata_props', 16, 'StringStringEntryProto', 'repeated'],
  ['NodeProto', 'input', 1, 'string', 'repeated'],
  ['NodeProto', 'output', 2, 'string', 'repeated'],
  ['NodeProto', 'name', 3, 'string', 'optional'],
  ['NodeProto', 'op_type', 4, 'string', 'optional'],
  ['NodeProto', 'attribute', 5, 'AttributeProto', 'repeated'],
  ['NodeProto', 'doc_string', 6, 'string', 'optional'],
  ['NodeProto', 'domain', 7, 'string', 'optional'],
  ['NodeProto', 'overload', 8, 'string', 'optional'],
  ['NodeProto', 'metadata_props', 9, 'StringStringEntryProto', 'repeated'],
  ['AttributeProto', 'name', 1, 'string', 'optional'],
  ['AttributeProto', 'f', 2, 'float', 'optional'],
  ['AttributeProto', 'i', 3, 'int64', 'optional'],
  ['AttributeProto', 's', 4, 'bytes', 'optional'],
  ['AttributeProto', 't', 5, 'TensorProto', 'optional'],
  ['AttributeProto', 'g', 6, 'GraphProto', 'optional'],
  ['AttributeProto', 'floats', 7, 'float', 'repeated', false],
  ['AttributeProto', 'ints', 8, 'int64', 'repeated', false],
  ['AttributeProto', 'strings', 9, 'bytes', 'repeated'],
  ['AttributeProto', 'tensors', 10, 'TensorProto', 'repeated'],
  ['AttributeProto', 'graphs', 11, 'GraphProto', 'repeated'],
  ['AttributeProto', 'doc_string', 13, 'string', 'optional'],
  ['AttributeProto', 'tp', 14, 'TypeProto', 'optional'],
  ['AttributeProto', 'type_protos', 15, 'TypeProto', 'repeated'],
  ['AttributeProto', 'type', 20, 'AttributeType', 'optional'],
  ['AttributeProto', 'ref_attr_name', 21, 'string', 'optional'],
  ['ValueInfoProto', 'name', 1, 'string', 'optional'],
  ['ValueInfoProto', 'type', 2, 'TypeProto', 'optional'],
  ['ValueInfoProto', 'doc_string', 3, 'string', 'optional'],
  ['ValueInfoProto', 'metadata_props', 4, 'StringStringEntryProto', 'repeated'],
  ['TensorProto', 'dims', 1, 'int64', 'repeated', false],
  ['TensorProto', 'data_type', 2, 'int32', 'optional'],
  ['TensorProto', 'float_data', 4, 'float', 'repeated', true],
  ['TensorProto', 'int32_data', 5, 'int32', 'repeated', true],
  ['TensorProto', 'string_data', 6, 'bytes', 'repeated'],
  ['TensorProto', 'int64_data', 7, 'int64', 'repeated', true],
  ['TensorProto', 'name', 8, 'string', 'optional'],
  ['TensorProto', 'raw_data', 9, 'bytes', 'optional'],
  ['TensorProto', 'double_data', 10, 'double', 'repeated', true],
  ['TensorProto', 'uint64_data', 11, 'uint64', 'repeated', true],
  ['TensorProto', 'doc_string', 12, 'string', 'optional'],
  ['TensorProto', 'metadata_props', 16, 'StringStringEntryProto', 'repeated'],
  ['TensorShapeProto', 'dim', 1, 'Dimension', 'repeated'],
  ['TensorShapeProto.Dimension', 'dim_value', 1, 'int64', 'optional'],
  ['TensorShapeProto.Dimension', 'dim_param', 2, 'string', 'optional'],
  ['TensorShapeProto.Dimension', 'denotation', 3, 'string', 'optional'],
  ['TypeProto', 'tensor_type', 1, 'Tensor', 'optional'],
  ['TypeProto', 'denotation', 6, 'string', 'optional'],
  ['TypeProto.Tensor', 'elem_type', 1, 'int32', 'optional'],
  ['TypeProto.Tensor', 'shape', 2, 'TensorShapeProto', 'optional'],
  ['OperatorSetIdProto', 'domain', 1, 'string', 'optional'],
  ['OperatorSetIdProto', 'version', 2, 'int64', 'optional'],
  ['StringStringEntryProto', 'key', 1, 'string', 'optional'],
  ['StringStringEntryProto', 'value', 2, 'string', 'optional'],
];

describe('onnx.proto description', () => {
  it.each(OFFICIAL)('%s.%s = %i (%s, %s)', (message, field, id, type, rule, packed) => {
    const f = ModelProtoType.root.lookupType(`onnx.${message}`).fields[field];
    expect(f).toBeDefined();
    f.resolve();
    expect([f.id, f.type, f.repeated ? 'repeated' : 'optional']).toEqual([id, type, rule]);
    if (packed !== undefined) expect(f.packed).toBe(packed);
  });

  it('a small model encodes to the bytes onnx.proto prescribes, in field-number order', () => {
    const bytes = encodeModel({
      ir_version: 8,
      opset_import: [{ domain: '', version: 17 }],
      producer_name: 'q',
      graph: {
        name: 'g',
        node: [{ input: ['x'], output: ['y'], name: 'n', op_type: 'Relu', attribute: [{ name: 'a', type: 7, ints: [1, 2] }] }],
        initializer: [],
        input: [],
        output: [],
      },
      metadata_props: [{ key: 'k', value: 'v' }],
    });
    // Hand-encoded from onnx.proto: tag = field number << 3 | wire type (0 varint, 2 length-delimited).
    const expected = [
      '0808', // ModelProto.ir_version (1) = 8
      '120171', // producer_name (2) = "q"
      '3a20', // graph (7), 32 bytes:
      '0a1b', //   node (1), 27 bytes:
      '0a0178', //     input (1) "x"
      '120179', //     output (2) "y"
      '1a016e', //     name (3) "n"
      '220452656c75', //     op_type (4) "Relu"
      '2a0a', //     attribute (5), 10 bytes:
      '0a0161', //       name (1) "a"
      '4001', //       ints (8) 1: unpacked, as proto2 without [packed = true]
      '4002', //       ints (8) 2
      'a00107', //       type (20) = INTS (7): tag 160 is the varint a0 01
      '120167', //   name (2) "g"
      '42040a001011', // opset_import (8): domain (1) "", version (2) 17
      '72060a016b120176', // metadata_props (14): key (1) "k", value (2) "v"
    ].join('');
    expect(Buffer.from(bytes).toString('hex')).toBe(expected);
    const header = decodeModelHeader(bytes);
    expect(header).toMatchObject({ irVersion: 8, producerName: 'q', metadata: { k: 'v' }, opsets: [{ domain: '', version: 17 }] });
  });
});
