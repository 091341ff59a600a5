import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bundle, redactForPerson, REDACTED, sha256 } from './redact.ts';

const me = { id: 'app-1', userId: 'user-1', givenNames: 'Invented', familyName: 'Person', email: 'me@example.invalid' };
const partner = { id: 'app-2', userId: null, givenNames: 'Made-up', familyName: 'Partner', email: 'partner@example.invalid', phone: '01234 567890' };

describe('subject access redaction', () => {
  const result = redactForPerson({
    account: { id: 'user-1', email: 'me@example.invalid', name: 'Invented Person' },
    applicant: me,
    household: {
      household: { id: 'hh-1', reference: 'AT-1', email: 'partner@example.invalid', adopterUserIds: ['user-1', 'user-9'] },
      applicants: [me, partner],
      members: [{ name: 'Fictional Child', dateOfBirth: '2015-01-01', relationship: 'birth child' }],
      checks: [{ kind: 'reference', subject: 'Pretend Referee', notes: 'Spoke to the referee' }],
      enquiries: [
        { email: 'ME@example.invalid', givenNames: 'Invented', familyName: 'Person' },
        { email: 'partner@example.invalid', givenNames: 'Made-up', familyName: 'Partner', message: 'About us' },
      ],
    },
    conversations: {
      threads: [{ id: 't-1', subject: 'Medical', workerId: 'worker-1' }],
      messages: [
        { body: 'Hello', authorId: 'user-1', fromFamily: true },
        { body: 'Thanks', authorId: 'worker-1', fromFamily: false },
      ],
      documents: [],
    },
    audit: [],
  });
  const all = result.files.map((f) => f.content).join('\n');

  it('gives the person their own details in full', () => {
    assert.match(result.files.find((f) => f.name === 'applicant.json')!.content.toString(), /"givenNames": "Invented"/);
    assert.match(all, /"givenNames": "Invented"/);
  });

  it('redacts the other applicant, the household’s other people and the referees, and says so', () => {
    for (const other of [
      'Made-up',
      'Partner',
      'partner@example',
      '01234',
      'Fictional Child',
      '2015-01-01',
      'Pretend Referee',
      'About us',
      'worker-1',
      'user-9',
    ])
      assert.equal(all.includes(other), false, `${other} is not in the bundle`);
    assert.ok(all.includes(REDACTED));
    assert.equal(result.redacted.length, 5);
    assert.ok(result.forReview.some((r) => r.startsWith('portal-messages.json')));
  });

  it('says who wrote each message as the person would: them or the agency', () => {
    const messages = JSON.parse(result.files.find((f) => f.name === 'portal-messages.json')!.content.toString()) as { from: string }[];
    assert.deepEqual(
      messages.map((m) => m.from),
      ['you', 'the agency'],
    );
  });

  it('lists every file in the manifest with its SHA-256', () => {
    const files = bundle('app-1', new Date('2026-12-07T09:00:00Z'), result);
    const manifest = JSON.parse(files.find((f) => f.name === 'manifest.json')!.content.toString()) as { files: { name: string; sha256: string }[] };
    assert.deepEqual(
      manifest.files.map((f) => f.name),
      files.filter((f) => f.name !== 'manifest.json').map((f) => f.name),
    );
    for (const entry of manifest.files) assert.equal(entry.sha256, sha256(files.find((f) => f.name === entry.name)!.content));
    assert.match(
      files[0]!.content.toString(),
      /## Redacted \(other people\)\n- household\.json: the household's contact e-mail address, which is another person's\n- household-applicants\.json/,
    );
  });
});
