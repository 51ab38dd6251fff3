// Every request schema is a fence: objects strict at every depth, every string bounded in length, every number in a
// range, every list and map sized. Walks the zod definitions of all channels, so a new field without bounds fails here.
import { describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS, requests } from '../../../shared/contract';

interface Def {
  type: string;
  innerType?: unknown;
  shape?: Record<string, unknown>;
  catchall?: { _zod: { def: { type: string } } };
  element?: unknown;
  options?: unknown[];
  keyType?: unknown;
  valueType?: unknown;
  checks?: { _zod: { def: { check: string } } }[];
  in?: unknown;
  out?: unknown;
}
type Node = { _zod: { def: Def }; maxLength?: number | null; minValue?: number | null; maxValue?: number | null };

/** Paths of unbounded parts of a schema (empty when the schema is a fence). */
function unbounded(schema: unknown, path: string, out: string[]): string[] {
  const node = schema as Node;
  const def = node._zod.def;
  const check = (ok: boolean, why: string) => {
    if (!ok) out.push(`${path || '(payload)'}: ${why}`);
  };
  switch (def.type) {
    case 'object':
      check(def.catchall?._zod.def.type === 'never', 'object accepts unknown keys (not strict)');
      for (const [key, field] of Object.entries(def.shape ?? {})) unbounded(field, path ? `${path}.${key}` : key, out);
      break;
    case 'string':
      check(typeof node.maxLength === 'number' && node.maxLength < 1_000_000, 'string without a maximum length');
      break;
    case 'number':
      check(Number.isFinite(node.minValue) && Number.isFinite(node.maxValue), 'number without a finite range');
      break;
    case 'array':
      check((def.checks ?? []).some((c) => c._zod.def.check === 'max_length'), 'array without a maximum size');
      unbounded(def.element, `${path}[]`, out);
      break;
    case 'record':
      unbounded(def.keyType, `${path}{key}`, out);
      unbounded(def.valueType, `${path}{value}`, out);
      break;
    case 'union':
      for (const [i, option] of (def.options ?? []).entries()) unbounded(option, `${path}|${i}`, out);
      break;
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
      unbounded(def.innerType, path, out);
      break;
    case 'pipe':
      unbounded(def.in, path, out);
      break;
    case 'enum':
    case 'literal':
    case 'boolean':
      break;
    default:
      check(false, `unchecked schema type '${def.type}'`);
  }
  return out;
}

describe('request schemas are fences', () => {
  it.each(REQUEST_CHANNELS)('%s: strict objects, bounded strings, numbers, lists and maps', (channel) => {
    expect(unbounded(requests[channel].request, '', [])).toEqual([]);
  });

  it('the audit itself catches a loose schema', async () => {
    const { z } = await import('zod');
    const loose = z.object({ name: z.string(), n: z.number(), list: z.array(z.string().max(3)), inner: z.object({ a: z.boolean() }).strict() });
    expect(unbounded(loose, '', [])).toEqual([
      '(payload): object accepts unknown keys (not strict)',
      'name: string without a maximum length',
      'n: number without a finite range',
      'list: array without a maximum size',
    ]);
  });
});
