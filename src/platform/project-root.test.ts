import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from './project-root.ts';

describe('the project root', () => {
  it('is the folder holding the migrations, the views and the locales', () => {
    const root = projectRoot();
    for (const part of ['package.json', 'migrations', 'src/platform/views/templates', 'src/platform/i18n/locales/cy', 'public']) {
      assert.ok(existsSync(path.join(root, part)), `${part} under ${root}`);
    }
  });

  it('is the same from the compiled bundle in dist/, whose files sit at another depth', () => {
    const root = projectRoot();
    assert.equal(projectRoot(pathToFileURL(path.join(root, 'dist/chunks/chunk-ABC.js')).href), root);
    assert.equal(projectRoot(pathToFileURL(path.join(root, 'dist/cli.js')).href), root);
  });
});
