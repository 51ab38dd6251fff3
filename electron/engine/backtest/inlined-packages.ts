// Pure-JS packages built into the main bundle and the sweep worker instead of loaded from node_modules at run time.
// zod is ~100 ES modules: resolving and evaluating them took ~80 ms of every sweep thread's ~180 ms start (a bare
// worker thread starts in ~45 ms); inlined and tree-shaken, the built worker starts in ~125 ms.
export const INLINED_PACKAGES: readonly string[] = ['zod'];

/** The package a bare import names ('zod/v4/core' → 'zod', '@scope/pkg/x' → '@scope/pkg'). */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export const isInlined = (specifier: string): boolean => INLINED_PACKAGES.includes(packageOf(specifier));
