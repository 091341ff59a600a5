import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { invitationEmail } from './emails.ts';

const input = {
  givenNames: 'Morwenna',
  agencyName: 'Adopting Together Demo',
  link: 'https://portal.example.test/invitations/abc123',
  expiresAt: new Date('2026-03-17T12:00:00Z'),
};

describe('the invitation e-mail', () => {
  it('is written in English for an applicant who prefers English, with the link and its last day', () => {
    const email = invitationEmail({ ...input, language: 'en' });
    assert.equal(email.language, 'en');
    assert.equal(email.template, 'portal.invitation');
    assert.equal(email.subject, 'Follow your adoption application online');
    assert.match(email.body, /^Hello Morwenna,/);
    assert.match(email.body, /\nhttps:\/\/portal\.example\.test\/invitations\/abc123\n/);
    assert.match(email.body, /until 17 March 2026/);
    assert.match(email.body, /Adopting Together Demo/);
  });

  it('is written wholly in Welsh for an applicant who prefers Welsh', () => {
    const email = invitationEmail({ ...input, language: 'cy' });
    assert.equal(email.language, 'cy');
    assert.equal(email.subject, 'Dilynwch eich cais mabwysiadu ar-lein');
    assert.match(email.body, /^Helo Morwenna,/);
    assert.match(email.body, /\nhttps:\/\/portal\.example\.test\/invitations\/abc123\n/);
    assert.match(email.body, /tan 17 Mawrth 2026/);
    assert.doesNotMatch(email.body, /Hello|your social worker|password/i);
  });

  it('says nothing about the application itself', () => {
    for (const language of ['en', 'cy'] as const) {
      const { body } = invitationEmail({ ...input, language });
      assert.doesNotMatch(body, /Stage|Cam \d|DBS|reference|geirda/i);
    }
  });
});
