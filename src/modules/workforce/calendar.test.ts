import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from '../../platform/i18n/i18n.ts';
import { calendarText, childReference, FEED_TOKEN } from './calendar.ts';
import type { DiaryEntry } from './my-work.ts';

const meeting: DiaryEntry = {
  kind: 'tac_meeting',
  id: '3f1c2b9a-6d4e-4f8a-9b7c-0123456789ab',
  startsAt: new Date('2026-06-02T09:00:00Z'),
  endsAt: new Date('2026-06-02T10:30:00Z'),
  references: [childReference('a1b2c3d4-0000-4000-8000-000000000001')],
  namesForPage: ['Testchild Fictional'],
  detail: null,
  mode: null,
  status: 'planned',
  href: '/tac/3f1c2b9a-6d4e-4f8a-9b7c-0123456789ab',
};
const session: DiaryEntry = {
  kind: 'support_session',
  id: '5e6f7a8b-0000-4000-8000-000000000002',
  startsAt: new Date('2026-06-03T13:00:00Z'),
  endsAt: new Date('2026-06-03T14:00:00Z'),
  references: ['AT-2026-00012'],
  namesForPage: ['Test Applicant'],
  detail: 'theraplay',
  mode: 'video',
  status: 'cancelled',
  href: null,
};

/** Unfolds RFC 5545 folded lines so assertions see whole properties. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

describe('the calendar feed', () => {
  it('is an iCalendar with one event per meeting and session, with stable UIDs and UTC times', () => {
    const text = unfold(
      calendarText({
        entries: [meeting, session],
        t: translator('en'),
        baseUrl: 'https://service.example',
        now: new Date('2026-06-01T08:00:00Z'),
        host: 'service.example',
      }),
    );
    assert.match(text, /^BEGIN:VCALENDAR\r\n/);
    assert.equal(text.match(/BEGIN:VEVENT/g)?.length, 2);
    assert.match(text, /UID:tac_meeting-3f1c2b9a-6d4e-4f8a-9b7c-0123456789ab@service\.example/);
    assert.match(text, /DTSTART:20260602T090000Z/);
    assert.match(text, /DTEND:20260602T103000Z/);
    assert.match(text, /SUMMARY:Team Around the Child meeting \(A1B2C3D4\)/);
    assert.match(text, /URL(;VALUE=URI)?:https:\/\/service\.example\/tac\/3f1c2b9a/);
    assert.match(text, /SUMMARY:Support session: Theraplay \(AT-2026-00012\)/);
    assert.match(text, /STATUS:CANCELLED/);
    assert.match(text, /CLASS:PRIVATE/);
    assert.ok(!text.includes('Testchild') && !text.includes('Fictional') && !text.includes('Test Applicant'), 'names stay on the pages');
  });

  it('speaks the person’s language', () => {
    const text = unfold(calendarText({ entries: [meeting], t: translator('cy'), baseUrl: null, now: new Date(), host: 'localhost' }));
    assert.match(text, /SUMMARY:Cyfarfod Tîm o Amgylch y Plentyn \(A1B2C3D4\)/);
  });

  it('knows a token from anything else in the address', () => {
    assert.ok(FEED_TOKEN.test('a'.repeat(43)));
    assert.ok(!FEED_TOKEN.test('3f1c2b9a-6d4e-4f8a-9b7c-0123456789ab'));
    assert.ok(!FEED_TOKEN.test(`${'a'.repeat(42)}.`));
  });
});
