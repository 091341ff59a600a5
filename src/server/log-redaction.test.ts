import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loggedUrl } from './log-redaction.ts';

describe('the address a request log line shows', () => {
  it('hides the token of an invitation link and of a calendar feed', () => {
    assert.equal(loggedUrl('/invitations/abc_DEF-123'), '/invitations/:token');
    assert.equal(loggedUrl('/invitations/abc_DEF-123?lang=cy'), '/invitations/:token?…');
    assert.equal(loggedUrl('/calendar/s3cr3t-feed.ics'), '/calendar/:token.ics');
  });

  it('keeps the path of other pages and drops what a query says', () => {
    assert.equal(loggedUrl('/children/5b0c/recommendations'), '/children/5b0c/recommendations');
    assert.equal(loggedUrl('/admin/users?email=morwenna%40example.test'), '/admin/users?…');
  });
});
