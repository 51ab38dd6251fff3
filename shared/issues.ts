// Readable zod failures and bounded client text: used by the contract's dispatcher and by engine code that validates
// settings (risk limits, breakers), which must not load every contract schema for it (a sweep worker starts faster).
import type { z } from 'zod';

/** Formats a zod failure as "field: problem (got value)" so the user sees which field was wrong. */
export function describeIssues(error: z.ZodError): { message: string; field?: string } {
  const where = (i: z.core.$ZodIssue) => {
    // An unknown key is named itself ("risk.limits.limitz"), so a typo in a setting points at the typo.
    const path = i.code === 'unrecognized_keys' && i.keys.length > 0 ? [...i.path, i.keys[0]] : i.path;
    return path.map((p) => clip(String(p), 80)).join('.');
  };
  const first = error.issues[0];
  const field = first ? where(first) || undefined : undefined;
  const message = error.issues
    .slice(0, 5)
    .map((i) => `${where(i) || '(payload)'}: ${clip(i.message, 200)}`)
    .join('; ');
  return { message, field };
}

/** Client-supplied text in a message or log field: bounded, so one request cannot flood a log line. */
export function clip(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max)}…(+${value.length - max} chars)`;
}
