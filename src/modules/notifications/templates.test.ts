import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NOTIFICATION_EVENTS } from './rules.ts';
import { composeDigest, composeNotification } from './templates.ts';

describe('the template chosen for a notification', () => {
  it('writes a Welsh acknowledgement to a family who enquired in Welsh', () => {
    const mail = composeNotification('enquiryAcknowledged', 'cy', { name: 'Morwenna' });
    assert.equal(mail.language, 'cy');
    assert.equal(mail.template, 'notifications.enquiryAcknowledged');
    assert.equal(mail.subject, 'Rydym wedi cael eich ymholiad am fabwysiadu');
    assert.match(mail.body, /^Helo Morwenna,/);
    assert.ok(!mail.body.includes('Thank you'), 'no English in a Welsh message');
  });

  it('writes in English to someone who prefers English', () => {
    const mail = composeNotification('stageChanged', 'en', { stage: 'approved' });
    assert.equal(mail.language, 'en');
    assert.match(mail.body, /now at this stage: Approved/);
    assert.ok(!mail.body.includes('Helo'));
  });

  it('writes both languages, Welsh first, when the language is not known', () => {
    const mail = composeNotification('stageChanged', null, { stage: 'approved' });
    assert.equal(mail.language, 'cy+en');
    assert.equal(mail.subject, 'Mae eich cais mabwysiadu wedi symud i gam newydd / Your adoption application has moved to a new stage');
    const welsh = mail.body.indexOf('Mae eich cais bellach');
    const english = mail.body.indexOf('Your application is now');
    assert.ok(welsh >= 0 && english > welsh, 'the Welsh comes first');
  });

  it('puts codes into words and dates into the reader’s calendar', () => {
    const cy = composeNotification('trainingBooked', 'cy', { course: 'Preparing to adopt', courseCy: 'Paratoi i fabwysiadu', date: '2026-07-01' });
    assert.match(cy.body, /Paratoi i fabwysiadu ar 1 Gorffennaf 2026/);
    const en = composeNotification('checkReceived', 'en', { check: 'dbs' });
    assert.match(en.body, /this check: DBS check\./);
  });

  it('names the inviting agency in Welsh to a Welsh reader, and in each half’s own language when both are sent', () => {
    const data = { name: 'Morwenna', agency: 'Adopting Together', agencyCy: 'Mabwysiadu Gyda’n Gilydd', link: 'https://example.test/i', date: '2026-07-01' };
    assert.ok(composeNotification('invitation', 'cy', data).body.includes('Mabwysiadu Gyda’n Gilydd'));
    assert.ok(!composeNotification('invitation', 'cy', data).body.includes('Adopting Together'));
    const english = composeNotification('invitation', 'en', data).body;
    assert.ok(english.includes('Adopting Together') && !english.includes('Mabwysiadu Gyda’n Gilydd'));
    const both = composeNotification('invitation', null, data).body;
    const [welshHalf, englishHalf] = both.split(/\n-----.*-----\n/);
    assert.ok(welshHalf!.includes('Mabwysiadu Gyda’n Gilydd') && !welshHalf!.includes('Adopting Together'));
    assert.ok(englishHalf!.includes('Adopting Together') && !englishHalf!.includes('Mabwysiadu Gyda’n Gilydd'));
    // An agency with no Welsh name is named in English in the Welsh e-mail.
    assert.ok(composeNotification('invitation', 'cy', { ...data, agencyCy: undefined }).body.includes('Adopting Together'));
  });

  it('has a subject and a body in both languages for every event', () => {
    for (const event of NOTIFICATION_EVENTS) {
      for (const language of ['en', 'cy'] as const) {
        const mail = composeNotification(event, language, {});
        assert.ok(!mail.subject.includes('notifications:') && !mail.subject.includes('email.'), `${event} ${language}: ${mail.subject}`);
        assert.ok(!mail.body.includes('notifications:') && !/email\.\w/.test(mail.body), `${event} ${language}`);
      }
    }
  });

  it('gathers a digest under an introduction in the person’s language', () => {
    const digest = composeDigest('cy', [
      { subject: 'Un', body: 'Corff un' },
      { subject: 'Dau', body: 'Corff dau' },
    ]);
    assert.equal(digest.subject, 'Eich crynodeb dyddiol gan Mabwysiadu Gyda’n Gilydd');
    assert.match(digest.body, /\(2 neges\)/);
    assert.ok(digest.body.indexOf('Corff un') < digest.body.indexOf('Corff dau'));
  });
});
