import type { Tx } from '../../platform/db/pool.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import * as repo from './repository.ts';
import type { CourseInput } from './inputs.ts';
import { walesInstant } from '../../platform/dates/times.ts';

type DemoCourse = CourseInput & {
  sessions: { inDays: number; start: string; end: string; venue: string; language: 'en' | 'cy' | 'bilingual'; capacity: number }[];
};

const CENTRE = 'Demo Family Centre, Cardiff (fictional)';
const HALL = 'Demo Community Hall, Bangor (fictional)';
const ONLINE = 'Online (video call)';

/** Synthetic courses of the demo agency: the three preparation days, the therapeutic modules, and one after approval. */
const DEMO_COURSES: DemoCourse[] = [
  {
    title: 'Preparation group, day 1: the children who wait',
    titleCy: 'Grŵp paratoi, diwrnod 1: y plant sy’n aros',
    description: 'Who the children waiting longest are, why they wait, and what adoption asks of a family.',
    descriptionCy: 'Pwy yw’r plant sy’n aros hiraf, pam maen nhw’n aros, a beth mae mabwysiadu’n ei ofyn gan deulu.',
    kind: 'preparation',
    requiredForStage1: true,
    hours: 6,
    sessions: [
      { inDays: -35, start: '09:30', end: '15:30', venue: CENTRE, language: 'en', capacity: 12 },
      { inDays: 14, start: '09:30', end: '15:30', venue: HALL, language: 'cy', capacity: 12 },
    ],
  },
  {
    title: 'Preparation group, day 2: attachment, loss and identity',
    titleCy: 'Grŵp paratoi, diwrnod 2: ymlyniad, colled a hunaniaeth',
    description: 'How early experiences shape attachment, and the losses every adopted child carries.',
    descriptionCy: 'Sut mae profiadau cynnar yn llunio ymlyniad, a’r colledion y mae pob plentyn mabwysiedig yn eu cario.',
    kind: 'preparation',
    requiredForStage1: true,
    hours: 6,
    sessions: [
      { inDays: -28, start: '09:30', end: '15:30', venue: CENTRE, language: 'en', capacity: 12 },
      { inDays: 21, start: '09:30', end: '15:30', venue: HALL, language: 'cy', capacity: 12 },
    ],
  },
  {
    title: 'Preparation group, day 3: life story work and contact',
    titleCy: 'Grŵp paratoi, diwrnod 3: gwaith stori bywyd a chyswllt',
    description: 'Telling a child their story, and keeping links with brothers, sisters and birth family.',
    descriptionCy: 'Dweud stori plentyn wrtho, a chadw cysylltiad â brodyr, chwiorydd a’r teulu biolegol.',
    kind: 'preparation',
    requiredForStage1: true,
    hours: 6,
    sessions: [
      { inDays: -21, start: '09:30', end: '15:30', venue: CENTRE, language: 'bilingual', capacity: 12 },
      { inDays: 28, start: '09:30', end: '15:30', venue: HALL, language: 'cy', capacity: 12 },
    ],
  },
  {
    title: 'Therapeutic parenting: understanding trauma',
    titleCy: 'Rhianta therapiwtig: deall trawma',
    description: 'How trauma affects a child’s brain and behaviour, and parenting that helps them feel safe.',
    descriptionCy: 'Sut mae trawma’n effeithio ar ymennydd ac ymddygiad plentyn, a rhianta sy’n eu helpu i deimlo’n ddiogel.',
    kind: 'therapeutic_preparation',
    requiredForStage1: true,
    hours: 3,
    sessions: [
      { inDays: -14, start: '18:30', end: '21:30', venue: ONLINE, language: 'en', capacity: 16 },
      { inDays: 10, start: '18:30', end: '21:30', venue: ONLINE, language: 'bilingual', capacity: 16 },
    ],
  },
  {
    title: 'Therapeutic parenting: building safety and connection',
    titleCy: 'Rhianta therapiwtig: meithrin diogelwch a chysylltiad',
    description: 'Everyday routines, play and repair that build trust with a child who has been hurt.',
    descriptionCy: 'Arferion bob dydd, chwarae ac atgyweirio sy’n meithrin ymddiriedaeth gyda phlentyn sydd wedi cael ei frifo.',
    kind: 'therapeutic_preparation',
    requiredForStage1: false,
    hours: 3,
    sessions: [
      { inDays: -7, start: '18:30', end: '21:30', venue: ONLINE, language: 'en', capacity: 16 },
      { inDays: 17, start: '18:30', end: '21:30', venue: ONLINE, language: 'cy', capacity: 16 },
    ],
  },
  {
    title: 'Brothers and sisters: parenting a sibling group',
    titleCy: 'Brodyr a chwiorydd: magu grŵp o frodyr a chwiorydd',
    description: 'For approved adopters considering brothers and sisters who should stay together.',
    descriptionCy: 'I fabwysiadwyr cymeradwy sy’n ystyried brodyr a chwiorydd a ddylai aros gyda’i gilydd.',
    kind: 'post_approval',
    requiredForStage1: false,
    hours: 4,
    sessions: [{ inDays: 35, start: '10:00', end: '14:00', venue: CENTRE, language: 'bilingual', capacity: 10 }],
  },
];

function dateAfter(today: string, days: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * Demo courses and sessions (some past, some to come) for the demo agency, in the caller's
 * transaction. Facilitators are two of the agency's staff and a fictional experienced adopter.
 */
export async function seedDemoTraining(tx: Tx, agencyOrganisationId: string, now: Date = new Date()): Promise<{ courses: number; sessions: number }> {
  const today = dateInWales(now);
  const staff = (await repo.facilitators(tx, agencyOrganisationId)).slice(0, 2).map((f) => f.id);
  let sessions = 0;
  for (const { sessions: planned, ...course } of DEMO_COURSES) {
    const created = await repo.insertCourse(tx, { ...course, organisationId: agencyOrganisationId });
    for (const s of planned) {
      const date = dateAfter(today, s.inDays);
      await repo.insertSession(tx, {
        courseId: created.id,
        organisationId: agencyOrganisationId,
        startsAt: walesInstant(date, s.start),
        endsAt: walesInstant(date, s.end),
        venue: s.venue,
        language: s.language,
        facilitatorIds: staff,
        facilitatorNames: 'Jo Example, experienced adopter (fictional)',
        capacity: s.capacity,
      });
      sessions += 1;
    }
  }
  return { courses: DEMO_COURSES.length, sessions };
}
