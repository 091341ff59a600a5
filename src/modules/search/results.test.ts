import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from '../../platform/i18n/i18n.ts';
import { searchGroups } from './results.ts';

const t = translator('en');
const date = (iso: string) => iso.slice(0, 10);
const childId = 'a1b2c3d4-0000-4000-8000-000000000001';

describe('search results as a reader meets them', () => {
  it('shows only the kinds the reader may search, in a fixed order, each result linking to its record', () => {
    const groups = searchGroups(
      {
        people: [
          {
            id: childId,
            name: 'Nia Rowlands',
            roles: ['family_finder'],
            organisationName: 'Agency',
            organisationNameCy: null,
            disabled: true,
            matchedOn: 'name',
            score: 1,
          },
        ],
        children: [],
      },
      t,
      date,
      'en',
    );
    assert.deepEqual(
      groups.map((g) => g.kind),
      ['children', 'people'],
    );
    const person = groups[1]!.results[0]!;
    assert.equal(person.href, `/admin/users/${childId}`);
    assert.deepEqual(person.details, ['Agency', 'Family finder', 'Account disabled']);
  });

  it('names a child by the name they are known by, with the legal name beside it, and the reference the service shows', () => {
    const [group] = searchGroups(
      {
        children: [
          {
            id: childId,
            legalGivenNames: 'Siân Angharad',
            legalFamilyName: 'Prydderch',
            preferredName: 'Sioni',
            localAuthorityReference: 'CSC/4471',
            dateOfBirth: '2019-05-01',
            status: 'family_finding',
            matchedOn: 'knownAs',
            score: 0.8,
          },
        ],
      },
      t,
      date,
      'en',
    );
    const child = group!.results[0]!;
    assert.equal(child.title, 'Sioni (Siân Angharad Prydderch)');
    assert.equal(child.reference, 'A1B2C3D4');
    assert.equal(child.href, `/children/${childId}`);
    assert.ok(child.details.includes('Reference A1B2C3D4'));
    assert.ok(child.details.includes('Local authority reference CSC/4471'));
  });

  it('names a person’s organisation in the reader’s language', () => {
    const person = { id: childId, name: 'Nia Rowlands', roles: ['family_finder'], disabled: false, matchedOn: 'name' as const, score: 1 };
    const welsh = { ...person, organisationName: 'Adopting Together', organisationNameCy: 'Mabwysiadu Gyda’n Gilydd' };
    const [cy] = searchGroups({ people: [welsh] }, translator('cy'), date, 'cy');
    assert.equal(cy!.results[0]!.details[0], 'Mabwysiadu Gyda’n Gilydd');
    const [en] = searchGroups({ people: [welsh] }, t, date, 'en');
    assert.equal(en!.results[0]!.details[0], 'Adopting Together');
  });

  it('names a household by its applicants, or by its reference when it has none yet', () => {
    const [group] = searchGroups(
      {
        households: [
          { id: childId, reference: 'AT-2026-00042', stage: 'stage1', applicantNames: ['Eirlys Ŵyn', 'Rhodri Ŵyn'], matchedOn: 'applicantName', score: 1 },
          { id: childId, reference: 'AT-2026-00043', stage: 'enquiry', applicantNames: [], matchedOn: 'reference', score: 1 },
        ],
      },
      t,
      date,
      'en',
    );
    assert.deepEqual(
      group!.results.map((h) => h.title),
      ['Eirlys Ŵyn & Rhodri Ŵyn', 'AT-2026-00043'],
    );
  });
});
