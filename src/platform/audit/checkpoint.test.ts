import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { judgeAnchor, readCheckpoints, signCheckpoint } from './checkpoint.ts';
import { auditVerifyFailed, auditVerifyReport } from './verify-report.ts';

const key = 'k'.repeat(40);
const line = (seq: number, hash: string, database = 'together', at = '2026-12-06T21:40:00.000Z') =>
  JSON.stringify(signCheckpoint(key, { database, seq, hash, at }));

describe('signed checkpoints of the audit chain', () => {
  it('takes the newest checkpoint of this database whose signature holds', () => {
    const text = [line(3, 'aaa'), line(9, 'bbb'), line(40, 'zzz', 'another_database'), ''].join('\n');
    const reading = readCheckpoints(text, key, 'together');
    assert.equal(reading.latest?.seq, 9);
    assert.deepEqual(reading.forged, []);
  });

  it('calls a line forged when its figures were changed, it was signed with another key, or it is not a checkpoint at all', () => {
    const moved = JSON.stringify({ ...JSON.parse(line(9, 'bbb')), seq: 5 });
    const otherKey = JSON.stringify(signCheckpoint('x'.repeat(40), { database: 'together', seq: 12, hash: 'ccc', at: '2026-12-06T22:00:00.000Z' }));
    const reading = readCheckpoints([line(3, 'aaa'), moved, otherKey, 'not json'].join('\n'), key, 'together');
    assert.deepEqual(reading.forged, [2, 3, 4]);
    assert.equal(reading.latest?.seq, 3);
    assert.equal(judgeAnchor(reading, { lastSeq: 20, hashAt: 'aaa' }).state, 'forged');
  });

  it('anchors a chain that still passes through the checkpoint, counting the entries since', () => {
    const reading = readCheckpoints(line(9, 'bbb'), key, 'together');
    assert.deepEqual(judgeAnchor(reading, { lastSeq: 12, hashAt: 'bbb' }), { state: 'anchored', checkpoint: reading.latest, beyond: 3 });
  });

  it('finds a log rewritten after its checkpoint (a recomputed chain no longer carries the signed hash)', () => {
    const reading = readCheckpoints(line(9, 'bbb'), key, 'together');
    assert.equal(judgeAnchor(reading, { lastSeq: 12, hashAt: 'recomputed' }).state, 'rewritten');
  });

  it('finds a chain cut back before its checkpoint', () => {
    const reading = readCheckpoints(line(9, 'bbb'), key, 'together');
    assert.equal(judgeAnchor(reading, { lastSeq: 4, hashAt: undefined }).state, 'rewound');
  });

  it('says plainly when there is no checkpoint yet, without failing', () => {
    const anchor = judgeAnchor(readCheckpoints('', key, 'together'), { lastSeq: 4, hashAt: undefined });
    assert.equal(anchor.state, 'none');
    assert.equal(auditVerifyFailed({ rows: 4, anchor }), false);
    assert.match(auditVerifyReport({ rows: 4, anchor }), /^Audit log intact: 4 entries\.\nNot anchored: no signed checkpoint/);
  });

  it('fails verify and says so in words when the chain holds but the checkpoint does not', () => {
    const reading = readCheckpoints(line(9, 'bbb'), key, 'together');
    const anchor = judgeAnchor(reading, { lastSeq: 12, hashAt: 'recomputed' });
    assert.equal(auditVerifyFailed({ rows: 12, anchor }), true);
    assert.equal(
      auditVerifyReport({ rows: 12, anchor }),
      'Audit log intact: 12 entries.\nAudit log REWRITTEN: entry 9 no longer matches the signed checkpoint of 2026-12-06 21:40 UTC.',
    );
  });
});
