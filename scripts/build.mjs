/**
 * Compiles the `together` command (and through it the server) once into dist/, so it starts in a
 * fraction of a second instead of having tsx compile the whole tree at every start. Run by
 * `npm ci` (the `prepare` script) and by `npm run build`. Plain JavaScript: it runs before
 * anything else is set up.
 *
 * One bundle of our own code, split at the CLI's lazy imports (so `together --help` or
 * `together match` loads only what it uses); packages stay in node_modules. Files the code reads
 * at run time (migrations, views, locales, public/) stay where they are: the code finds them from
 * the project root (src/platform/project-root.ts). dist/inputs.json lists the sources compiled,
 * so bin/together.js can tell when one has changed since and run the sources instead.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist');

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});
const inputs = Object.keys(result.metafile.inputs)
  .filter((file) => !file.includes('node_modules/'))
  .sort();
writeFileSync(path.join(outdir, 'inputs.json'), `${JSON.stringify(inputs, null, 1)}\n`);
console.log(`together: compiled ${inputs.length} source files into dist/`);
