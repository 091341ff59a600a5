import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { AUDIT_RECORD_TYPES, auditedActions, auditNameKey } from './names.ts';
import { translator } from '../i18n/i18n.ts';
import { projectRoot } from '../project-root.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sources(full);
    return full.endsWith('.ts') && !full.endsWith('.test.ts') ? [full] : [];
  });
}

describe('the audit log’s names for what was done and to what', () => {
  const written = { actions: new Set<string>(), records: new Set<string>() };
  for (const file of sources(path.join(projectRoot(), 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\baction: '([a-zA-Z_.-]+)'/g)) written.actions.add(m[1]!);
    for (const m of text.matchAll(/\bresourceType: '([a-zA-Z_.-]+)'/g)) written.records.add(m[1]!);
  }

  it('knows every action and kind of record the code writes', () => {
    assert.deepEqual(
      [...written.actions].filter((a) => !auditedActions().includes(a)),
      [],
    );
    assert.deepEqual(
      [...written.records].filter((r) => !AUDIT_RECORD_TYPES.includes(r)),
      [],
    );
  });

  for (const language of ['en', 'cy'] as const) {
    it(`names each of them in ${language === 'en' ? 'English' : 'Welsh'}`, () => {
      const t = translator(language);
      const missing = [
        ...auditedActions().map((code) => auditNameKey('actions', code)),
        ...AUDIT_RECORD_TYPES.map((code) => auditNameKey('records', code)),
      ].filter((key) => t(key, { defaultValue: '' }) === '');
      assert.deepEqual(missing, []);
    });
  }

  it('says "View a child’s record" and "Gweld cofnod plentyn", not children.view', () => {
    assert.equal(translator('en')(auditNameKey('actions', 'children.view')), 'View a child’s record');
    assert.equal(translator('cy')(auditNameKey('actions', 'children.view')), 'Gweld cofnod plentyn');
    assert.equal(translator('cy')(auditNameKey('records', 'support_request')), 'Cais am gymorth');
  });
});
