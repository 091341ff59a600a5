import { ageInYears, type IsoDate } from '../../platform/dates/dates.ts';
import type { NeedCategory } from '../children/index.ts';
import type { StoryFamily } from '../recruitment/index.ts';
import { addDays } from '../../platform/dates/add-days.ts';

/**
 * The matching part of the demo's story, pure: which waiting children the story's families are
 * linked with, when each step of their match happened (days before today), the families' terms
 * fitted to those children, and the children's profiles as written for families. Everything is
 * chosen from the seeded children in a fixed order, so the same seed and day give the same story.
 */

export const STORY_ROLES = ['placed', 'decision', 'introductions', 'shortlisted', 'declined', 'adopted'] as const;
export type StoryRole = (typeof STORY_ROLES)[number];

/** Days from today (negative: in the past) of each step, per family. */
export const STORY_DAYS = {
  /** The demo adopter's family: a first link they declined, then the brothers and sisters who now live with them. */
  placed: {
    approved: -200,
    declinedLinked: -170,
    declined: -160,
    linked: -150,
    shortlisted: -140,
    visits: -128,
    matchingMeeting: -110,
    panel: -70,
    agreed: -64,
    introductions: -60,
    placed: -42,
  },
  /** Past the matching panel, waiting for the agency decision maker. */
  decision: { approved: -120, linked: -65, shortlisted: -58, visits: -48, matchingMeeting: -38, panel: -9, agreed: -6 },
  /** Introductions under way: a transition plan with steps done and to come. */
  introductions: { approved: -150, linked: -80, shortlisted: -74, visits: -66, matchingMeeting: -56, panel: -30, agreed: -27, introductions: -12 },
  shortlisted: { approved: -90, linked: -20, shortlisted: -11 },
  /** A newer family exploring a link with the child the first family declined. */
  explored: { approved: -60, linked: -5 },
  /** A family whose child moved in over a year ago, adopted since: the stability report's first year. */
  adopted: {
    approved: -560,
    linked: -500,
    shortlisted: -494,
    visits: -485,
    matchingMeeting: -470,
    panel: -450,
    agreed: -446,
    introductions: -440,
    placed: -425,
    adoptionOrder: -300,
  },
} as const;

export type WaitingRow = {
  id: string;
  organisationId: string;
  givenNames: string;
  preferredName: string | null;
  dateOfBirth: IsoDate;
  referralDate: IsoDate;
  placementOrderDate: IsoDate | null;
  groupId: string | null;
  inActiveMatch: boolean;
  needs: { category: string }[];
};

export type StoryUnit = { unitKey: string; organisationId: string; children: WaitingRow[] };

const firstName = (c: WaitingRow) => c.preferredName ?? c.givenNames.split(' ')[0]!;

/** Waiting units (a sibling group to be placed together, or a child alone), longest waiting first. */
export function waitingUnits(rows: readonly WaitingRow[]): StoryUnit[] {
  const byUnit = new Map<string, WaitingRow[]>();
  for (const row of rows) byUnit.set(row.groupId ?? row.id, [...(byUnit.get(row.groupId ?? row.id) ?? []), row]);
  const units = [...byUnit.entries()]
    .filter(([, members]) => members.every((c) => !c.inActiveMatch))
    .map(([unitKey, members]) => ({
      unitKey,
      organisationId: members[0]!.organisationId,
      children: [...members].sort((a, b) => a.dateOfBirth.localeCompare(b.dateOfBirth) || firstName(a).localeCompare(firstName(b))),
    }));
  const key = (u: StoryUnit) =>
    [u.children.map((c) => c.referralDate).sort()[0], u.children[0]!.dateOfBirth, u.children.map(firstName).join(','), u.children.length].join('|');
  return units.sort((a, b) => key(a).localeCompare(key(b)));
}

/** The unit can be linked on `linkDay` and, for a match that goes to panel, had placement orders by `orderBy`. */
function fits(unit: StoryUnit, today: IsoDate, linkDay: number, orderDay: number | null): boolean {
  const linked = addDays(today, linkDay);
  return unit.children.every(
    (c) => c.referralDate <= linked && (orderDay === null || (c.placementOrderDate !== null && c.placementOrderDate <= addDays(today, orderDay))),
  );
}

/**
 * The children of each part of the story, chosen in turn from the units still free: first a unit
 * of the preferred size, else any that fits the dates. A part with nothing left to choose is absent.
 */
export function chooseStoryUnits(rows: readonly WaitingRow[], today: IsoDate): Partial<Record<StoryRole, StoryUnit>> {
  const free = waitingUnits(rows).filter((u) => u.children.length <= 4);
  const wanted: { role: StoryRole; linkDay: number; orderDay: number | null; prefer: (size: number) => boolean }[] = [
    { role: 'placed', linkDay: STORY_DAYS.placed.linked, orderDay: STORY_DAYS.placed.matchingMeeting, prefer: (n) => n === 2 },
    { role: 'decision', linkDay: STORY_DAYS.decision.linked, orderDay: STORY_DAYS.decision.matchingMeeting, prefer: (n) => n >= 2 },
    { role: 'introductions', linkDay: STORY_DAYS.introductions.linked, orderDay: STORY_DAYS.introductions.matchingMeeting, prefer: (n) => n === 1 },
    { role: 'shortlisted', linkDay: STORY_DAYS.shortlisted.linked, orderDay: null, prefer: (n) => n === 1 },
    { role: 'declined', linkDay: STORY_DAYS.placed.declinedLinked, orderDay: null, prefer: (n) => n === 1 },
    { role: 'adopted', linkDay: STORY_DAYS.adopted.linked, orderDay: STORY_DAYS.adopted.matchingMeeting, prefer: (n) => n === 1 },
  ];
  const chosen: Partial<Record<StoryRole, StoryUnit>> = {};
  for (const want of wanted) {
    const candidates = free.filter((u) => fits(u, today, want.linkDay, want.orderDay));
    const unit = candidates.find((u) => want.prefer(u.children.length)) ?? candidates[0];
    if (!unit) continue;
    chosen[want.role] = unit;
    free.splice(free.indexOf(unit), 1);
  }
  return chosen;
}

/** Terms that fit the units a family is linked with: their number, ages (a year either side) and needs. */
function termsFor(units: readonly (StoryUnit | undefined)[], today: IsoDate, strengths: string): StoryFamily['terms'] {
  const present = units.filter((u): u is StoryUnit => Boolean(u));
  const ages = present.flatMap((u) => u.children.map((c) => ageInYears(c.dateOfBirth, today)));
  const size = Math.max(1, ...present.map((u) => u.children.length));
  return {
    childrenMax: size,
    ageMin: Math.max(0, Math.min(...ages, 4) - 1),
    ageMax: Math.max(...ages, 4) + 1,
    siblingGroups: size > 1,
    needs: [...new Set(present.flatMap((u) => u.children.flatMap((c) => c.needs.map((n) => n.category as NeedCategory))))].sort(),
    contact: size > 1 ? ['indirect_siblings'] : [],
    strengths,
  };
}

/** The story's families: placed, decision, introductions, shortlisted, explored, adopted (references S01 to S06). */
export function storyFamilies(units: Partial<Record<StoryRole, StoryUnit>>, today: IsoDate, adopterEmail: string): StoryFamily[] {
  const on = (days: number) => addDays(today, days);
  return [
    {
      key: 'placed',
      approvedOn: on(STORY_DAYS.placed.approved),
      applicants: [
        { givenNames: 'Alex', familyName: 'Adopter (fictional)', email: adopterEmail },
        { givenNames: 'Jordan', familyName: 'Adopter (fictional)' },
      ],
      town: 'Cardiff',
      localAuthorityArea: 'Cardiff',
      welsh: false,
      terms: termsFor([units.placed, units.declined], today, 'Calm, playful home; Jordan works part-time; grandparents nearby'),
    },
    {
      key: 'decision',
      approvedOn: on(STORY_DAYS.decision.approved),
      applicants: [
        { givenNames: 'Priya', familyName: 'Talewood (fictional)' },
        { givenNames: 'Owain', familyName: 'Talewood (fictional)' },
      ],
      town: 'Swansea',
      localAuthorityArea: 'Swansea',
      welsh: false,
      terms: termsFor([units.decision], today, 'Experience of caring for children with additional needs; large support network'),
    },
    {
      key: 'introductions',
      approvedOn: on(STORY_DAYS.introductions.approved),
      applicants: [
        { givenNames: 'Elin', familyName: 'Storyfield (fictional)' },
        { givenNames: 'Gareth', familyName: 'Storyfield (fictional)' },
      ],
      town: 'Bangor',
      localAuthorityArea: 'Gwynedd',
      welsh: true,
      terms: termsFor([units.introductions], today, 'Welsh-speaking home, close to extended family'),
    },
    {
      key: 'shortlisted',
      approvedOn: on(STORY_DAYS.shortlisted.approved),
      applicants: [{ givenNames: 'Rhian', familyName: 'Plotbury (fictional)' }],
      town: 'Wrexham',
      localAuthorityArea: 'Wrexham',
      welsh: false,
      terms: termsFor([units.shortlisted], today, 'Patient and playful single adopter; a teacher with school-holiday time'),
    },
    {
      key: 'explored',
      approvedOn: on(STORY_DAYS.explored.approved),
      applicants: [
        { givenNames: 'Tariq', familyName: 'Chapterton (fictional)' },
        { givenNames: 'Non', familyName: 'Chapterton (fictional)' },
      ],
      town: 'Aberystwyth',
      localAuthorityArea: 'Ceredigion',
      welsh: false,
      terms: termsFor([units.declined], today, 'Calm, structured home; both work part-time'),
    },
    {
      key: 'adopted',
      approvedOn: on(STORY_DAYS.adopted.approved),
      applicants: [
        { givenNames: 'Meinir', familyName: 'Epilogue (fictional)' },
        { givenNames: 'Hywel', familyName: 'Epilogue (fictional)' },
      ],
      town: 'Brecon',
      localAuthorityArea: 'Powys',
      welsh: true,
      terms: termsFor([units.adopted], today, 'Farming family with time and space; experienced with older children'),
    },
  ];
}

const PROFILES: { en: (name: string, age: string) => string; cy: (name: string, age: string) => string }[] = [
  {
    en: (n, a) =>
      `${n} is ${a}, full of curiosity, and loves being outdoors, building dens and splashing in puddles. ${n} settles best with a calm routine and a grown-up who stays close when things feel big.`,
    cy: (n, a) =>
      `Mae ${n} yn ${a}, yn llawn chwilfrydedd ac yn mwynhau bod yn yr awyr agored, adeiladu cuddfannau a neidio mewn pyllau dŵr. Mae ${n} yn setlo orau gyda threfn dawel ac oedolyn sy’n aros yn agos pan fydd pethau’n teimlo’n fawr.`,
  },
  {
    en: (n, a) =>
      `${n} is ${a}, gentle, with a big laugh, and loves drawing, animals and a story at bedtime. ${n} needs parents who are patient while trust grows, and who keep their promises.`,
    cy: (n, a) =>
      `Mae ${n} yn ${a}, yn addfwyn ac yn chwerthin yn uchel, ac yn mwynhau tynnu lluniau, chwarae gydag anifeiliaid a chlywed stori amser gwely. Mae angen rhieni amyneddgar ar ${n} tra bo’r ymddiriedaeth yn tyfu, rhieni sy’n cadw eu haddewidion.`,
  },
  {
    en: (n, a) =>
      `${n} is ${a}, full of energy, and loves football, music and helping in the kitchen. ${n} does best with clear, kind boundaries and plenty of chances to try again.`,
    cy: (n, a) =>
      `Mae ${n} yn ${a}, yn llawn egni ac yn mwynhau pêl-droed, cerddoriaeth a helpu yn y gegin. Mae ${n} yn ymateb orau i ffiniau clir a charedig, a digon o gyfleoedd i drio eto.`,
  },
];

/** A child's profile as written for families, in English and Welsh (first names only, nothing of their history). */
export function storyProfile(unit: StoryUnit, child: WaitingRow, index: number, today: IsoDate): { profileEn: string; profileCy: string } {
  const age = ageInYears(child.dateOfBirth, today);
  const name = firstName(child);
  const text = PROFILES[index % PROFILES.length]!;
  const others = unit.children.filter((c) => c.id !== child.id).map(firstName);
  const together = others.length
    ? {
        en: ` ${name} is very close to ${others.join(' and ')}, and they will be adopted together.`,
        cy: ' Mae’r plant yn agos iawn, a byddan nhw’n cael eu mabwysiadu gyda’i gilydd.',
      }
    : { en: '', cy: '' };
  return {
    profileEn: text.en(name, age < 1 ? 'a baby' : `${age} years old`) + together.en,
    profileCy: text.cy(name, age < 1 ? 'fabi' : `${age} oed`) + together.cy,
  };
}

export const childFirstName = firstName;
