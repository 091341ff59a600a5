import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { seedDemo, type DemoSignIn } from '../../src/demo.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';

const SHOTS = process.env.GAP_SHOTS_DIR;

let suite: E2eSuite;
let dataDir: string;
let signIns: DemoSignIn[];
before(async () => {
  suite = await openSuite('recruitment-gap');
  dataDir = mkdtempSync(path.join(tmpdir(), 'together-gap-'));
  signIns = (await seedDemo(suite.t.services, dataDir, { seed: 1 })).signIns;
});
after(async () => {
  await suite?.endSessions();
  await suite?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The service manager opens the recruitment gap from the whole picture, in English and Welsh: the chart, the ranked profiles and the plan. */
describe('the recruitment gap in the browser', () => {
  it('the service manager reads which families to recruit next, in English and Welsh', async () => {
    const person = signIns.find((s) => s.email === 'service.manager@demo.invalid');
    assert.ok(person);
    const session = await suite.session();
    await signIn(session, { email: person.email, password: person.password, totpSecret: person.totpKey }, '/sign-in?lang=en');
    const page = session.page;
    // The demo pool is worked out on every visit, on a shared machine.
    page.setDefaultTimeout(180_000);
    await page.goto(`${suite.baseUrl}/matching?lang=en`);
    await page.click('[data-testid="gap-link"]');
    await page.waitForSelector('h1');
    assert.match((await page.textContent('h1')) ?? '', /Which families to recruit next/);
    assert.ok(await page.isVisible('[data-testid="limits"]'));
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'gap-en.png'), fullPage: true });
    await page.goto(`${suite.baseUrl}/matching/recruitment-gap?lang=cy`);
    assert.match((await page.textContent('h1')) ?? '', /Pa deuluoedd i’w recriwtio nesaf/);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'gap-cy.png'), fullPage: true });
  });
});
