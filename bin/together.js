#!/usr/bin/env node
// The `together` command. `npm ci` compiles the sources once into dist/ (scripts/build.mjs), which
// starts in a fraction of a second. When dist/ is missing, or a source file it was compiled from
// has changed since (you are editing the code), the sources run through tsx instead: slower to
// start, but what runs is always what src/ says.
import { readFileSync, statSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);

function distIsCurrent() {
  try {
    const builtAt = statSync(new URL('cli.js', dist)).mtimeMs;
    const inputs = JSON.parse(readFileSync(new URL('inputs.json', dist), 'utf8'));
    return inputs.every((file) => statSync(new URL(`../${file}`, dist)).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

if (distIsCurrent()) {
  await import(new URL('cli.js', dist).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
