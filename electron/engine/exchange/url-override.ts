// Points a ccxt exchange at another base URL (a testnet, or the local emulator) by rewriting every URL's origin.

const ORIGIN = /^(https?|wss?):\/\/[^/]+/;

/** A copy of a ccxt `urls` tree with each absolute URL's origin replaced by `base` (paths like /api/v3 kept). */
export function rewriteUrls<T>(node: T, base: string): T {
  if (typeof node === 'string') return (ORIGIN.test(node) ? node.replace(ORIGIN, base) : node) as T;
  if (Array.isArray(node)) return node.map((item) => rewriteUrls(item, base)) as T;
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[key] = rewriteUrls(value, base);
    return out as T;
  }
  return node;
}

/** Every absolute URL in a `urls` tree, to check that none leaves the machine. */
export function collectUrls(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') {
    if (ORIGIN.test(node)) out.push(node);
  } else if (node !== null && typeof node === 'object') {
    for (const value of Object.values(node)) collectUrls(value, out);
  }
  return out;
}
