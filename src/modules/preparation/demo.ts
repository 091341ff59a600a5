import type { RequestContext } from '../../platform/policy/actor.ts';
import type { IsoDate } from '../../platform/dates/dates.ts';
import type { MatchingStory, SetDay, StoryMatch } from '../matching/index.ts';
import { addDays } from '../../platform/dates/add-days.ts';
import { walesInstant } from '../../platform/dates/times.ts';
import type { PreparationTopic } from './vocabulary.ts';
import type { PreparationService } from './service.ts';

export type PreparationDemoOptions = {
  today: IsoDate;
  clinicalPartnerId: string;
  setDay: SetDay;
  /** The people of the story: who calls meetings, who writes clinical records, who owns actions. */
  familyFinder: RequestContext & { userId: string };
  socialWorker: RequestContext & { userId: string };
  therapeuticWorker: RequestContext & { userId: string };
  psychologist: RequestContext & { userId: string };
  referrerOf: (organisationId: string) => RequestContext & { userId: string };
};

/**
 * Therapeutic preparation around the story's matches, through the preparation service as the
 * people who would record it: the children shared with the clinical partner, consultations and
 * formulations by the psychologist, a Team Around the Child meeting held (minutes, decisions,
 * actions: one done, one open, one overdue) and one to come, and the families' preparation sessions.
 */
export async function seedDemoPreparation(
  preparation: PreparationService,
  story: MatchingStory,
  options: PreparationDemoOptions,
): Promise<{ meetingIds: string[] }> {
  const { today, setDay, psychologist, therapeuticWorker } = options;
  const day = (days: number) => addDays(today, days);
  const meetingIds: string[] = [];

  async function share(match: StoryMatch, on: number) {
    setDay(day(on));
    await preparation.shareWithClinicalPartner(options.familyFinder, match.childIds[0]!, options.clinicalPartnerId);
  }

  async function consult(match: StoryMatch, on: number, notes: string) {
    setDay(day(on), '15:00');
    await preparation.createConsultation(psychologist, {
      childIds: match.childIds,
      consultationDate: day(on),
      durationMinutes: 90,
      consultees: 'Family finder; the children’s social worker; foster carer (fictional)',
      notes,
    });
  }

  if (story.placed) {
    const placed = story.placed;
    await share(placed, -118);
    await consult(
      placed,
      -116,
      'Foster carers describe night waking and watchfulness at mealtimes. Discussed how the younger child looks to the older for safety. Recommended a formulation before the matching meeting.',
    );
    setDay(day(-112), '16:00');
    const first = await preparation.writeFormulation(
      psychologist,
      placed.childIds[0]!,
      {
        history: 'Synthetic demo history: early experiences of neglect; two moves in foster care before the current placement.',
        presentingNeeds:
          'Both children are watchful with new adults and find bedtimes and separations hard. The older child takes care of the younger, sometimes more than a child should.',
        whatHelps: 'Predictable routines, warning before changes, and an adult who stays nearby at bedtime.',
        strategiesForParents:
          'Name feelings out loud; keep bedtime the same every night; let the older child be a child by taking over the caring jobs gently.',
        recommendedSupport: 'Therapeutic parenting consultations in the first six months; school liaison before each move of class.',
      },
      0,
    );
    setDay(day(-30), '16:00');
    await preparation.writeFormulation(
      psychologist,
      placed.childIds[0]!,
      {
        history: 'Synthetic demo history: early experiences of neglect; two moves in foster care before the current placement.',
        presentingNeeds:
          'Settling well at home. Night waking has returned for the younger child since starting school; the older child is relaxing into being looked after.',
        whatHelps:
          'Predictable routines, warning before changes, an adult who stays nearby at bedtime, and a transitional object carried between home and school.',
        strategiesForParents:
          'Keep bedtime the same every night and respond to night waking with calm, brief comfort; praise the older child for playing rather than caring.',
        recommendedSupport: 'Therapeutic parenting consultations monthly; dyadic sessions if night waking continues past the next review.',
      },
      first.formulationVersion,
    );
  }

  if (story.introductions) {
    const match = story.introductions;
    await share(match, -70);
    await consult(
      match,
      -52,
      'Discussed how introductions can go at the child’s pace, and what helps with goodbyes to the foster carer. Agreed a longer gap between overnight stays if needed.',
    );
    setDay(day(-50), '16:00');
    await preparation.writeFormulation(
      psychologist,
      match.childIds[0]!,
      {
        history: 'Synthetic demo history: entered care as a toddler; one foster placement since.',
        presentingNeeds: 'Loud and busy when anxious; finds endings and goodbyes very hard.',
        whatHelps: 'Being told what will happen next, with pictures; time outdoors; a calm adult nearby.',
        strategiesForParents: 'Use a visual calendar of introductions; plan goodbyes and keep a link with the foster carer after moving.',
        recommendedSupport: 'A session with the therapeutic social worker in the first month after moving in.',
      },
      0,
    );

    // A Team Around the Child meeting before the overnight stays, with what was decided and who does what.
    const startsAt = walesInstant(day(-20), '10:00');
    setDay(day(-23));
    const meeting = await preparation.createMeeting(therapeuticWorker, {
      childIds: match.childIds,
      startsAt,
      endsAt: walesInstant(day(-20), '11:30'),
      location: 'Demo Family Centre, Bangor (fictional)',
      agenda: '1. How introductions are going\n2. Overnight stays and moving day\n3. School\n4. Support after moving in',
    });
    meetingIds.push(meeting.id);
    setDay(day(-20), '12:00');
    await preparation.addAttendee(therapeuticWorker, meeting.id, {
      userId: psychologist.userId,
      name: null,
      organisationName: null,
      roleDescription: 'Clinical psychologist',
      attended: true,
    });
    await preparation.addAttendee(therapeuticWorker, meeting.id, {
      userId: options.familyFinder.userId,
      name: null,
      organisationName: null,
      roleDescription: 'Family finder',
      attended: true,
    });
    await preparation.addAttendee(therapeuticWorker, meeting.id, {
      userId: options.referrerOf(match.childOrganisationId).userId,
      name: null,
      organisationName: null,
      roleDescription: 'Child’s local authority',
      attended: true,
    });
    await preparation.addAttendee(therapeuticWorker, meeting.id, {
      userId: null,
      name: 'Morgan Carer (fictional)',
      organisationName: 'Foster carer',
      roleDescription: 'Foster carer',
      attended: true,
    });
    const current = await preparation.getMeeting(therapeuticWorker, meeting.id);
    await preparation.updateMeeting(
      therapeuticWorker,
      meeting.id,
      {
        minutes:
          'Introductions are going well. The family and foster carer are working closely together. Goodbyes at the end of visits are still hard; the foster carer uses a countdown and a photo of the family’s house.',
        decisions:
          'Go ahead with two overnight stays before moving day. The foster carer will visit in the second week after the move. The school will be told the moving date.',
      },
      current.meeting.version,
    );
    const action = async (description: string, owner: RequestContext & { userId: string }, due: number) =>
      preparation.addAction(therapeuticWorker, meeting.id, { description, ownerId: owner.userId, dueDate: day(due) });
    const done = await action('Send the family the draft life story book to read before moving day', options.familyFinder, -10);
    await action('Visit the new school with the family and agree a settling-in plan', options.socialWorker, 5);
    await action('Write a one-page guide to bedtime and night waking for the family', therapeuticWorker, -3);
    setDay(day(-11), '16:30');
    await preparation.completeAction(options.familyFinder, done.id);
  }

  if (story.placed) {
    // The next meeting about the placed children, to come: the first review at home.
    setDay();
    const meeting = await preparation.createMeeting(therapeuticWorker, {
      childIds: story.placed.childIds,
      startsAt: walesInstant(day(6), '14:00'),
      endsAt: walesInstant(day(6), '15:30'),
      location: 'Video call',
      agenda: '1. The first weeks at home\n2. Sleep and school\n3. Review of the support plan',
    });
    await preparation.addAttendee(therapeuticWorker, meeting.id, {
      userId: psychologist.userId,
      name: null,
      organisationName: null,
      roleDescription: 'Clinical psychologist',
      attended: true,
    });
    meetingIds.push(meeting.id);
  }

  // The families' therapeutic preparation sessions, delivered by the clinical team.
  const sessions: { key: string; on: number; worker: RequestContext & { userId: string }; minutes: number; topics: PreparationTopic[]; reflection: string }[] =
    [
      {
        key: 'placed',
        on: -185,
        worker: therapeuticWorker,
        minutes: 120,
        topics: ['trauma_and_attachment', 'therapeutic_parenting'],
        reflection: 'Open and thoughtful; keen to understand what night waking can mean.',
      },
      {
        key: 'placed',
        on: -135,
        worker: psychologist,
        minutes: 90,
        topics: ['brothers_and_sisters', 'life_story_work'],
        reflection: 'Thought carefully about an older child who cares for a younger one.',
      },
      {
        key: 'placed',
        on: -65,
        worker: therapeuticWorker,
        minutes: 90,
        topics: ['introductions_and_moving', 'looking_after_yourselves'],
        reflection: 'Ready for introductions; a good plan for support from grandparents.',
      },
      {
        key: 'introductions',
        on: -100,
        worker: therapeuticWorker,
        minutes: 120,
        topics: ['trauma_and_attachment', 'identity_and_belonging'],
        reflection: 'Warm; thinking about how to keep the child’s Welsh and English both alive.',
      },
      {
        key: 'introductions',
        on: -40,
        worker: psychologist,
        minutes: 90,
        topics: ['introductions_and_moving', 'education_and_school'],
        reflection: 'Prepared for a busy, anxious child in the first weeks.',
      },
    ];
  for (const s of sessions) {
    const householdId = story.households.get(s.key);
    if (!householdId) continue;
    setDay(day(s.on), '18:00');
    const { applicants } = await preparation.sessionFormOptions(therapeuticWorker, householdId);
    await preparation.recordSession(therapeuticWorker, householdId, {
      workerId: s.worker.userId,
      sessionDate: day(s.on),
      durationMinutes: s.minutes,
      topics: s.topics,
      attendance: Object.fromEntries(applicants.map((a) => [a.id, true])),
      readinessReflection: s.reflection,
    });
  }
  setDay();
  return { meetingIds };
}
