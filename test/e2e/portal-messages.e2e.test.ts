import { it } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from './support/browser.ts';
import { inActorTransaction } from '../../src/platform/db/transaction.ts';
import { fixturesActor } from '../support/system.ts';
import { applicants, households } from '../../src/modules/recruitment/schema.ts';
import { startTestApp, TEST_PASSWORD } from '../support/app.ts';

/** The family's portal pages at 320 px and on a desktop, in English and Welsh: no horizontal scroll (screenshots in /work/notes/shots when it exists). */
it('shows the family’s messages, documents and home at 320 px with no horizontal scroll, in both languages', async () => {
  const t = await startTestApp();
  try {
    const agency = await t.organisation('agency', 'agency');
    const worker = await t.user(['social_worker'], agency);
    const adopter = await t.user(['adopter'], agency);
    const hh = await inActorTransaction(t.database.db, fixturesActor(), async (tx) => {
      const [row] = await tx
        .insert(households)
        .values({
          organisationId: agency,
          reference: 'AT-SHOT-00001',
          stage: 'stage1',
          stageSince: '2026-11-01',
          stage1Date: '2026-11-01',
          enquiryDate: '2026-09-01',
          email: adopter.email,
          preferredLanguage: 'en',
          socialWorkerId: worker.id,
          adopterUserIds: [adopter.id],
        })
        .returning();
      await tx.insert(applicants).values({
        householdId: row!.id,
        organisationId: agency,
        givenNames: 'Morwenna',
        familyName: 'Testfamily',
        email: adopter.email,
        preferredLanguage: 'en',
        userId: adopter.id,
      });
      return row!.id;
    });
    const wctx = {
      ...t.system,
      actor: {
        kind: 'user' as const,
        userId: worker.id,
        organisationId: agency,
        organisationType: 'agency' as const,
        roles: ['social_worker' as const],
        name: 'W',
      },
    };
    await t.services.portalDocuments.request(wctx, hh, { kind: 'proof_of_identity', note: 'A passport or driving licence', dueOn: '2026-12-20' });
    const actx = {
      ...t.system,
      actor: { kind: 'user' as const, userId: adopter.id, organisationId: agency, organisationType: 'agency' as const, roles: ['adopter' as const], name: 'A' },
    };
    const { threadId } = await t.services.conversations.startThread(actx, {
      subject: 'Our medical appointment',
      body: 'The GP has the form now.',
      file: { filename: 'letter-from-the-gp-with-a-long-name.pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') },
    });
    await t.services.conversations.reply(wctx, threadId, { body: 'Thank you, I will call the surgery this week.' });
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const browser = await launchChromium();
    const page = await browser.newPage();
    await page.goto(`${address}/sign-in`);
    await page.fill('#email', adopter.email);
    await page.fill('#password', TEST_PASSWORD);
    await page.click('button[type=submit]');
    for (const [name, path] of [
      ['home', '/my-application'],
      ['thread', `/my-application/messages/${threadId}`],
      ['documents', '/my-application/documents'],
    ] as const) {
      for (const lang of ['en', 'cy']) {
        for (const [size, width] of [
          ['320', 320],
          ['desktop', 1280],
        ] as const) {
          await page.setViewportSize({ width, height: 900 });
          await page.goto(`${address}${path}?lang=${lang}`);
          const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.equal(scroll, 0, `${name} (${lang}, ${size}) scrolls sideways`);
          if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/messages-${name}-${lang}-${size}.png`, fullPage: true });
        }
      }
    }
    await browser.close();
  } finally {
    await t.close();
  }
});
