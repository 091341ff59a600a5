import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rlsBlock } from './rls-block.ts';

describe('the row-level security block of a new table', () => {
  it('enables and forces row-level security and scopes rows to whoever may see the child', () => {
    const sql = rlsBlock('child_outcome_scores', 'child');
    assert.match(sql, /^ALTER TABLE child_outcome_scores ENABLE ROW LEVEL SECURITY;\n--> statement-breakpoint\n/);
    assert.match(sql, /ALTER TABLE child_outcome_scores FORCE ROW LEVEL SECURITY;/);
    assert.match(
      sql,
      /CREATE POLICY child_outcome_scores_scope ON child_outcome_scores USING \(\n {2}\(SELECT app_is_system\(\)\) OR app_can_see_child\(child_id\)\n\);$/,
    );
    assert.doesNotMatch(sql, /REVOKE/);
  });

  it('takes away changing and removing rows from the app role for an append-only record', () => {
    assert.match(rlsBlock('invoice_events', 'organisation', { appendOnly: true }), /REVOKE UPDATE, DELETE, TRUNCATE ON invoice_events FROM together_app;$/);
  });

  it('refuses a table name that is not a plain identifier', () => {
    assert.throws(() => rlsBlock('users; drop table users', 'organisation'), /not a plain lower-case table name/);
  });
});
