import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { contentLanguage, developmentSender, httpApiSender, senderFor, smtpSender, type OutgoingEmail } from './sender.ts';
import { retryDelayMinutes } from './outbox.ts';

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

describe('the HTTP e-mail API sender', () => {
  it('posts the message as JSON with the bearer token, and throws (naming the status only) when refused', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    let status = 202;
    const fakeFetch = ((url: string, init: RequestInit) => {
      calls.push({ url, init });
      return Promise.resolve(new Response(null, { status }));
    }) as unknown as typeof fetch;
    const sender = httpApiSender({ url: 'https://mail.example/send', token: 'secret-token-1', from: 'no-reply@agency.example' }, fakeFetch);
    await sender.send(invitation);
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.url, 'https://mail.example/send');
    const headers = calls[0]!.init.headers as Record<string, string>;
    assert.equal(headers.authorization, 'Bearer secret-token-1');
    assert.equal(headers['idempotency-key'], 'o1');
    const body = JSON.parse(calls[0]!.init.body as string) as Record<string, string>;
    assert.deepEqual(
      { to: body.to, from: body.from, language: body.language, subject: body.subject },
      { to: 'morwenna@example.test', from: 'no-reply@agency.example', language: 'cy', subject: invitation.subject },
    );
    status = 500;
    await assert.rejects(sender.send(invitation), (e: Error) => e.message === 'the e-mail API answered 500');
  });

  it('names both languages, Welsh first, on a message in both', () => {
    assert.equal(contentLanguage('cy+en'), 'cy, en');
    assert.equal(contentLanguage('en'), 'en');
  });
});

describe('choosing the sender', () => {
  it('never sends in the demo, whatever the configuration says', async () => {
    const sender = await senderFor({ mail: { kind: 'smtp', url: 'smtp://127.0.0.1:1', from: 'a@b.example' } }, { info: () => {} }, { demo: true });
    assert.equal(sender.name, 'development-log');
    const api = await senderFor({ mail: { kind: 'http', url: 'https://mail.example/send', token: 'secret-token-1', from: 'a@b.example' } }, { info: () => {} });
    assert.equal(api.name, 'http-api');
  });
});

describe('retrying with back-off', () => {
  it('waits twice as long after each failure, never more than a day', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => retryDelayMinutes(n)),
      [5, 10, 20, 40],
    );
    assert.equal(retryDelayMinutes(20), 24 * 60);
    assert.equal(retryDelayMinutes(0), 0);
  });
});
