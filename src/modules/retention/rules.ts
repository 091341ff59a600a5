import { addMonths, type IsoDate } from '../../platform/dates/dates.ts';

/**
 * When a record may be destroyed, and why: pure rules, no database and no clock (`today` is passed
 * in). The classes are data (the retention_classes table); these functions only apply them.
 */

/**
 * The kinds of record the platform finds (README.md says which it can also destroy): a household
 * (an enquiry, an application, an approved family), its portal conversation, a child's adoption
 * case record, a family's adoption support records, a case document, a leaver's account and their
 * training record.
 */
export const RECORD_KINDS = ['household', 'portal_thread', 'child', 'support', 'case_document', 'user_account', 'staff_training'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export type RetentionClass = {
  code: string;
  recordKind: string;
  /** Null for a class that is kept (the audit log). */
  periodMonths: number | null;
  /** The event the period runs from: 'adoption_order', 'closure', 'support_ended', 'never'. */
  runsFrom: string;
  disposal: 'review' | 'keep';
  covered: boolean;
  basis: string;
};

/** A record of one organisation as the owning module describes it for retention: ids and dates only. */
export type Candidate = {
  kind: RecordKind;
  id: string;
  organisationId: string;
  /** What people call it (a household's reference): no name, no address. */
  label: string;
  classCode: string;
  /** The day the class's period runs from (a closure, an adoption order). */
  eventDate: IsoDate;
  /** Other records whose hold also protects this one (a household protects its conversations, and the other way round). */
  protectedBy: { kind: RecordKind; id: string }[];
};

export type Hold = { id: string; recordKind: string; recordId: string; reason: string; placedAt: Date; version: number };

/** The review date of a record: its event date plus the class's period; null when the class is kept. */
export function reviewDate(retentionClass: Pick<RetentionClass, 'periodMonths' | 'disposal'>, eventDate: IsoDate): IsoDate | null {
  if (retentionClass.disposal === 'keep' || retentionClass.periodMonths === null) return null;
  return addMonths(eventDate, retentionClass.periodMonths);
}

export type Judgement =
  | { state: 'due'; dueDate: IsoDate }
  | { state: 'held'; dueDate: IsoDate; hold: Hold }
  | { state: 'not_yet'; dueDate: IsoDate }
  | { state: 'kept' }
  | { state: 'unknown_class' };

/** The hold in force on a record or on any record that protects it. */
export function holdOn(candidate: Pick<Candidate, 'kind' | 'id' | 'protectedBy'>, holds: readonly Hold[]): Hold | undefined {
  const keys = [{ kind: candidate.kind, id: candidate.id }, ...candidate.protectedBy];
  return holds.find((hold) => keys.some((key) => key.kind === hold.recordKind && key.id === hold.recordId));
}

/**
 * Whether a record may be destroyed today: past its review date (the day itself counts), under a
 * class that is reviewed, and held by nothing. A held record is never due, however old.
 */
export function judge(candidate: Candidate, classes: ReadonlyMap<string, RetentionClass>, holds: readonly Hold[], today: IsoDate): Judgement {
  const retentionClass = classes.get(candidate.classCode);
  // A case document follows its case's class, whatever kind of record the case is.
  if (!retentionClass || (retentionClass.recordKind !== candidate.kind && candidate.kind !== 'case_document')) return { state: 'unknown_class' };
  const dueDate = reviewDate(retentionClass, candidate.eventDate);
  if (dueDate === null) return { state: 'kept' };
  if (dueDate > today) return { state: 'not_yet', dueDate };
  const hold = holdOn(candidate, holds);
  if (hold) return { state: 'held', dueDate, hold };
  return { state: 'due', dueDate };
}

export type ReviewItem = Candidate & { dueDate: IsoDate; hold: Hold | null; why: { key: string; params: Record<string, string | number> } };
export type ReviewGroup = { retentionClass: RetentionClass; due: ReviewItem[]; held: ReviewItem[] };

/** Why a record is on the list, as a translation key with its values (the page says it in the reader's language). */
export function whyDue(retentionClass: RetentionClass, candidate: Candidate, dueDate: IsoDate): ReviewItem['why'] {
  return {
    key: `retention:why.${retentionClass.runsFrom}`,
    params: { eventDate: candidate.eventDate, years: Math.floor((retentionClass.periodMonths ?? 0) / 12), months: retentionClass.periodMonths ?? 0, dueDate },
  };
}

/**
 * The administrator's review list: the records past their period, grouped by class in the classes'
 * order, each with why; held records are listed apart (they are never destroyed). Records not yet
 * due are left out.
 */
export function reviewList(candidates: readonly Candidate[], classes: readonly RetentionClass[], holds: readonly Hold[], today: IsoDate): ReviewGroup[] {
  const byCode = new Map(classes.map((c) => [c.code, c]));
  const groups = new Map<string, ReviewGroup>();
  for (const candidate of candidates) {
    const judgement = judge(candidate, byCode, holds, today);
    if (judgement.state !== 'due' && judgement.state !== 'held') continue;
    const retentionClass = byCode.get(candidate.classCode)!;
    const group = groups.get(retentionClass.code) ?? { retentionClass, due: [], held: [] };
    groups.set(retentionClass.code, group);
    const item: ReviewItem = {
      ...candidate,
      dueDate: judgement.dueDate,
      hold: judgement.state === 'held' ? judgement.hold : null,
      why: whyDue(retentionClass, candidate, judgement.dueDate),
    };
    (judgement.state === 'held' ? group.held : group.due).push(item);
  }
  const order = new Map(classes.map((c, i) => [c.code, i]));
  for (const group of groups.values()) {
    const byDue = (a: ReviewItem, b: ReviewItem) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id);
    group.due.sort(byDue);
    group.held.sort(byDue);
  }
  return [...groups.values()].sort((a, b) => order.get(a.retentionClass.code)! - order.get(b.retentionClass.code)!);
}

/** The rule a tombstone records, in words that stay true whatever the class table later says. */
export function ruleApplied(retentionClass: RetentionClass): string {
  return `${retentionClass.code}: ${retentionClass.periodMonths ?? 'kept'} months from ${retentionClass.runsFrom} (${retentionClass.basis})`;
}

/** A closed household's class: an enquiry that went no further, or an application withdrawn or not approved before approval. */
export function householdClass(household: {
  closedDate: IsoDate | null;
  registrationDate: IsoDate | null;
  approvedDate: IsoDate | null;
  closed: boolean;
}): 'enquiry_not_proceeded' | 'household_withdrawn_before_approval' | null {
  if (!household.closed || !household.closedDate) return null;
  if (household.approvedDate) return null; // an approved family's records follow the adopted children's (approvedFamilyEventDate)
  return household.registrationDate ? 'household_withdrawn_before_approval' : 'enquiry_not_proceeded';
}

/** A closed case's conversation runs from the later of the case's closure and its last message. */
export function conversationEventDate(closedDate: IsoDate, lastMessageDate: IsoDate): IsoDate {
  return lastMessageDate > closedDate ? lastMessageDate : closedDate;
}
