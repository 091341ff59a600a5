import type { RequestContext } from '../../platform/policy/actor.ts';
import type { IsoDate } from '../../platform/dates/dates.ts';
import type { MatchingStory, SetDay } from '../matching/index.ts';
import { addDays } from '../../platform/dates/add-days.ts';
import { walesInstant } from '../../platform/dates/times.ts';
import type { SessionInput } from './inputs.ts';
import type { SupportService } from './service.ts';

export type SupportDemoOptions = {
  today: IsoDate;
  setDay: SetDay;
  socialWorker: RequestContext & { userId: string };
  familyFinder: RequestContext & { userId: string };
  therapeuticWorker: RequestContext & { userId: string };
  /** The clinical partner's psychologist, who leads the family's dyadic developmental psychotherapy (null: nobody). */
  psychologist: (RequestContext & { userId: string }) | null;
  /** The demo adopter, signed in as the placed family: they ask for support from their portal. */
  adopter: RequestContext | null;
};

/**
 * Support after placement for the story's placed family, through the support service: the plan
 * agreed at the matching panel with its items, sessions delivered (notes for the clinical team)
 * and to come (the clinical partner’s psychologist leads its dyadic developmental psychotherapy), the support group they came to, a request the family made from their portal, still waiting, and a worker's request
 * for the family in introductions, already allocated. Placement stability follows from the
 * placement itself.
 */
export async function seedDemoSupport(
  support: SupportService,
  story: MatchingStory,
  options: SupportDemoOptions,
): Promise<{ planId: string | null; requestIds: string[] }> {
  const { today, setDay, socialWorker, therapeuticWorker } = options;
  const day = (days: number) => addDays(today, days);
  const requestIds: string[] = [];
  let planId: string | null = null;

  const placed = story.placed;
  if (placed) {
    setDay(day(-70), '16:00');
    const plan = await support.createPlan(socialWorker, {
      matchId: placed.matchId,
      needsSummary: `${placed.childNames.join(' and ')} need help to feel safe at night and through changes at school; the older child needs permission to stop looking after the younger one. Their parents asked for regular time with the clinical team in the first months.`,
      agreedDate: day(-70),
      nextReviewDate: day(20),
      items: [
        {
          need: 'Settling and attachment',
          support: 'Therapeutic parenting consultations with the therapeutic social worker',
          provider: 'Demo Adoption Agency (fictional)',
          frequency: 'Monthly for the first six months',
        },
        {
          need: 'Starting at a new school',
          support: 'School liaison before the first term and each move of class',
          provider: 'Demo Adoption Agency (fictional)',
          frequency: 'Termly',
        },
        {
          need: 'Keeping in touch with birth family',
          support: 'Letterbox contact, supported by the agency',
          provider: 'Demo Adoption Agency (fictional)',
          frequency: 'Twice a year',
        },
      ],
    });
    planId = plan.id;

    const sessions: (Omit<SessionInput, 'householdId' | 'matchId' | 'startsAt' | 'workerId'> & {
      on: number;
      time: string;
      worker: RequestContext & { userId: string };
    })[] = [
      {
        on: -35,
        time: '10:00',
        worker: therapeuticWorker,
        kind: 'family_consultation',
        durationMinutes: 60,
        mode: 'in_person',
        status: 'delivered',
        notes: 'First visit at home. Bedtime takes an hour; agreed a shorter, fixed routine.',
      },
      {
        on: -21,
        time: '13:30',
        worker: therapeuticWorker,
        kind: 'therapeutic_parenting_consultation',
        durationMinutes: 60,
        mode: 'video',
        status: 'delivered',
        notes: 'Routine holding. Talked about the older child’s caring role and how to take it over gently.',
      },
      ...(options.psychologist
        ? [
            {
              on: -14,
              time: '15:30',
              worker: options.psychologist,
              kind: 'dyadic_developmental_psychotherapy' as const,
              durationMinutes: 90,
              mode: 'in_person' as const,
              status: 'delivered' as const,
              notes: 'First session with the parents and the younger child: playful, accepting; the child stayed close to the mother throughout.',
            },
            {
              on: 11,
              time: '15:30',
              worker: options.psychologist,
              kind: 'dyadic_developmental_psychotherapy' as const,
              durationMinutes: 90,
              mode: 'in_person' as const,
              status: 'planned' as const,
              notes: null,
            },
          ]
        : []),
      {
        on: -9,
        time: '09:15',
        worker: socialWorker,
        kind: 'school_liaison',
        durationMinutes: 45,
        mode: 'in_person',
        status: 'delivered',
        notes: 'Met the class teacher; a quiet space and a key adult agreed.',
      },
      {
        on: 4,
        time: '10:00',
        worker: therapeuticWorker,
        kind: 'therapeutic_parenting_consultation',
        durationMinutes: 60,
        mode: 'in_person',
        status: 'planned',
        notes: null,
      },
      {
        on: 18,
        time: '13:30',
        worker: therapeuticWorker,
        kind: 'therapeutic_parenting_consultation',
        durationMinutes: 60,
        mode: 'video',
        status: 'planned',
        notes: null,
      },
    ];
    for (const { on, time, worker, ...session } of sessions) {
      // A delivered session is recorded the evening it happened; a coming one today.
      if (session.status === 'delivered') setDay(day(on), '17:00');
      else setDay();
      await support.createSession(socialWorker, {
        ...session,
        householdId: placed.householdId,
        matchId: placed.matchId,
        workerId: worker.userId,
        startsAt: walesInstant(day(on), time),
      });
    }

    // The agency's monthly support group for adoptive families: the placed family came to last
    // month's and is expected at the next.
    for (const [on, attended] of [
      [-14, true],
      [14, null],
    ] as const) {
      setDay(day(on - 30), '12:00');
      const group = await support.createEvent(socialWorker, {
        kind: 'support_group',
        title: 'Adoptive families’ support group (fictional)',
        titleCy: 'Grŵp cymorth teuluoedd mabwysiadol (ffuglennol)',
        venue: 'Demo Family Centre, Cardiff (fictional)',
        facilitatorId: therapeuticWorker.userId,
        startsAt: walesInstant(day(on), '18:30'),
        endsAt: walesInstant(day(on), '20:00'),
      });
      if (attended) setDay(day(on), '20:30');
      await support.recordAttendance(socialWorker, group.id, { householdId: placed.householdId, attended, adults: 2, children: 0 });
    }

    if (options.adopter) {
      setDay(day(-3), '21:15');
      const { request } = await support.requestSupportAsFamily(
        options.adopter,
        'Our youngest has started waking in the night again since starting school. Could we talk to someone about bedtimes before the review?',
      );
      requestIds.push(request.id);
    }
  }

  const introductions = story.introductions;
  if (introductions) {
    setDay(day(-8), '11:00');
    const request = await support.createRequest(options.familyFinder, {
      householdId: introductions.householdId,
      need: 'A session on managing goodbyes with the foster carer after moving day.',
    });
    setDay(day(-6), '09:30');
    await support.allocateRequest(socialWorker, request.id, therapeuticWorker.userId, request.version);
    requestIds.push(request.id);
  }
  setDay();
  return { planId, requestIds };
}
