import { AssertionError } from 'node:assert';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { DemoSignIn } from '../../src/demo.ts';
import type { Language } from '../../src/platform/i18n/i18n.ts';
import { allRoutes } from '../../src/server/registry.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';
import type { BrowserSession } from './support/session.ts';
import { escapeRegExp, plainPage, type PageClass, type ServicePage } from './support/pages/service-page.ts';
import { MyApplicationPage } from './support/pages/portal.ts';
import { expectVisible } from './support/wait.ts';

/**
 * The demo family and its worker in the portal, as people use it: the family writes with a
 * document attached, the worker reads it (and the attachment) and answers, the family reads the
 * answer; in English and in Welsh. Then every portal page the demo family can reach, found by
 * following the portal's own links and held against the routes the server registers, is checked
 * in both languages (axe, words, assets: BrowserSession.inspect) and at 320 CSS px wide, which is
 * a 1280 px window at 400% zoom (WCAG 1.4.10): nothing may scroll sideways.
 */

let suite: E2eSuite;
let signIns: DemoSignIn[];
let workerEmail: string;
const FAMILY = 'adopter@demo.invalid';

describe('portal-family (browser)', () => {
  before(async () => {
    suite = await openSuite('portal-family', { demo: true });
    signIns = suite.signIns;
    // The worker allocated to the demo family's household (the service manager when none is).
    const { rows } = await suite.t.database.adminQuery(
      `select coalesce(w.email, m.email) as email from households h join users a on a.id = any(h.adopter_user_ids)
       left join users w on w.id = h.social_worker_id
       left join users m on m.organisation_id = h.organisation_id and 'service_manager' = any(m.roles)
     where a.email = $1 limit 1`,
      [FAMILY],
    );
    workerEmail = rows[0].email as string;
  });
  afterEach(async () => suite?.endSessions());
  after(async () => {
    await suite?.close();
  });

  async function as(email: string, language: Language): Promise<BrowserSession> {
    const person = signIns.find((s) => s.email === email);
    assert.ok(person, `the demo has ${email}`);
    const session = await suite.session();
    session.language = language;
    await signIn(session, { email, password: person.password, totpSecret: person.totpKey }, `/sign-in?lang=${language}`);
    session.language = language;
    return session;
  }

  const at = (pattern: string) => new RegExp(`^${pattern}(\\?|#[\\w-]+|$)`);
  /** What people wrote (subjects, messages, names, file names) is stored data, not our words. */
  const THREAD_DATA = [
    '[data-testid="thread-subject"]',
    '[data-testid="message"] h2',
    '[data-testid="message-body"]',
    '[data-testid="attachment"]',
    '.govuk-caption-l',
  ];
  const FamilyThreadsPage = plainPage('family-threads', at('/my-application/messages'), 'portal:messages.title', ['[data-testid="thread"]']);
  const NewMessagePage = plainPage('new-message', at('/my-application/messages/new'), 'portal:messages.new.title', ['input', 'textarea']);
  const familyThread = (subject: string) =>
    plainPage('family-thread', at('/my-application/messages/[0-9a-f-]{36}'), new RegExp(`^${escapeRegExp(subject)}$`), THREAD_DATA);
  const StaffInboxPage = plainPage('staff-inbox', at('/portal/messages'), 'portal:messages.staffTitle', ['table td', '[data-testid="thread"]']);
  const staffThread = (subject: string) =>
    plainPage('staff-thread', at('/portal/messages/[0-9a-f-]{36}'), new RegExp(`^${escapeRegExp(subject)}$`), [...THREAD_DATA, 'select']);

  async function messageBodies(session: BrowserSession): Promise<string[]> {
    return (await session.page.getByTestId('message-body').allInnerTexts()).map((b) => b.trim());
  }

  describe('the family and its worker write to each other in the portal', () => {
    for (const language of ['en', 'cy'] as const) {
      it(`the family sends a message with a document, the worker reads it and answers, the family sees the answer (${language})`, async () => {
        const subject = language === 'cy' ? 'Ffurflen y meddyg teulu' : 'The GP’s form';
        const question = language === 'cy' ? 'Mae’r ffurflen feddygol wedi’i hatodi.' : 'The medical form is attached.';
        const answer = language === 'cy' ? 'Diolch, mae gen i hi. Byddaf yn ffonio ddydd Llun.' : 'Thank you, I have it. I will ring on Monday.';

        const family = await as(FAMILY, language);
        const threads = await family.open('/my-application/messages', FamilyThreadsPage);
        await threads.byTestId('new-message').click();
        const form = await family.expect(NewMessagePage);
        await form.page.getByLabel(form.t('portal:messages.new.subject'), { exact: true }).fill(subject);
        await form.page.getByLabel(form.t('portal:messages.body'), { exact: true }).fill(question);
        await form.page
          .getByLabel(form.t('portal:messages.attach'), { exact: true })
          .setInputFiles({ name: 'medical-form.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n') });
        await form.byTestId('send-message').click();
        const sent = await family.expect(familyThread(subject));
        assert.deepEqual(await messageBodies(family), [question]);
        await expectVisible(sent.byTestId('attachment'), 'the document the family attached');

        const worker = await as(workerEmail, language);
        const inbox = await worker.open('/portal/messages', StaffInboxPage);
        await inbox.page.getByRole('link', { name: subject }).first().click();
        const thread = await worker.expect(staffThread(subject));
        assert.deepEqual(await messageBodies(worker), [question]);
        // The worker opens the document: the stored bytes come back as a download.
        const download = await worker.page.request.get(await thread.href('[data-testid="attachment"]'));
        assert.equal(download.status(), 200);
        assert.match((await download.body()).toString('latin1'), /^%PDF-1\.4/);
        await thread.page.getByLabel(thread.t('portal:messages.body'), { exact: true }).fill(answer);
        await thread.byTestId('send-reply').click();
        await worker.expect(staffThread(subject));
        assert.deepEqual(await messageBodies(worker), [question, answer]);

        // The family reads the answer, marked as unread on its list until opened.
        const list = await family.open('/my-application/messages', FamilyThreadsPage);
        const row = list.byTestId('thread').filter({ hasText: subject });
        await expectVisible(row.getByTestId('unread'), 'the unread mark on the family’s thread');
        await row.getByRole('link').first().click();
        await family.expect(familyThread(subject));
        assert.deepEqual(await messageBodies(family), [question, answer]);
      });
    }
  });

  /** A portal page found by following links: any heading, the address it was found at; what people wrote is stored data. */
  const PORTAL_DATA = [
    ...new MyApplicationPage({} as BrowserSession).dataRegions,
    ...THREAD_DATA,
    'input',
    'textarea',
    'table td',
    '[data-testid="thread"]',
    'dd',
  ];
  const crawled = (name: string, pattern: RegExp): PageClass<ServicePage> => plainPage(name, pattern, /.+/, PORTAL_DATA);

  describe('every portal page the demo family can reach', () => {
    it('passes axe and speaks the reader’s language in English and Welsh, and does not scroll sideways at 320 CSS px (400% zoom)', async () => {
      const family = await as(FAMILY, 'en');
      // A conversation of its own, so the thread page is among those reached whatever ran before.
      const form = await family.open('/my-application/messages/new', NewMessagePage);
      await form.page.getByLabel(form.t('portal:messages.new.subject'), { exact: true }).fill('Our references');
      await form.page.getByLabel(form.t('portal:messages.body'), { exact: true }).fill('Both referees have the forms.');
      await form.byTestId('send-message').click();
      await family.expect(familyThread('Our references'));
      const routes = allRoutes(suite.t.services)
        .filter((r) => r.method === 'GET' && r.kind === 'page' && r.url.startsWith('/my-application'))
        .map((r) => r.url);
      const patternOf = (url: string) => new RegExp(`^${url.replace(/:[A-Za-z]+/g, '[^/?#]+').replace(/\./g, '\\.')}$`);
      const problems: string[] = [];
      const visited = new Map<string, string>();
      const queue = ['/my-application'];
      while (queue.length) {
        const href = queue.shift()!;
        const route = routes.find((r) => patternOf(r).test(href));
        if (!route || visited.has(href)) continue;
        // A file (an attachment, a shared document) is a download, not a page.
        const probe = await family.page.request.get(href);
        if (!String(probe.headers()['content-type']).startsWith('text/html')) {
          visited.set(href, route);
          continue;
        }
        visited.set(href, route);
        const name = `portal${route.replace(/^\/my-application/, '').replace(/[/:]+/g, '-') || '-home'}`;
        const Page = crawled(name, new RegExp(`^${escapeRegExp(href)}(\\?|#[\\w-]+|$)`));
        for (const language of ['en', 'cy'] as const) {
          family.language = language;
          try {
            await family.page.setViewportSize({ width: 1280, height: 800 });
            await family.open(`${href}?lang=${language}`, Page);
            await family.page.setViewportSize({ width: 320, height: 800 });
            // document.documentElement.scrollWidth <= innerWidth: nothing reaches past the window's right edge.
            const { scrollWidth, viewport } = await family.page.evaluate(() => ({
              scrollWidth: document.documentElement.scrollWidth,
              viewport: window.innerWidth,
            }));
            if (scrollWidth > viewport) {
              const wide = await family.page.evaluate(() =>
                [...document.querySelectorAll<HTMLElement>('body *')]
                  .filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5)
                  .slice(0, 5)
                  .map(
                    (el) =>
                      `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} (${Math.round(el.getBoundingClientRect().right)} px)`,
                  ),
              );
              problems.push(`${href} (${language}) is ${scrollWidth} px wide at 320: ${wide.join(', ')}`);
            }
            if (process.env.SHOTS_DIR) await family.page.screenshot({ path: `${process.env.SHOTS_DIR}/${name}-${language}-320.png`, fullPage: true });
          } catch (error) {
            if (!(error instanceof AssertionError)) throw error;
            problems.push(error.message);
          }
        }
        const links = await family.page
          .locator('main a[href^="/my-application"], .govuk-service-navigation a[href^="/my-application"]')
          .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!.split(/[?#]/)[0]!));
        for (const link of links) if (!visited.has(link)) queue.push(link);
      }
      // Every page the portal registers that a family can be sent to was reached (the form pages
      // that only answer a post, and pages for a questionnaire or document the demo has none of, aside).
      const reached = new Set(visited.values());
      assert.ok(reached.size >= 5, `only ${[...reached].join(', ')} reached`);
      for (const must of [
        '/my-application',
        '/my-application/messages',
        '/my-application/messages/new',
        '/my-application/messages/:threadId',
        '/my-application/documents',
      ])
        if (!reached.has(must)) problems.push(`${must} was not reached by following the portal’s links`);
      if (problems.length) throw new AssertionError({ message: `${problems.length} problem(s):\n\n${problems.join('\n\n')}` });
    });
  });
});
