import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays } from '../../platform/dates/add-days.ts';
import { chooseStoryUnits, STORY_DAYS, storyFamilies, storyProfile, waitingUnits, type WaitingRow } from './synthetic-story.ts';

const today = '2026-11-26';
let n = 0;
const child = (over: Partial<WaitingRow>): WaitingRow => ({
  id: `child-${++n}`,
  organisationId: 'north',
  givenNames: `Child${n}`,
  preferredName: null,
  dateOfBirth: '2018-03-01',
  referralDate: '2025-01-10',
  placementOrderDate: '2024-12-01',
  groupId: null,
  inActiveMatch: false,
  needs: [],
  ...over,
});

const rows: WaitingRow[] = [
  child({ givenNames: 'Efa', groupId: 'pair', dateOfBirth: '2016-05-01' }),
  child({ givenNames: 'Osian', groupId: 'pair', dateOfBirth: '2020-02-01', needs: [{ category: 'attachment_trauma' }] }),
  child({ givenNames: 'Cai', groupId: 'three', referralDate: '2025-03-01' }),
  child({ givenNames: 'Lili', groupId: 'three', referralDate: '2025-03-01' }),
  child({ givenNames: 'Wil', groupId: 'three', referralDate: '2025-03-01' }),
  child({ givenNames: 'Alys', referralDate: '2025-02-01' }),
  child({ givenNames: 'Bryn', referralDate: '2025-04-01', placementOrderDate: null }),
  child({ givenNames: 'Nia', referralDate: '2025-05-01', placementOrderDate: null }),
  // Referred last week: too recent for any link of the story.
  child({ givenNames: 'Pip', referralDate: addDays(today, -3) }),
  // Already in a match elsewhere: never chosen.
  child({ givenNames: 'Iolo', referralDate: '2024-01-01', inActiveMatch: true }),
];

describe('the demo story’s children', () => {
  const units = chooseStoryUnits(rows, today);
  const names = (role: keyof typeof units) => units[role]?.children.map((c) => c.givenNames);

  it('places the pair, takes the group of three to the agency decision and a child alone to introductions', () => {
    assert.deepEqual(names('placed'), ['Efa', 'Osian']);
    assert.deepEqual(names('decision'), ['Cai', 'Lili', 'Wil']);
    assert.deepEqual(names('introductions'), ['Alys']);
  });

  it('never takes a child without a placement order to panel, nor links a child before their referral, nor one already matched', () => {
    assert.deepEqual(names('shortlisted'), ['Bryn']);
    assert.deepEqual(names('declined'), ['Nia']);
    const chosen = Object.values(units).flatMap((u) => u.children.map((c) => c.givenNames));
    assert.ok(!chosen.includes('Pip') && !chosen.includes('Iolo'));
  });

  it('leaves a part of the story out when no child fits it', () => {
    const few = chooseStoryUnits(
      rows.filter((r) => r.groupId === null && r.placementOrderDate === null),
      today,
    );
    assert.deepEqual(Object.keys(few).sort(), ['declined', 'shortlisted']);
  });

  it('orders units the same whatever order the rows come in', () => {
    assert.deepEqual(waitingUnits([...rows].reverse()), waitingUnits(rows));
  });

  it('writes terms that fit the children each family meets', () => {
    const [placed, decision] = storyFamilies(units, today, 'adopter@demo.invalid');
    assert.equal(placed!.applicants[0]!.email, 'adopter@demo.invalid');
    assert.equal(placed!.approvedOn, addDays(today, STORY_DAYS.placed.approved));
    // The placed pair (10 and 6) and the child they declined (8): two at most, ages up to 11, the needs they meet.
    assert.deepEqual([placed!.terms.childrenMax, placed!.terms.ageMin, placed!.terms.ageMax, placed!.terms.siblingGroups], [2, 3, 11, true]);
    assert.deepEqual(placed!.terms.needs, ['attachment_trauma']);
    assert.equal(decision!.terms.childrenMax, 3);
  });

  it('writes each child’s profile in English and Welsh, naming the brothers and sisters only by first name', () => {
    const pair = units.placed!;
    const profile = storyProfile(pair, pair.children[0]!, 0, today);
    assert.match(profile.profileEn, /^Efa is 10 years old/);
    assert.match(profile.profileEn, /very close to Osian, and they will be adopted together/);
    assert.match(profile.profileCy, /^Mae Efa yn 10 oed/);
    assert.match(profile.profileCy, /mabwysiadu gyda’i gilydd/);
    assert.doesNotMatch(profile.profileEn + profile.profileCy, /Child\d|fictional/);
  });
});
