import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from '../../platform/i18n/i18n.ts';
import { householdTrainingView, type HouseholdTraining } from './record.ts';

const record: HouseholdTraining = {
  householdId: 'h1',
  reference: 'AT-2026-00001',
  requiredCourses: [{ id: 'c2', title: 'Day 2', titleCy: 'Diwrnod 2' }],
  applicants: [
    {
      applicantId: 'a1',
      name: 'Ffion <Example>',
      preferredLanguage: 'cy',
      stage1Complete: false,
      missingRequiredCourses: [{ id: 'c2', title: 'Day 2', titleCy: 'Diwrnod 2' }],
      bookings: [
        {
          bookingId: 'b1',
          courseId: 'c1',
          courseTitle: 'Trauma & safety',
          courseTitleCy: 'Trawma a diogelwch',
          courseKind: 'therapeutic_preparation',
          requiredForStage1: false,
          sessionId: 's1',
          startsAt: new Date('2026-07-01T09:00:00Z'),
          endsAt: new Date('2026-07-01T12:00:00Z'),
          venue: 'Hall',
          status: 'booked',
          attendance: 'attended',
          certificateNumber: 'TRN-2026-000001',
          certificateIssuedOn: '2026-07-02',
        },
      ],
    },
  ],
};

describe('the household training record as a table', () => {
  it('speaks the page’s language: Welsh titles, dates and words', () => {
    const view = householdTrainingView(record, translator('cy'), 'cy');
    const [row] = view.applicants[0]!.rows;
    assert.equal(row![0]!.html, 'Trawma a diogelwch');
    assert.equal(row![1]!.text, 'Dydd Mercher 1 Gorffennaf 2026, 10:00 i 13:00');
    assert.match(row![3]!.html!, /Yn bresennol/);
    assert.match(row![4]!.html!, /TRN-2026-000001<br><span class="govuk-body-s">2 Gorffennaf 2026/);
    assert.deepEqual(view.applicants[0]!.missing, ['Diwrnod 2']);
    assert.match(view.applicants[0]!.stage1Html, /Heb ei gwblhau/);
  });

  it('escapes what people typed, and links sessions and certificates only for staff pages', () => {
    const adopterView = householdTrainingView(record, translator('en'), 'en');
    assert.equal(adopterView.applicants[0]!.rows[0]![0]!.html, 'Trauma &amp; safety');
    assert.doesNotMatch(JSON.stringify(adopterView), /href=/);
    const staffView = householdTrainingView(record, translator('en'), 'en', { links: true });
    assert.match(staffView.applicants[0]!.rows[0]![0]!.html!, /href="\/sessions\/s1"/);
    assert.match(staffView.applicants[0]!.rows[0]![4]!.html!, /href="\/certificates\/b1"/);
    assert.equal(staffView.applicants[0]!.caption, 'Training of Ffion <Example>', 'the caption is text, escaped by the template');
  });
});
