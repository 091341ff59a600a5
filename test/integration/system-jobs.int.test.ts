import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { anonymous, type RequestContext } from '../../src/platform/policy/actor.ts';
import { AccessDeniedError } from '../../src/platform/policy/policy.ts';
import type { SystemJob } from '../../src/platform/policy/system-jobs.ts';
import { childListQuery } from '../../src/modules/children/inputs.ts';
import { enquiryInput } from '../../src/modules/recruitment/inputs.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

/**
 * The platform's system jobs against the real database: a job's context handed to another
 * service is refused there like any person's, and the refusal is in the audit log under the job's name.
 */
describe('system jobs', () => {
  let t: TestApp;
  let childId: string;
  const visitor: RequestContext = { actor: anonymous, requestId: 'system-jobs-test', channel: 'web', language: 'en' };

  /** The context a module's job gets inside runAsSystemJob, taken out as a careless module might. */
  const contextOf = (job: SystemJob) => t.services.runner.runAsSystemJob(job, visitor, (_tx, system) => Promise.resolve(system));

  const deniedRows = (resourceId: string | null, action: string) =>
    t.database
      .adminQuery('select role, outcome, request_id from audit_log where action = $1 and resource_id is not distinct from $2', [action, resourceId])
      .then((r) => r.rows);

  before(async () => {
    t = await startTestApp();
    await t.organisation('jobs-agency', 'agency');
    const council = await t.organisation('jobs-council', 'local_authority');
    const referrer = await t.user(['la_referrer'], council);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      headers: { authorization: `Bearer ${await t.token(referrer, 'write')}`, 'content-type': 'application/json' },
      payload: JSON.stringify({
        legalBasis: 'adoption_agencies_wales_regulations',
        children: [
          {
            legalGivenNames: 'Elin',
            legalFamilyName: 'Testfamily',
            dateOfBirth: '2019-04-02',
            sex: 'female',
            ethnicity: 'white_british',
            legalStatus: 'placement_order',
            placementOrderDate: '2025-01-10',
            needs: [],
          },
        ],
      }),
    });
    assert.equal(response.statusCode, 201, response.body);
    childId = JSON.parse(response.body).childIds[0];
  });
  after(async () => t.close());

  it('refuses the public enquiry job a child’s record (403), and audits the refusal under the job’s name', async () => {
    const publicEnquiry = await contextOf('publicEnquiry');
    await assert.rejects(t.services.children.getChild(publicEnquiry, childId), (error) => error instanceof AccessDeniedError && error.status === 403);
    assert.deepEqual(await deniedRows(childId, 'children.view'), [{ role: 'system:publicEnquiry', outcome: 'denied', request_id: 'system-jobs-test' }]);
    // The same record is there for the tests' own job, which may do everything.
    assert.equal((await t.services.children.getChild(t.system, childId)).child.id, childId);
  });

  it('refuses the invitation job a new account, and the calendar feed job the list of children', async () => {
    const invitation = await contextOf('invitation');
    const agency = await t.organisation('jobs-agency', 'agency');
    await assert.rejects(
      t.services.organisations.createUser(invitation, {
        email: 'not.made@test.invalid',
        name: 'Not Made',
        organisationId: agency,
        roles: ['administrator'],
        preferredLanguage: 'en',
      }),
      (error) => error instanceof AccessDeniedError,
    );
    const { rows } = await t.database.adminQuery('select count(*)::int as n from users where email = $1', ['not.made@test.invalid']);
    assert.equal(rows[0].n, 0);
    const calendarFeed = await contextOf('calendarFeed');
    await assert.rejects(t.services.children.listChildren(calendarFeed, childListQuery.parse({})), (error) => error instanceof AccessDeniedError);
    assert.deepEqual(await deniedRows(null, 'children.list').then((found) => found.map((r) => r.role)), ['system:calendarFeed']);
  });

  it('still does each job’s own work: the public enquiry form records an enquiry', async () => {
    const received = await t.services.recruitment.submitEnquiry(
      visitor,
      enquiryInput.parse({ givenNames: 'Morgan', familyName: 'Jobtest', email: 'morgan.jobtest@example.invalid', postcode: 'CF10 1AA', consent: 'yes' }),
      '192.0.2.7',
    );
    assert.deepEqual(received, { received: true });
    const { rows } = await t.database.adminQuery('select count(*)::int as n from enquiries where email = $1', ['morgan.jobtest@example.invalid']);
    assert.equal(rows[0].n, 1);
  });

  it('gives route factories a runner without the owner’s database: use cases and named system jobs only', () => {
    // `events` is the workflow's in-transaction bus (src/platform/events): publish runs in the caller's own transaction, so it carries no database.
    assert.deepEqual(Object.keys(t.services.runner).sort(), ['events', 'recordStandalone', 'run', 'runAsSystemJob']);
    assert.deepEqual(Object.keys(t.services.runner.events).sort(), ['publish', 'subscribe']);
  });
});
