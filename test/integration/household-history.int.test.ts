import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { dateInWales } from '../../src/platform/dates/dates.ts';
import { considerationInput, transitionInput } from '../../src/modules/recruitment/inputs.ts';
import { households } from '../../src/modules/recruitment/schema.ts';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';

/** Who changed a household's record, as its page tells it: a person by name, the enquiry form only for the enquiry. */
describe('a household’s history and versions say who made each change', () => {
  let t: TestApp;
  let worker: TestUser;
  let workerName: string;
  let householdId: string;
  const today = () => dateInWales(new Date());
  const needs = {
    learning_disability: 'with_support',
    physical_disability: 'cannot',
    sensory_impairment: 'cannot',
    autism_spectrum: 'with_support',
    speech_language_communication: 'can',
    emotional_behavioural: 'can',
    attachment_trauma: 'can',
    medical_condition: 'cannot',
    foetal_alcohol_spectrum: 'with_support',
    global_developmental_delay: 'with_support',
  };

  const page = async (language = 'en') => {
    const browser = await t.signIn(worker);
    const response = await browser.get(`/households/${householdId}?lang=${language}`);
    assert.equal(response.statusCode, 200);
    const body = response.body.replace(/&#39;/g, '’');
    const history = [
      ...(body.match(/data-testid="history">([\s\S]*?)<\/ol>/)?.[1] ?? '').matchAll(
        /<strong>([^<]*)<\/strong><br><span class="govuk-body-s">[^<]*· ([^<]*)<\/span>/g,
      ),
    ].map((m) => ({ text: m[1]!, who: m[2]! }));
    const version =
      body
        .match(/data-testid="profile-version">([^<]*)<\/p>/)?.[1]
        ?.replace(/\s+/g, ' ')
        .trim() ?? '';
    return { history, version };
  };

  before(async () => {
    t = await startTestApp();
    const agency = await t.organisation('agency', 'agency');
    worker = await t.user(['social_worker'], agency);
    workerName = (await t.database.adminQuery('select name from users where id = $1', [worker.id])).rows[0].name;
    const enquiry = await t.app.inject({
      method: 'POST',
      url: '/api/v1/enquiries',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({
        givenNames: 'Morgan',
        familyName: 'Fictional',
        email: 'morgan.history@example.invalid',
        postcode: 'CF10 1AA',
        preferredLanguage: 'en',
        consent: true,
      }),
    });
    assert.ok(enquiry.statusCode < 300, enquiry.body);
    const [household] = await t.services.runner.run(t.system, (tx) =>
      tx
        .select({ id: households.id })
        .from(households)
        .where(sql`lower(${households.email}) = 'morgan.history@example.invalid'`),
    );
    householdId = household!.id;
  });
  after(async () => t?.close());

  it('credits the enquiry form with the enquiry, a member of staff by name with the stage they moved, and says so when no person was recorded', async () => {
    const token = await t.token(worker);
    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/households/${householdId}/transitions`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ to: 'registration', date: today() }),
    });
    assert.equal(moved.statusCode, 200, moved.body);
    // A change the platform made with nobody signed in (as the demo's seeding does).
    await t.services.recruitment.moveStage(t.system, householdId, transitionInput.parse({ to: 'stage1', date: today() }));

    const { history } = await page();
    const entry = (start: string) => history.find((h) => h.text.startsWith(start));
    assert.equal(entry('Started at')?.who, 'Enquiry form');
    assert.equal(entry('From Enquiry')?.who, workerName, 'the worker who moved the stage is named');
    const unattributed = entry('From Registration');
    assert.ok(unattributed, JSON.stringify(history));
    assert.equal(unattributed.who, 'Who made this change was not recorded');
    assert.equal(history.filter((h) => h.who === 'Enquiry form').length, 1, 'only the enquiry comes from the enquiry form');

    const welsh = await page('cy');
    assert.equal(welsh.history.filter((h) => h.who === 'Ni chofnodwyd pwy wnaeth y newid hwn').length, 1);
  });

  it('names who recorded a version of what the family can consider, and never leaves “by .” when nobody was recorded', async () => {
    await t.services.recruitment.recordProfile(
      t.system,
      householdId,
      considerationInput.parse({ childrenMin: 1, childrenMax: 2, ageMin: 4, ageMax: 9, siblingGroups: true, needs }),
    );
    const unknown = await page();
    assert.match(unknown.version, /^Version 1 of 1\. Recorded .+ \(by whom was not recorded\)\.$/);
    assert.doesNotMatch(unknown.version, /by \.$/);
    assert.match((await page('cy')).version, /\(ni chofnodwyd gan bwy\)\.$/);

    const token = await t.token(worker);
    const second = await t.app.inject({
      method: 'POST',
      url: `/api/v1/households/${householdId}/consideration-profile`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ childrenMin: 2, childrenMax: 3, ageMin: 4, ageMax: 11, siblingGroups: true, needs }),
    });
    assert.equal(second.statusCode, 201, second.body);
    assert.match((await page()).version, new RegExp(`^Version 2 of 2\\. Recorded .+ by ${workerName}\\.$`));
  });
});
