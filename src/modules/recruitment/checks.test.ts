import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { missingChecks, type CheckFacts } from './checks.ts';

const done = (kind: CheckFacts['kind'], applicantId: string | null = null): CheckFacts => ({
  kind,
  applicantId,
  receivedDate: '2026-04-01',
  outcome: 'satisfactory',
});

describe('Stage 1 checks', () => {
  it('lists every check not yet requested for a household of two', () => {
    const missing = missingChecks(['a', 'b'], []);
    assert.deepEqual(
      missing.map((m) => `${m.kind}:${m.applicantId ?? '-'}:${m.problem}`),
      [
        'dbs:a:not_requested',
        'medical:a:not_requested',
        'dbs:b:not_requested',
        'medical:b:not_requested',
        'reference:-:not_requested',
        'local_authority:-:not_requested',
      ],
    );
    assert.equal(missing.find((m) => m.kind === 'reference')?.needed, 3);
  });

  it('is complete when each applicant’s DBS and medical, three references and the local authority check are back', () => {
    const checks = [
      done('dbs', 'a'),
      done('medical', 'a'),
      done('reference'),
      done('reference'),
      { ...done('reference'), outcome: 'concerns' as const },
      done('local_authority'),
    ];
    assert.deepEqual(missingChecks(['a'], checks), []);
  });

  it('counts a requested check not yet received as awaited, and an unsatisfactory one as blocking', () => {
    const checks: CheckFacts[] = [
      { kind: 'dbs', applicantId: 'a', receivedDate: null, outcome: 'pending' },
      done('medical', 'a'),
      done('reference'),
      done('reference'),
      { kind: 'reference', applicantId: null, receivedDate: '2026-04-02', outcome: 'unsatisfactory' },
      done('local_authority'),
    ];
    const missing = missingChecks(['a'], checks);
    assert.deepEqual(
      missing.map((m) => `${m.kind}:${m.problem}`),
      ['reference:unsatisfactory', 'dbs:awaited', 'reference:awaited'],
    );
  });
});
