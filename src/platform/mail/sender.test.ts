import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { developmentSender, linksIn } from './sender.ts';

describe('the development sender', () => {
  it('writes who would receive what, with the links, to the log', async () => {
    const lines: { object: Record<string, unknown>; message: string }[] = [];
    const sender = developmentSender({ info: (object, message) => lines.push({ object, message }) });
    await sender.send({
      id: 'o1',
      recipient: 'morwenna@example.test',
      language: 'cy',
      template: 'portal.invitation',
      subject: 'Dilynwch eich cais mabwysiadu ar-lein',
      body: 'Helo Morwenna,\n\nhttp://localhost:3000/invitations/abc_DEF-123?lang=cy\n\nDiolch',
    });
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!.message, 'e-mail to morwenna@example.test: Dilynwch eich cais mabwysiadu ar-lein');
    assert.deepEqual(lines[0]!.object.links, ['http://localhost:3000/invitations/abc_DEF-123?lang=cy']);
  });

  it('finds every link in a plain-text body', () => {
    assert.deepEqual(linksIn('one https://a.test/x and\nhttp://b.test/y?z=1\n'), ['https://a.test/x', 'http://b.test/y?z=1']);
    assert.deepEqual(linksIn('no links here'), []);
  });
});
