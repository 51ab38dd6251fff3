// Node module hooks (module.register): `import 'electron'` from an ES module resolves to the stand-in.
let standin;

export async function initialize(data) {
  standin = data.standin;
}

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: standin, format: 'commonjs', shortCircuit: true };
  return next(specifier, context);
}
