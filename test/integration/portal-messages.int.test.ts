import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inActorTransaction } from '../../src/platform/db/transaction.ts';
import { fixturesActor } from '../support/system.ts';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { applicants, households } from '../../src/modules/recruitment/schema.ts';
import { sql } from 'drizzle-orm';
import { Browser, startTestApp, type TestApp, type TestUser } from '../support/app.ts';

const PDF = Buffer.from('%PDF-1.4\n% synthetic test document\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

/**
 * The portal between a family and its workers: messages with attachments and read receipts, the
 * documents asked for and shared, and the walls between households and between workers.
 */
describe('portal messages and documents', () => {
  let t: TestApp;
  let agency: string;
  let workerA: TestUser;
  let workerB: TestUser;
  let manager: TestUser;
  let adopter1: TestUser;
  let adopter2: TestUser;
  let home1: string;
  let family1: Browser;
  let family2: Browser;
  let browserA: Browser;
  let browserB: Browser;
  const events: { name: string; payload: Record<string, unknown> }[] = [];
  const today = () => dateInWales(new Date());
  let sequence = 0;

  async function household(socialWorkerId: string, adopter: TestUser) {
    return inActorTransaction(t.database.db, fixturesActor(), async (tx) => {
      const [row] = await tx
        .insert(households)
        .values({
          organisationId: agency,
          reference: `AT-MSG-${String(++sequence).padStart(5, '0')}`,
          stage: 'stage1',
          stageSince: addMonths(today(), -1),
          stage1Date: addMonths(today(), -1),
          enquiryDate: addMonths(today(), -3),
          email: adopter.email,
          preferredLanguage: 'en',
          socialWorkerId,
          adopterUserIds: [adopter.id],
        })
        .returning();
      await tx.insert(applicants).values({
        householdId: row!.id,
        organisationId: agency,
        givenNames: `Synthetic${sequence}`,
        familyName: 'Testfamily',
        email: adopter.email,
        preferredLanguage: 'en',
        userId: adopter.id,
      });
      return row!.id;
    });
  }

  /** A multipart form as a browser sends it, with one file. */
  async function upload(browser: Browser, url: string, fields: Record<string, string>, file?: { name: string; bytes: Buffer }, csrfFrom = url) {
    const csrf = await browser.csrfFrom(csrfFrom);
    const boundary = '----together-portal-boundary';
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries({ _csrf: csrf, ...fields })) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
    if (file) {
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      );
      parts.push(file.bytes, Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: browser.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat(parts),
    });
  }

  const threadIdOf = (location: unknown) => /\/messages\/([0-9a-f-]{36})/.exec(String(location))?.[1] ?? assert.fail(`no thread in ${String(location)}`);

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    workerA = await t.user(['social_worker'], agency);
    workerB = await t.user(['social_worker'], agency);
    manager = await t.user(['service_manager'], agency);
    adopter1 = await t.user(['adopter'], agency);
    adopter2 = await t.user(['adopter'], agency);
    home1 = await household(workerA.id, adopter1);
    await household(workerB.id, adopter2);
    family1 = await t.signIn(adopter1);
    family2 = await t.signIn(adopter2);
    browserA = await t.signIn(workerA);
    browserB = await t.signIn(workerB);
    t.services.runner.events.subscribe('portal.messageReceived', (_tx, _ctx, payload) => {
      events.push({ name: 'portal.messageReceived', payload });
      return Promise.resolve();
    });
    t.services.runner.events.subscribe('portal.documentRequested', (_tx, _ctx, payload) => {
      events.push({ name: 'portal.documentRequested', payload });
      return Promise.resolve();
    });
  });
  after(async () => t.close());

  describe('a family writes to its worker with an attachment, and the worker answers', () => {
    let threadId: string;
    let messageId: string;

    before(async () => {
      const sent = await upload(
        family1,
        '/my-application/messages/new',
        { subject: 'Our medical appointment', body: 'The GP has the form now.' },
        { name: 'letter.pdf', bytes: PDF },
      );
      assert.equal(sent.statusCode, 303, sent.body.slice(0, 500));
      threadId = threadIdOf(sent.headers.location);
    });

    it('publishes portal.messageReceived for the household’s worker, with ids only', () => {
      const event = events.find((e) => e.name === 'portal.messageReceived' && e.payload.threadId === threadId);
      assert.ok(event);
      assert.deepEqual(event.payload.recipientUserIds, [workerA.id]);
      assert.equal(event.payload.toFamily, false);
      assert.equal(event.payload.householdId, home1);
      messageId = String(event.payload.messageId);
      assert.ok(!JSON.stringify(event.payload).includes('GP'), 'no message text in the event');
    });

    it('shows the thread to the allocated worker and to no other worker', async () => {
      const inbox = await browserA.get('/portal/messages');
      assert.equal(inbox.statusCode, 200);
      assert.match(inbox.body, /Our medical appointment/);
      const other = await browserB.get('/portal/messages');
      assert.doesNotMatch(other.body, /Our medical appointment/);
      assert.equal((await browserB.get(`/portal/messages/${threadId}`)).statusCode, 404);
      assert.equal((await browserB.get(`/portal/messages/${threadId}/attachments/${messageId}`)).statusCode, 404);
    });

    it('keeps another household out of the thread and its attachment (404)', async () => {
      assert.equal((await family2.get(`/my-application/messages/${threadId}`)).statusCode, 404);
      assert.equal((await family2.get(`/my-application/messages/${threadId}/attachments/${messageId}`)).statusCode, 404);
      const list = await family2.get('/my-application/messages');
      assert.doesNotMatch(list.body, /Our medical appointment/);
      const reply = await family2.post(`/my-application/messages/${threadId}`, { body: 'Not my thread' }, { csrfFrom: '/my-application/messages' });
      assert.equal(reply.statusCode, 404);
    });

    it('row-level security alone shows an adopter only their own household’s messages', async () => {
      const actor = {
        kind: 'user' as const,
        userId: adopter2.id,
        organisationId: agency,
        organisationType: 'agency' as const,
        roles: ['adopter' as const],
        name: 'x',
      };
      const rows = await inActorTransaction(t.database.db, actor, (tx) => tx.execute(sql`select count(*)::int as n from portal_messages`));
      assert.equal((rows.rows[0] as { n: number }).n, 0);
      const docs = await inActorTransaction(t.database.db, actor, (tx) => tx.execute(sql`select count(*)::int as n from document_parts`));
      assert.equal((docs.rows[0] as { n: number }).n, 0);
    });

    it('lets the worker read, download the attachment, and answer; the family then reads the answer', async () => {
      const page = await browserA.get(`/portal/messages/${threadId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /The GP has the form now\./);
      const file = await browserA.get(`/portal/messages/${threadId}/attachments/${messageId}`);
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'application/pdf');
      assert.deepEqual(file.rawPayload, PDF);
      const answered = await browserA.post(
        `/portal/messages/${threadId}`,
        { body: 'Thank you, I will call the surgery.' },
        { csrfFrom: `/portal/messages/${threadId}` },
      );
      assert.equal(answered.statusCode, 303);
      assert.match((await browserA.get(`/portal/messages/${threadId}`)).body, /Not read by the family yet/);
      const familyView = await family1.get(`/my-application/messages/${threadId}`);
      assert.match(familyView.body, /I will call the surgery/);
      assert.match((await browserA.get(`/portal/messages/${threadId}`)).body, /Read by the family/);
      const audited = await t.database.adminQuery(
        `select count(*)::int as n from audit_log where action = 'portalMessages.view' and resource_type = 'document'`,
      );
      assert.ok(audited.rows[0].n >= 1, 'the attachment read is audited');
    });

    it('lets the service manager hand the thread to another worker, who may then open it', async () => {
      const managerBrowser = await t.signIn(manager);
      const page = await managerBrowser.get(`/portal/messages/${threadId}`);
      assert.equal(page.statusCode, 200);
      const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? assert.fail('no reassign form');
      const moved = await managerBrowser.post(
        `/portal/messages/${threadId}/reassign`,
        { workerId: workerB.id, version },
        { csrfFrom: `/portal/messages/${threadId}` },
      );
      assert.equal(moved.statusCode, 303);
      assert.equal((await browserB.get(`/portal/messages/${threadId}`)).statusCode, 200);
      assert.equal(
        (await browserA.post(`/portal/messages/${threadId}/reassign`, { workerId: workerA.id, version: '2' }, { csrfFrom: `/portal/messages/${threadId}` }))
          .statusCode,
        403,
      );
    });
  });

  describe('documents asked for, sent, checked and shared', () => {
    let requestId: string;

    before(async () => {
      const asked = await browserA.post(
        `/households/${home1}/portal-documents/request`,
        { kind: 'proof_of_identity', note: 'A passport or driving licence' },
        { csrfFrom: `/households/${home1}/portal-documents` },
      );
      assert.equal(asked.statusCode, 303, asked.body.slice(0, 400));
      const event = events.find((e) => e.name === 'portal.documentRequested' && e.payload.householdId === home1);
      if (!event) assert.fail('no portal.documentRequested event');
      requestId = String(event.payload.portalDocumentId);
    });

    it('keeps a household’s documents from other workers and other households', async () => {
      assert.equal((await browserB.get(`/households/${home1}/portal-documents`)).statusCode, 404);
      assert.doesNotMatch((await family2.get('/my-application/documents')).body, /A passport or driving licence/);
      assert.match((await family1.get('/my-application/documents')).body, /A passport or driving licence/);
      const home = await family1.get('/my-application');
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /Send us your Proof of identity/);
    });

    it('refuses a file of another type (415), an empty one (400) and one over 10 MB (413) with a clear message', async () => {
      const csrfFrom = '/my-application/documents';
      const wrongType = await upload(
        family1,
        `/my-application/documents/${requestId}`,
        { version: '1' },
        { name: 'passport.pdf', bytes: Buffer.from('MZ not really a pdf') },
        csrfFrom,
      );
      assert.equal(wrongType.statusCode, 415);
      assert.match(wrongType.body, /must be a PDF, a JPG or PNG picture, or a Word document/);
      const empty = await upload(family1, `/my-application/documents/${requestId}`, { version: '1' }, { name: 'empty.pdf', bytes: Buffer.alloc(0) }, csrfFrom);
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Select a file/);
      const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]);
      const tooBig = await upload(family1, `/my-application/documents/${requestId}`, { version: '1' }, { name: 'huge.pdf', bytes: big }, csrfFrom);
      assert.equal(tooBig.statusCode, 413);
      assert.match(tooBig.body, /smaller than 10 MB/);
      const welsh = await upload(
        family1,
        `/my-application/documents/${requestId}?lang=cy`,
        { version: '1' },
        { name: 'x.pdf', bytes: Buffer.from('<html>') },
        csrfFrom,
      );
      assert.equal(welsh.statusCode, 415);
      assert.match(welsh.body, /Rhaid i’r ffeil a ddewiswyd fod yn PDF/);
    });

    it('takes the family’s file, lets the worker ask again with a reason, then accept the new version', async () => {
      const sent = await upload(
        family1,
        `/my-application/documents/${requestId}`,
        { version: '1' },
        { name: 'passport.pdf', bytes: PDF },
        '/my-application/documents',
      );
      assert.equal(sent.statusCode, 303, sent.body.slice(0, 400));
      const again = await browserA.post(
        `/households/${home1}/portal-documents/${requestId}/review`,
        { decision: 'ask_again', reason: 'The photo page is cut off', version: '2' },
        { csrfFrom: `/households/${home1}/portal-documents` },
      );
      assert.equal(again.statusCode, 303, again.body.slice(0, 400));
      assert.ok(events.some((e) => e.name === 'portal.documentRequested' && e.payload.portalDocumentId === requestId && e.payload.again === true));
      assert.match((await family1.get('/my-application/documents')).body, /The photo page is cut off/);
      const resent = await upload(
        family1,
        `/my-application/documents/${requestId}`,
        { version: '3' },
        { name: 'passport-2.pdf', bytes: Buffer.concat([PDF, Buffer.from('% second scan\n')]) },
        '/my-application/documents',
      );
      assert.equal(resent.statusCode, 303);
      const accepted = await browserA.post(
        `/households/${home1}/portal-documents/${requestId}/review`,
        { decision: 'accept', version: '4' },
        { csrfFrom: `/households/${home1}/portal-documents` },
      );
      assert.equal(accepted.statusCode, 303);
      const versions = await t.database.adminQuery(
        'select v.version from document_versions v join portal_documents p on p.document_id = v.document_id where p.id = $1 order by v.version',
        [requestId],
      );
      assert.deepEqual(
        versions.rows.map((r) => r.version),
        [1, 2],
      );
      assert.equal((await family2.get(`/my-application/documents/${requestId}/file`)).statusCode, 404);
    });

    it('shares a document with the family, who downloads it; bytes changed in storage are refused', async () => {
      const shared = await upload(
        browserA,
        `/households/${home1}/portal-documents/share`,
        { kind: 'transition_plan', note: 'For our meeting' },
        { name: 'plan.pdf', bytes: PDF },
        `/households/${home1}/portal-documents`,
      );
      assert.equal(shared.statusCode, 303, shared.body.slice(0, 400));
      const row = await t.database.adminQuery(`select id, document_id from portal_documents where household_id = $1 and kind = 'transition_plan'`, [home1]);
      const { id, document_id: documentId } = row.rows[0] as { id: string; document_id: string };
      const good = await family1.get(`/my-application/documents/${id}/file`);
      assert.equal(good.statusCode, 200);
      assert.deepEqual(good.rawPayload, PDF);
      await t.database.adminQuery(`update document_parts set bytes = overlay(bytes placing '\\x58'::bytea from 10) where document_id = $1`, [documentId]);
      const tampered = await family1.get(`/my-application/documents/${id}/file`);
      assert.equal(tampered.statusCode, 500);
      assert.match(tampered.body, /has changed since it was stored/);
      assert.notEqual(tampered.headers['content-type'], 'application/pdf');
      const audit = await t.database.adminQuery(
        `select outcome, detail from audit_log where resource_type = 'document' and resource_id = $1 and outcome = 'error'`,
        [documentId],
      );
      assert.equal(audit.rows.length, 1, 'the refused read is audited');
      assert.equal(audit.rows[0].detail.reason, 'checksum-mismatch');
    });
  });
});
