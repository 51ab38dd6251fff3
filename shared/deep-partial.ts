// A settings patch schema from the settings schema: every object strict (an unknown key anywhere fails the whole
// update, naming the key), every field optional and without its default, every leaf's own bounds kept. Cross-field
// refinements are checked after the patch is merged into the stored settings.
import { z } from 'zod';

export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

interface Wrapped {
  _zod: { def: { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType> } };
}

function partialOf(schema: z.ZodType): z.ZodType {
  const def = (schema as unknown as Wrapped)._zod.def;
  if ((def.type === 'default' || def.type === 'prefault' || def.type === 'optional') && def.innerType) return partialOf(def.innerType);
  if (def.type === 'object' && def.shape) {
    return z.strictObject(Object.fromEntries(Object.entries(def.shape).map(([key, field]) => [key, partialOf(field).optional()])));
  }
  return schema;
}

export function deepPartialStrict<S extends z.ZodType>(schema: S): z.ZodType<DeepPartial<z.input<S>>> {
  return partialOf(schema) as unknown as z.ZodType<DeepPartial<z.input<S>>>;
}
