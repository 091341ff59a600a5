import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { developmentSender, smtpSender, type OutgoingEmail } from './sender.ts';

const invitation: OutgoingEmail = {
  id: 'o1',
  recipient: 'morwenna@example.test',
  language: 'cy',
  template: 'portal.invitation',
  subject: 'Dilynwch eich cais mabwysiadu ar-lein',
  body: 'Helo Morwenna,\n\nhttp://localhost:3000/invitations/abc_DEF-123?lang=cy\n\nDiolch',
};

describe('the development sender', () => {
  it('names the outbox row and its template in the log, never the address or a link', async () => {
    const lines: { object: Record<string, unknown>; message: string }[] = [];
    const sender = developmentSender({ info: (object, message) => lines.push({ object, message }) });
    await sender.send(invitation);
    assert.equal(lines.length, 1);
    assert.deepEqual(lines[0]!.object, { outboxId: 'o1', template: 'portal.invitation' });
    const written = JSON.stringify(lines);
    for (const secret of ['morwenna', 'example.test', 'http', 'invitations', 'abc_DEF-123', 'Helo', 'Dilynwch']) {
      assert.ok(!written.includes(secret), `the log holds "${secret}": ${written}`);
    }
  });
});

describe('the SMTP sender', () => {
  type Received = { from: string; to: string[]; data: string };
  const received: Received[] = [];
  // A real SMTP listener on the loopback address, for this test only.
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  let port = 0;
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('delivers the message to the relay, from MAIL_FROM to the recipient', async () => {
    const sender = await smtpSender({ url: `smtp://127.0.0.1:${port}`, from: 'Adopting Together <no-reply@agency.example>' });
    try {
      await sender.send(invitation);
    } finally {
      sender.close?.();
    }
    assert.equal(received.length, 1);
    const message = received[0]!;
    assert.equal(message.from, 'no-reply@agency.example');
    assert.deepEqual(message.to, ['morwenna@example.test']);
    assert.match(message.data, /^Content-Language: cy\r?$/im);
    assert.match(message.data, /^X-Outbox-Id: o1\r?$/im);
    assert.ok(message.data.includes('http://localhost:3000/invitations/abc_DEF-123?lang=cy'), message.data);
  });

  it('throws when the relay cannot be reached, so the outbox tries again later', async () => {
    const closed = new SMTPServer({ logger: false });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const sender = await smtpSender({ url: `smtp://127.0.0.1:${deadPort}`, from: 'no-reply@agency.example' });
    try {
      await assert.rejects(sender.send(invitation));
    } finally {
      sender.close?.();
    }
  });
});
