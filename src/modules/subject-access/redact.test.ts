import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sha256 } from './bundle.ts';
import { bundle, maskNames, redactForPerson, REDACTED, REDACTED_CHILD } from './redact.ts';

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

describe('subject access redaction of a family’s training, preparation and support', () => {
  const household = {
    household: { id: 'hh-1', reference: 'AT-1', email: 'me@example.invalid' },
    applicants: [me, partner],
    members: [{ name: 'Pretendcousin Lodger', relationship: 'lodger' }],
    checks: [],
    enquiries: [],
  };
  const result = redactForPerson({
    account: { id: 'user-1', email: 'me@example.invalid' },
    applicant: me,
    household,
    training: [
      {
        id: 'b-1',
        applicantId: 'app-1',
        course: 'Preparation group',
        attendance: 'attended',
        certificateNumber: 'C-1',
        bookedBy: 'worker-1',
        facilitatorNames: 'Staffname Trainer',
      },
      {
        id: 'b-2',
        applicantId: 'app-2',
        course: 'Preparation group',
        attendance: 'absent',
        certificateNumber: null,
        bookedBy: 'worker-1',
        facilitatorNames: 'Staffname Trainer',
      },
    ],
    preparation: [
      { id: 'p-1', workerId: 'worker-2', attendance: { 'app-1': true, 'app-2': false }, readinessReflection: 'Made-up spoke warmly about Inventedchild.' },
    ],
    support: {
      plans: [{ id: 'plan-1', matchId: 'match-1', createdBy: 'worker-3', needsSummary: 'INVENTEDCHILD needs help at school; Pretendcousin helps.' }],
      planItems: [{ planId: 'plan-1', need: 'Sleep', support: 'Theraplay for Inventedchild Madeupsurname', provider: 'Agency' }],
      sessions: [{ id: 's-1', workerId: 'worker-4', notes: 'Inventedchild was calmer.' }],
      requests: [
        { id: 'r-1', source: 'family', requestedBy: 'user-1', need: 'Help with contact', allocatedTo: 'worker-5' },
        { id: 'r-2', source: 'family', requestedBy: 'user-9', need: 'Respite' },
        { id: 'r-3', source: 'worker', requestedBy: 'worker-6', need: 'Review' },
      ],
      events: [{ eventId: 'e-1', title: 'Summer picnic', facilitatorId: 'worker-7', attended: true }],
    },
    documents: [{ id: 'cd-1', title: 'Prospective adopter’s report', file: 'documents/cd-1-report.pdf', sha256: 'abc' }],
    childNames: ['Inventedchild', 'Inventedchild Madeupsurname'],
    audit: [],
  });
  const file = (name: string) => result.files.find((f) => f.name === name)!.content.toString();
  const all = result.files.map((f) => f.content).join('\n');

  it('keeps the person’s own bookings and certificates, and leaves out the other applicant’s and who booked or ran them', () => {
    const bookings = JSON.parse(file('training-bookings.json')) as Record<string, unknown>[];
    assert.deepEqual(
      bookings.map((b) => [b.id, b.certificateNumber, b.attendance]),
      [['b-1', 'C-1', 'attended']],
    );
    assert.ok(result.redacted.some((r) => r.startsWith("training-bookings.json: the other applicant's bookings")));
  });

  it('names no member of staff', () => {
    for (const staff of ['worker-1', 'worker-2', 'worker-3', 'worker-4', 'worker-5', 'worker-6', 'worker-7', 'Staffname'])
      assert.equal(all.includes(staff), false, `${staff} is not in the bundle`);
  });

  it('replaces the children’s names in free text and says so', () => {
    assert.equal(/Inventedchild|Madeupsurname/i.test(all), false);
    assert.ok(file('support-plans.json').includes(`"${REDACTED_CHILD} needs help at school; ${REDACTED} helps."`));
    assert.ok(file('support-plan-items.json').includes(`Theraplay for ${REDACTED_CHILD} ${REDACTED_CHILD}`));
    assert.ok(result.redacted.some((r) => /names of the children matched or placed with the family, in free text \(5\)/.test(r)));
  });

  it('replaces the other applicant’s and the household’s other people’s names in free text, and keeps only the person’s own attendance', () => {
    assert.equal(/Made-up|Pretendcousin/.test(all), false);
    const sessions = JSON.parse(file('preparation-sessions.json')) as Record<string, unknown>[];
    assert.deepEqual(sessions[0]!.youAttended, true);
    assert.equal('attendance' in sessions[0]!, false);
    assert.ok(result.redacted.includes('preparation-sessions.json: whether the other applicant attended'));
  });

  it('says who asked for support as the person would, and lists free text to read before sending', () => {
    const requests = JSON.parse(file('support-requests.json')) as { from: string }[];
    assert.deepEqual(
      requests.map((r) => r.from),
      ['you', REDACTED, 'the agency'],
    );
    for (const name of [
      'preparation-sessions.json',
      'support-plans.json',
      'support-plan-items.json',
      'support-sessions.json',
      'support-requests.json',
      'documents/',
    ])
      assert.ok(
        result.forReview.some((r) => r.startsWith(name)),
        `${name} is listed for review`,
      );
  });

  it('masks whole words only, in any case, and counts them', () => {
    assert.deepEqual(maskNames('Ann met ANN and Annabel; ann-marie', ['Ann'], 'X'), { text: 'X met X and Annabel; X-marie', count: 3 });
    assert.deepEqual(maskNames('Siôn and Siân', ['Siân'], 'X'), { text: 'Siôn and X', count: 1 });
    assert.deepEqual(maskNames('Nothing to hide', [null, 'A', ''], 'X'), { text: 'Nothing to hide', count: 0 });
  });

  it('never masks the person’s own names, though the adopted child shares their surname', () => {
    assert.deepEqual(maskNames('Inventedchild Person and Invented Person', ['Inventedchild Person'], 'X', ['Invented', 'PERSON']), {
      text: 'X Person and Invented Person',
      count: 1,
    });
    const shared = redactForPerson({
      applicant: me,
      support: {
        plans: [{ id: 'plan-1', needsSummary: 'Newchild Person settles with Invented Person' }],
        planItems: [],
        sessions: [],
        requests: [],
        events: [],
      },
      childNames: ['Newchild', 'Newchild Person'],
      audit: [],
    });
    assert.match(
      shared.files.find((f) => f.name === 'support-plans.json')!.content.toString(),
      /\[redacted: a child’s name\] Person settles with Invented Person/,
    );
  });
});

describe('subject access: a member of staff’s satisfaction answers', () => {
  it('writes their answers with a comment listed for review, and writes no file when they answered none', () => {
    const satisfaction = {
      authorityAnswers: [
        { id: 'a1', submittedOn: '2025-06-10', statements: [{ statement: 'Kept informed', answer: 4 }], overallScore: 28, comment: 'Went well' },
      ],
      workerQuestionnairesAnswered: [{ questionnaire: 'Workers’ satisfaction questionnaire', financialYear: '2025-26' }],
    };
    const result = redactForPerson({ account: { id: 'u1', email: 'staff@example.invalid' }, satisfaction, audit: [] });
    const file = result.files.find((f) => f.name === 'satisfaction.json')!;
    assert.deepEqual(JSON.parse(String(file.content)), satisfaction);
    assert.ok(result.forReview.some((r) => r.startsWith('satisfaction.json')));
    const none = redactForPerson({ account: { id: 'u2' }, satisfaction: { authorityAnswers: [], workerQuestionnairesAnswered: [] }, audit: [] });
    assert.equal(
      none.files.some((f) => f.name === 'satisfaction.json'),
      false,
    );
  });

  it('says in the README’s closing words that a worker’s anonymous answers cannot be found by person', () => {
    const [readme] = bundle('u1', new Date('2026-01-01T00:00:00Z'), redactForPerson({ account: { id: 'u1' }, audit: [] }));
    assert.match(String(readme!.content), /anonymous by design: they hold no person, no day and no time, so they cannot be found by person/);
  });
});
