// Remembers secret values (API keys, tokens) so every log line can be scrubbed of them before it is written.

export const REDACTED = '[REDACTED]';

/** Field names whose values are always masked, wherever they appear in a log record. */
export const SECRET_FIELD = /(key|secret|password|passphrase|token|signature|authorization|cookie)/i;

export class SecretRegistry {
  private readonly values = new Set<string>();

  /** Registers a value that must never be printed. Very short values are refused: masking them would shred logs. */
  register(value: string | undefined | null): void {
    if (!value) return;
    if (value.length < 4) throw new RangeError('secret too short to mask reliably (need at least 4 characters)');
    this.values.add(value);
    // The JSON-escaped form is what appears inside a serialized log line.
    this.values.add(JSON.stringify(value).slice(1, -1));
  }

  get size(): number {
    return this.values.size;
  }

  mask(text: string): string {
    let out = text;
    for (const v of this.values) if (out.includes(v)) out = out.split(v).join(REDACTED);
    return out;
  }
}

/** A copy of `value` with every secret-named field replaced; cycles and depth are bounded. */
export function maskSecretFields(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskSecretFields(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_FIELD.test(k) && v !== undefined && v !== null && typeof v !== 'object' ? REDACTED : maskSecretFields(v, depth + 1);
  }
  return out;
}
