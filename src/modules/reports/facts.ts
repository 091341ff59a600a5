/**
 * What a report is built from: counts, minutes and pence gathered over the period, exact and never a
 * person's record. Nothing here has passed disclosure control yet; the builder (build.ts) is the only
 * reader, and every figure it prints goes through the reporting module first. Labels that come from
 * other modules' vocabularies arrive in both languages.
 */

export type Bilingual = { en: string; cy: string };

/**
 * Children's journey in the period, per local authority (a commissioning authority's report has one row).
 * `authority` is the authority's English name, `authorityCy` its Welsh one when it has one: the report's
 * language chooses (platform/i18n/agency-text.ts).
 */
export type AuthorityFlow = {
  authority: string;
  authorityCy?: string | null;
  referred: number;
  accepted: number;
  matched: number;
  placed: number;
  adopted: number;
};

/** A share: how many of how many (both counts of children or families). */
export type ShareFact = { met: number; of: number };

/**
 * One group's satisfaction (local authorities, workers): questionnaires answered, the sum of their
 * overall scores and the score's range, and per statement who agreed (4 or 5 of 5) of who answered.
 */
export type GroupSatisfaction = {
  responses: number;
  scoreSum: number;
  min: number;
  max: number;
  statements: { item: Bilingual; agreed: number; answered: number }[];
};

export type ReportFacts = {
  flow: AuthorityFlow[];
  /** Sibling groups placed in the period: all together, or apart. */
  siblingGroups: { together: number; apart: number };
  /** Children referred in the period with each priority reason (a child may have several). */
  priorityReasons: { code: string; children: number }[];
  /** Children placed in the period by their number of ACEs (index = ACEs), and the comparison cohort. */
  aces: { distribution: number[]; comparatorMean: number; comparatorLabel: Bilingual };
  /** Timeliness and placement success: averages in days over children, and shares. */
  timeliness: {
    careToMovedIn: { children: number; averageDays: number | null };
    orderToDecision: { children: number; averageDays: number | null };
    movedInWithin14Months: ShareFact;
    stableAt12Months: ShareFact;
    disruptionsBeforeOrder: number;
  };
  /** Reliable change by scale over children with two measurements. */
  outcomes: { scale: Bilingual; improved: number; noChange: number; deteriorated: number }[];
  /** Families' satisfaction by item: how many agreed (4 or 5 of 5) of those who answered. */
  satisfaction: { item: Bilingual; agreed: number; answered: number }[];
  /** Local authorities' and workers' satisfaction in the period; null where the report does not gather it. */
  partnerSatisfaction: { localAuthorities: GroupSatisfaction | null; workers: GroupSatisfaction | null };
  recruitment: {
    enquiries: number;
    approvals: number;
    considerWaiting: number;
    preparationCompleted: number;
    trainingSessions: number;
    trainingMinutes: number;
  };
  /** Support delivered and the days families waited from asking to their first session. */
  support: { families: number; sessions: number; minutes: number; waitingDays: number[] };
  workforce: { staffTrained: number; trainingMinutes: number; supervisionSessions: number; supervisionMinutes: number };
  /** Money in the period (pence), or null where the report does not cover it. */
  money: { incomePence: number; costPence: number; placementsLasting: number } | null;
};

/** Facts with nothing in them: a period with no work, and the base of hand-made test data. */
export function emptyFacts(): ReportFacts {
  return {
    flow: [],
    siblingGroups: { together: 0, apart: 0 },
    priorityReasons: [],
    aces: { distribution: [], comparatorMean: 4, comparatorLabel: { en: 'comparison cohort', cy: 'carfan gymharu' } },
    timeliness: {
      careToMovedIn: { children: 0, averageDays: null },
      orderToDecision: { children: 0, averageDays: null },
      movedInWithin14Months: { met: 0, of: 0 },
      stableAt12Months: { met: 0, of: 0 },
      disruptionsBeforeOrder: 0,
    },
    outcomes: [],
    satisfaction: [],
    partnerSatisfaction: { localAuthorities: null, workers: null },
    recruitment: { enquiries: 0, approvals: 0, considerWaiting: 0, preparationCompleted: 0, trainingSessions: 0, trainingMinutes: 0 },
    support: { families: 0, sessions: 0, minutes: 0, waitingDays: [] },
    workforce: { staffTrained: 0, trainingMinutes: 0, supervisionSessions: 0, supervisionMinutes: 0 },
    money: null,
  };
}
