import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditVerifyReport } from './verify-report.ts';

describe('the line together audit verify prints', () => {
  it('says "1 entry" for a log of one entry and "entries" for any other count', () => {
    assert.equal(auditVerifyReport({ rows: 1 }), 'Audit log intact: 1 entry.');
    assert.equal(auditVerifyReport({ rows: 2 }), 'Audit log intact: 2 entries.');
    assert.equal(auditVerifyReport({ rows: 0 }), 'Audit log intact: 0 entries.');
  });

  it('names the broken entry and counts the intact ones before it with the same plural', () => {
    assert.equal(auditVerifyReport({ rows: 1, break: { id: 7 } }), 'Audit log BROKEN at entry 7 (after 1 intact entry).');
    assert.equal(auditVerifyReport({ rows: 5, break: { id: 7 } }), 'Audit log BROKEN at entry 7 (after 5 intact entries).');
  });
});
