import type { Tx } from '../db/pool.ts';
import type { RequestContext } from '../policy/actor.ts';
import type { IsoDate } from '../dates/dates.ts';

/** The children a step concerns, in sibling-group order (the first is priced as the first child). */
export type EventChild = { id: string; localAuthorityId: string };

/**
 * Named steps of the workflow another part of the platform may follow. Each is published by the
 * module that owns the step, inside that step's transaction, so whatever follows it (a fee raised)
 * commits or rolls back with it. Payloads are plain facts (ids and dates): a subscriber asks the
 * owner's front door for anything more.
 */
export type WorkflowEvents = {
  /** The agency accepted a referral (a sibling group referred together is one referral). */
  'referral.accepted': { referralId: string; agencyId: string; children: EventChild[]; date: IsoDate };
  /** The agency decision maker approved a match (introductions may begin). */
  'match.approved': { matchId: string; agencyId: string; children: EventChild[]; date: IsoDate };
  /** The children moved in with their adoptive family. */
  'match.placed': { matchId: string; agencyId: string; children: EventChild[]; date: IsoDate };
  /** The court made the adoption order. */
  'match.adoptionOrder': { matchId: string; agencyId: string; children: EventChild[]; date: IsoDate };
  /** A further year of adoption support began for placed children (year 1 starts at placement). */
  'support.yearBegan': { placementKey: string; year: number; agencyId: string; children: EventChild[]; date: IsoDate };
  /**
   * A message was sent in the portal: to the family (`toFamily`) or to the thread's worker. Ids only:
   * the notifications service asks the portal's front door for anything it needs to say.
   */
  'portal.messageReceived': { messageId: string; threadId: string; householdId: string; organisationId: string; toFamily: boolean; recipientUserIds: string[] };
  /** The allocated worker asked the family (`recipientUserIds`) for a document of `kind` (again, with a reason, when `again`). */
  'portal.documentRequested': {
    portalDocumentId: string;
    householdId: string;
    organisationId: string;
    kind: string;
    again: boolean;
    recipientUserIds: string[];
  };
  /** A family expressed interest in children whose profiles were shown to them (matching's expressions of interest). Ids only. */
  'matching.interestExpressed': { interestId: string; householdId: string; organisationId: string; childIds: string[]; recipientUserIds: string[] };
  /** The agency answered an interest: a link explored (`matchId`), or not taken forward with its reason. Ids only; the family are `recipientUserIds`. */
  'matching.interestAnswered': {
    interestId: string;
    householdId: string;
    organisationId: string;
    answer: 'exploring' | 'not_taken_forward';
    matchId: string | null;
    recipientUserIds: string[];
  };
  /**
   * A step was taken back: whatever it raised is reversed, never edited. `because` says why (a
   * placement that disrupted, a match ended during introductions), so a follower may treat a
   * disruption as the agency chose (finance: whether the placement fees are taken back).
   */
  'step.reversed': {
    step: 'referral.accepted' | 'match.approved' | 'match.placed' | 'match.adoptionOrder';
    because: 'disruption' | 'endedDuringIntroductions';
    agencyId: string;
    key: string;
    reason: string;
    date: IsoDate;
  };
};

export type WorkflowEventName = keyof WorkflowEvents;
export type Subscriber<N extends WorkflowEventName> = (tx: Tx, ctx: RequestContext, event: WorkflowEvents[N]) => Promise<void>;

/**
 * The in-transaction hook between modules: publishers know no subscriber (children and matching
 * import nothing of finance); the composition root (src/server/services.ts) subscribes. A
 * subscriber's error rolls back the step that published, so a step never commits without its fee.
 */
export function createWorkflowEvents() {
  const subscribers = new Map<WorkflowEventName, Subscriber<WorkflowEventName>[]>();
  return {
    subscribe<N extends WorkflowEventName>(name: N, subscriber: Subscriber<N>): void {
      const list = subscribers.get(name) ?? [];
      list.push(subscriber as unknown as Subscriber<WorkflowEventName>);
      subscribers.set(name, list);
    },
    /** Called inside the publishing step's transaction; subscribers run one after another, in it. */
    async publish<N extends WorkflowEventName>(tx: Tx, ctx: RequestContext, name: N, event: WorkflowEvents[N]): Promise<void> {
      for (const subscriber of subscribers.get(name) ?? []) await (subscriber as unknown as Subscriber<N>)(tx, ctx, event);
    },
  };
}

export type WorkflowEventBus = ReturnType<typeof createWorkflowEvents>;
