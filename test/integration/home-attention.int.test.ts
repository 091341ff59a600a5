import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';

/** The family finder's home page: "Children whose waiting needs attention", oldest referrals first. */
describe('children whose waiting needs attention', () => {
  let t: TestApp;
  let finder: TestUser;
  let referrer: TestUser;
  const tokens: Record<string, string> = {};
  const today = () => dateInWales(new Date());

  /** A child referred by the authority and accepted by the agency; every clock is long past the warning time. */
  async function refer(given: string): Promise<string> {
    const post = (url: string, token: string, body: unknown) =>
      t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    const referral = await post('/api/v1/referrals', tokens.referrer!, {
      legalBasis: 'adoption_agencies_wales_regulations',
      children: [
        {
          legalGivenNames: given,
          legalFamilyName: 'Attention',
          dateOfBirth: addMonths(today(), -12 * 6),
          sex: 'female',
          ethnicity: 'white_british',
          legalStatus: 'placement_order',
          placementOrderDate: addMonths(today(), -14),
          needs: [],
        },
      ],
    });
    assert.equal(referral.statusCode, 201, referral.body);
    const created = JSON.parse(referral.body) as { referralId: string; childIds: string[] };
    const accepted = await post(`/api/v1/referrals/${created.referralId}/decision`, tokens.finder!, { decision: 'accept', familyFinderId: finder.id });
    assert.equal(accepted.statusCode, 200, accepted.body);
    return created.childIds[0]!;
  }
  const set = (id: string, referralDate: string, status: string) =>
    t.database.adminQuery('update children set referral_date = $2, status = $3 where id = $1', [id, referralDate, status]);

  before(async () => {
    t = await startTestApp();
    const agency = await t.organisation('agency', 'agency');
    const north = await t.organisation('north', 'local_authority');
    finder = await t.user(['family_finder'], agency);
    referrer = await t.user(['la_referrer'], north);
    tokens.finder = await t.token(finder);
    tokens.referrer = await t.token(referrer);
    // Referred in an order other than their referral dates, so the list's order has to come from the dates.
    await set(await refer('Cerys'), addMonths(today(), -8), 'family_finding');
    await set(await refer('Aled'), addMonths(today(), -30), 'linked');
    await set(await refer('Bethan'), addMonths(today(), -13), 'family_finding');
    await set(await refer('Dylan'), addMonths(today(), -20), 'matched');
    await set(await refer('Elin'), addMonths(today(), -11), 'family_finding');
    await set(await refer('Ffion'), addMonths(today(), -24), 'placed');
  });
  after(async () => t?.close());

  it('lists only children still waiting for a family, oldest referral first, with the referral date shown', async () => {
    const browser = await t.signIn(finder);
    const home = await browser.get('/');
    const panel = /data-testid="children-attention"[\s\S]*?<\/section>/.exec(home.body)?.[0] ?? assert.fail('no attention panel');
    assert.ok(panel.includes('Oldest referrals first.'));
    const names = [...panel.matchAll(/href="\/children\/[0-9a-f-]+">([^<]+)<\/a>/g)].map((m) => m[1]!.split(' ')[0]);
    assert.deepEqual(names, ['Bethan', 'Elin', 'Cerys'], 'linked, matched and placed children are not waiting; the rest by referral date');
    const header = /<thead[\s\S]*?<\/thead>/.exec(panel)?.[0] ?? '';
    assert.ok(header.includes('Referred'), 'the referral date is a column, so the order can be seen');
  });
});
