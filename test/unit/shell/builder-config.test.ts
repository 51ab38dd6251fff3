// Packaging: electron-builder.yml is valid for electron-builder 26 and pins what makes the shipped app hardened
// (fuses, minimal entitlements, env-only signing, a real publish target); the release workflow matches it.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hasSavedAddons, saveNodeAddons, restoreNodeAddons, SAVE_DIR } from '../../../scripts/packaging/native-abi.mjs';

const root = resolve(import.meta.dirname, '..', '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

// Loaded the way electron-builder loads them: its own js-yaml, ajv and plist, resolved from app-builder-lib.
const builderDir = join(root, 'node_modules', 'app-builder-lib');
const builderRequire = createRequire(join(builderDir, 'package.json'));
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };
const plist = builderRequire('plist') as { parse(text: string): unknown };
type ValidateFn = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
const Ajv = (builderRequire('ajv') as { default: new (options: object) => { compile(schema: object): ValidateFn } }).default;

// Loosely typed on purpose: the schema test is what checks the shape.
type Tree = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const config = yaml.load(read('electron-builder.yml')) as Tree;
const schema = JSON.parse(readFileSync(join(builderDir, 'scheme.json'), 'utf8')) as Tree;
const workflowText = read('.github/workflows/release.yml');
const workflow = yaml.load(workflowText) as Tree;

/** The secrets README's "Releasing" table documents; the workflow may use no other. */
const DOCUMENTED_SECRETS = [
  'APPLE_APP_SPECIFIC_PASSWORD',
  'APPLE_ID',
  'APPLE_TEAM_ID',
  'CSC_KEY_PASSWORD',
  'CSC_LINK',
  'GITHUB_TOKEN',
  'WIN_CSC_KEY_PASSWORD',
  'WIN_CSC_LINK',
];

/** Targets of one platform as { name: archs }, from either `dmg` or `{ target: dmg, arch: [...] }` entries. */
function targets(platform: Tree): Record<string, string[]> {
  const list = (Array.isArray(platform.target) ? platform.target : [platform.target]) as (string | Tree)[];
  return Object.fromEntries(list.map((t) => (typeof t === 'string' ? [t, ['x64']] : [t.target, [t.arch ?? 'x64'].flat()])));
}

describe('electron-builder.yml', () => {
  it('is valid against electron-builder 26 scheme.json (draft-07) with the ajv options electron-builder validates with', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    // The options in app-builder-lib's own validator; if electron-builder changes them, this test must follow.
    const options = { allErrors: true, verbose: true, coerceTypes: true, strict: false };
    const validatorSource = readFileSync(join(builderDir, 'out', 'util', 'config', 'schemaValidator.js'), 'utf8');
    for (const [key, value] of Object.entries(options)) expect(validatorSource).toContain(`${key}: ${value}`);
    const validate = new Ajv(options).compile(schema);
    const valid = validate(structuredClone(config));
    expect((validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`)).toEqual([]);
    expect(valid).toBe(true);
  });

  it("passes electron-builder's own validateConfiguration", async () => {
    const { validateConfiguration } = builderRequire('./out/util/config/config.js') as {
      validateConfiguration(config: unknown, log: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    await expect(validateConfiguration(structuredClone(config), { isEnabled: false, add() {} })).resolves.toBeUndefined();
  });

  it('builds macOS dmg and zip for x64 and arm64, hardened, with our entitlements, notarized when credentials exist', () => {
    expect(targets(config.mac)).toEqual({ dmg: ['x64', 'arm64'], zip: ['x64', 'arm64'] });
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlements).toBe('resources/entitlements.mac.plist');
    expect(config.mac.entitlementsInherit).toBe('resources/entitlements.mac.plist');
    // v26: a boolean; anything but false notarizes exactly when APPLE_* credentials are in the environment.
    expect(config.mac.notarize).not.toBe(false);
    expect(config.mac.identity).toBeUndefined();
  });

  it('builds a Windows NSIS installer signed only from the environment', () => {
    expect(Object.keys(targets(config.win))).toEqual(['nsis']);
    expect(config.win.signtoolOptions).toBeDefined();
    expect(config.win.azureSignOptions).toBeUndefined(); // mutually exclusive with signtoolOptions in v26
    for (const key of ['certificateFile', 'certificatePassword', 'certificateSha1', 'certificateSubjectName']) {
      expect(config.win.signtoolOptions).not.toHaveProperty(key);
    }
    for (const section of [config, config.mac, config.win]) {
      expect(section).not.toHaveProperty('cscLink');
      expect(section).not.toHaveProperty('cscKeyPassword');
    }
  });

  it('builds Linux AppImage and deb', () => {
    expect(Object.keys(targets(config.linux)).sort()).toEqual(['AppImage', 'deb']);
  });

  it('publishes to GitHub releases named by the release environment, never a placeholder host', () => {
    expect(config.publish).toEqual({
      provider: 'github',
      owner: '${env.QUORUM_RELEASE_OWNER}',
      repo: '${env.QUORUM_RELEASE_REPO}',
      releaseType: 'draft',
    });
    expect(read('electron-builder.yml')).not.toMatch(/\.invalid\b/);
  });

  it('uses the ${env.NAME} macro the way electron-builder 26 expands it', () => {
    const { expandMacro } = builderRequire('./out/util/macroExpander.js') as {
      expandMacro(pattern: string, arch: string | null, appInfo: object): string;
    };
    try {
      vi.stubEnv('QUORUM_RELEASE_OWNER', 'octo-org');
      vi.stubEnv('QUORUM_RELEASE_REPO', 'quorum');
      expect(expandMacro(config.publish.owner, null, {})).toBe('octo-org');
      expect(expandMacro(config.publish.repo, null, {})).toBe('quorum');
      vi.stubEnv('QUORUM_RELEASE_OWNER', undefined);
      expect(() => expandMacro(config.publish.owner, null, {})).toThrow(/QUORUM_RELEASE_OWNER is not defined/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('flips the fuses: no run-as-node, NODE_OPTIONS or --inspect; encrypted cookies; asar-only with integrity', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
    // The integrity fuse checks the hash electron-builder embeds; both must stay on.
    expect(config.asar).not.toBe(false);
    expect(config.disableAsarIntegrity).not.toBe(true);
  });

  it('keeps native modules out of the asar and undoes the in-place Electron rebuild after every dist script', () => {
    for (const mod of ['better-sqlite3', 'keytar', 'onnxruntime-node']) expect(config.asarUnpack).toContain(`node_modules/${mod}/**`);
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    const dist = Object.entries(scripts).filter(([name]) => name === 'dist' || name.startsWith('dist:'));
    expect(dist.length).toBeGreaterThan(0);
    if (config.npmRebuild !== false) for (const [, command] of dist) expect(command).toMatch(/^node scripts\/packaging\/dist\.mjs\b/);
  });

  it('references only files that exist', () => {
    const referenced = [
      config.icon,
      config.mac.entitlements,
      config.mac.entitlementsInherit,
      config.mac.icon,
      config.win.icon,
      config.linux.icon,
      config.directories.buildResources,
      ...(config.extraResources as Tree[]).map((r) => r.from),
    ].filter((f): f is string => typeof f === 'string');
    expect(referenced).toContain('resources/icon.png');
    for (const file of referenced) expect(existsSync(join(root, file)), file).toBe(true);
  });
});

describe('resources/entitlements.mac.plist', () => {
  const entitlements = plist.parse(read('resources/entitlements.mac.plist')) as Record<string, unknown>;

  it('grants only V8 its JIT', () => {
    expect(entitlements).toEqual({ 'com.apple.security.cs.allow-jit': true });
  });

  it.each([
    'com.apple.security.cs.allow-unsigned-executable-memory',
    'com.apple.security.cs.disable-library-validation',
    'com.apple.security.cs.allow-dyld-environment-variables',
    'com.apple.security.network.client',
    'com.apple.security.network.server',
  ])('does not grant %s', (key) => {
    expect(Object.keys(entitlements)).not.toContain(key);
  });
});

describe('native addons around a packaging run', () => {
  let fake: string | undefined;
  afterEach(() => {
    if (fake) rmSync(fake, { recursive: true, force: true });
  });
  const put = (file: string, text: string) => {
    mkdirSync(dirname(join(fake!, file)), { recursive: true });
    writeFileSync(join(fake!, file), text);
  };

  it('puts the Node builds back and drops .node files the Electron rebuild added', () => {
    fake = mkdtempSync(join(tmpdir(), 'quorum-abi-'));
    put('node_modules/sqlite/binding.gyp', '{}');
    put('node_modules/sqlite/build/Release/sqlite.node', 'node abi');
    put('node_modules/@scope/vault/binding.gyp', '{}');
    put('node_modules/@scope/vault/build/Release/vault.node', 'node abi');
    put('node_modules/plain/index.js', '');

    expect(saveNodeAddons(fake).sort()).toEqual([join('@scope/vault/build/Release/vault.node'), join('sqlite/build/Release/sqlite.node')]);
    expect(hasSavedAddons(fake)).toBe(true);
    // What npmRebuild leaves behind: recompiled addons, an extra one, and (node-gyp clean) a deleted one.
    put('node_modules/sqlite/build/Release/sqlite.node', 'electron abi');
    put('node_modules/sqlite/build/Release/extra.node', 'electron abi');
    rmSync(join(fake, 'node_modules/@scope/vault/build'), { recursive: true });

    restoreNodeAddons(fake);
    expect(readFileSync(join(fake, 'node_modules/sqlite/build/Release/sqlite.node'), 'utf8')).toBe('node abi');
    expect(readFileSync(join(fake, 'node_modules/@scope/vault/build/Release/vault.node'), 'utf8')).toBe('node abi');
    expect(existsSync(join(fake, 'node_modules/sqlite/build/Release/extra.node'))).toBe(false);
    expect(existsSync(join(fake, SAVE_DIR))).toBe(false);
    expect(hasSavedAddons(fake)).toBe(false);
  });
});

describe('.github/workflows/release.yml', () => {
  const jobs = Object.values(workflow.jobs as Record<string, Tree>);
  const packaging = jobs.find((job) => job.strategy?.matrix) as Tree;
  const steps = packaging.steps as Tree[];
  const stepIndex = (pattern: RegExp) => steps.findIndex((s) => pattern.test(String(s.run ?? '')));
  const builderStep = steps[stepIndex(/electron-builder/)];

  it('runs on v* tags only', () => {
    expect(workflow.on).toEqual({ push: { tags: ['v*'] } });
  });

  it('packages on macOS, Windows and Linux with Node 20', () => {
    const oses = (packaging.strategy.matrix.include as Tree[]).map((entry) => entry.os).sort();
    expect(oses).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    expect(steps.find((s) => String(s.uses).startsWith('actions/setup-node'))?.with['node-version']).toBe(20);
  });

  it('installs libsecret on Linux, then npm ci, the Electron binary, the build, and publishes with electron-builder', () => {
    const libsecret = stepIndex(/apt-get install -y libsecret-1-dev/);
    expect(steps[libsecret].if).toBe("runner.os == 'Linux'");
    const order = [libsecret, stepIndex(/^npm ci$/), stepIndex(/node node_modules\/electron\/install\.js/), stepIndex(/^npm run build$/), stepIndex(/electron-builder/)];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(builderStep.run).toMatch(/electron-builder --\$\{\{ matrix\.platform \}\} --publish always/);
    expect(builderStep.env.GH_TOKEN).toBe('${{ secrets.GITHUB_TOKEN }}');
  });

  it('names the release repository with the variables electron-builder.yml expands', () => {
    const names = [config.publish.owner, config.publish.repo].map((macro: string) => /^\$\{env\.(\w+)\}$/.exec(macro)?.[1]);
    expect(names).toEqual(['QUORUM_RELEASE_OWNER', 'QUORUM_RELEASE_REPO']);
    expect(builderStep.env.QUORUM_RELEASE_OWNER).toBe('${{ github.repository_owner }}');
    expect(builderStep.env.QUORUM_RELEASE_REPO).toBe('${{ github.event.repository.name }}');
  });

  it('uses only documented secrets, and drops each signing secret that is empty before electron-builder sees it', () => {
    const used = [...new Set([...workflowText.matchAll(/secrets\.(\w+)/g)].map((m) => m[1]))].sort();
    expect(used).toEqual(DOCUMENTED_SECRETS);
    const unsetLoop = /for name in ([^;]+);/.exec(String(builderStep.run))?.[1].split(/\s+/) ?? [];
    for (const secret of DOCUMENTED_SECRETS.filter((s) => s !== 'GITHUB_TOKEN')) {
      expect(builderStep.env[secret]).toBe(`\${{ secrets.${secret} }}`);
      expect(unsetLoop).toContain(secret);
    }
  });
});
