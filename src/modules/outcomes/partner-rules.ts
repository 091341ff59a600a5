import { addDays, type IsoDate } from '../../platform/dates/dates.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import type { InstrumentDefinition, Text } from './instrument.ts';
import { dueDates } from './schedule.ts';
import { answerProblems, scoreAnswers } from './scores.ts';

/**
 * Pure rules of the partners' satisfaction questionnaires: what a local authority has due for its
 * placed children, which financial year a worker answers for, and reading one answered form.
 */

export type AuthorityDue = {
  childId: string;
  /** The agency that placed the child: its service is the one rated. */
  agencyId: string;
  months: number;
  dueOn: IsoDate;
  windowEnd: IsoDate;
  state: 'due' | 'overdue';
};

/**
 * The authority's questionnaires open on `today`: for each child placed (and not disrupted), each
 * point of the schedule whose window has opened and that nobody from the authority has answered
 * (`answered` holds `childId|dueOn`). A point past its window stays open, overdue: the authority's
 * view of a placement is worth having late, and there is no later point it would crowd out.
 */
export function authorityQuestionnairesDue(
  schedule: InstrumentDefinition['schedule'],
  placements: readonly { agencyId: string; childIds: readonly string[]; placementDate: IsoDate }[],
  answered: ReadonlySet<string>,
  today: IsoDate,
): AuthorityDue[] {
  const due: AuthorityDue[] = [];
  for (const placement of placements) {
    for (const point of dueDates(schedule, { referralAcceptedOn: null, placementDate: placement.placementDate })) {
      const windowStart = addDays(point.dueOn, -schedule.windowDaysBefore);
      const windowEnd = addDays(point.dueOn, schedule.windowDaysAfter);
      if (today < windowStart) continue;
      for (const childId of placement.childIds) {
        if (answered.has(`${childId}|${point.dueOn}`)) continue;
        due.push({ childId, agencyId: placement.agencyId, months: point.months, dueOn: point.dueOn, windowEnd, state: today <= windowEnd ? 'due' : 'overdue' });
      }
    }
  }
  return due.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.childId < b.childId ? -1 : 1));
}

export type FinancialYear = { period: string; startsOn: IsoDate; endsOn: IsoDate };

/** The financial year (1 April to 31 March) holding `today`, named as funders name it: 2026-27. */
export function financialYearOf(today: IsoDate): FinancialYear {
  const year = Number(today.slice(0, 4));
  const start = today.slice(5) >= '04-01' ? year : year - 1;
  return { period: `${start}-${String((start + 1) % 100).padStart(2, '0')}`, startsOn: `${start}-04-01`, endsOn: `${start + 1}-03-31` };
}

export type ReadAnswers = { answers: Record<string, number>; comment: string | null; scores: Record<string, number>; problems: FieldError[] };

/**
 * One answered questionnaire, as sent: every statement answered with a value it offers, and an
 * optional comment within the definition's length. Answered in one go (nothing half-written is
 * kept), so every mistake is named at once and nothing is stored while any remains.
 */
export function readAnswers(definition: InstrumentDefinition, raw: Record<string, unknown>, rawComment: unknown): ReadAnswers {
  const answers: Record<string, number> = {};
  const given: Record<string, unknown> = {};
  for (const item of definition.items ?? []) {
    const value = raw[item.code];
    if (value === undefined || value === '') continue;
    given[item.code] = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof given[item.code] === 'number') answers[item.code] = given[item.code] as number;
  }
  const read = readComment(definition, rawComment);
  const problems = [...answerProblems(definition, given, true), ...read.problems];
  return { answers, comment: read.comment, scores: problems.length ? {} : scoreAnswers(definition, answers), problems };
}

/** The optional comment as typed: trimmed, none when empty, refused when the questionnaire asks none or it is too long. */
export function readComment(definition: InstrumentDefinition, rawComment: unknown): { comment: string | null; problems: FieldError[] } {
  const comment = typeof rawComment === 'string' ? rawComment.trim() : '';
  const problems: FieldError[] = [];
  if (definition.commentMaxLength === undefined && comment) problems.push({ field: 'comment', key: 'outcomes:errors.comment.notAsked' });
  else if (definition.commentMaxLength !== undefined && comment.length > definition.commentMaxLength)
    problems.push({ field: 'comment', key: 'outcomes:errors.comment.tooLong', params: { max: definition.commentMaxLength } });
  return { comment: comment || null, problems };
}

/**
 * The financial years (2025-26) lying wholly inside a report's period, `from` and `to` inclusive. A
 * worker's answer holds its financial year and no day, so a report counts it only when the whole
 * year is inside its period: a quarter's report never carries a year's answers it cannot place.
 */
export function financialYearsWithin(from: IsoDate, to: IsoDate): string[] {
  const years: string[] = [];
  for (let year = financialYearOf(from); year.endsOn <= to; year = financialYearOf(addDays(year.endsOn, 1))) if (year.startsOn >= from) years.push(year.period);
  return years;
}

/**
 * What a funder's or commissioner's report needs of the local authorities' and workers' satisfaction:
 * counts and sums over the period, never an answer, a comment or who gave it. The reports module puts
 * every figure through disclosure control before anything leaves the agency.
 */
export type StatementCounts = { code: string; text: Text; answered: number; agreed: number };
export type GroupSatisfactionCounts = {
  /** Questionnaires answered (each with its overall score). */
  responses: number;
  /** The sum of their overall scores: the mean is scoreSum / responses. */
  scoreSum: number;
  /** The overall score's range (the number of statements, and five times it). */
  min: number;
  max: number;
  statements: StatementCounts[];
};
export type PartnerSatisfactionCounts = { localAuthorities: GroupSatisfactionCounts; workers: GroupSatisfactionCounts };

/** Counts of one questionnaire's answers: per statement who answered and who agreed (the top two answers), and the overall score's sum. */
export function satisfactionCounts(
  definition: InstrumentDefinition,
  rows: readonly { answers: Record<string, number>; scores: Record<string, number> | null }[],
): GroupSatisfactionCounts {
  const scale = definition.scales[0]!;
  const scores = rows.map((r) => r.scores?.[scale.code]).filter((v): v is number => typeof v === 'number');
  const statements = (definition.items ?? []).map((item) => {
    const agreeFrom = Math.max(...item.answers.map((a) => a.value)) - 1;
    const values = rows.map((r) => r.answers[item.code]).filter((v): v is number => typeof v === 'number');
    return { code: item.code, text: item.text, answered: values.length, agreed: values.filter((v) => v >= agreeFrom).length };
  });
  return { responses: scores.length, scoreSum: scores.reduce((a, b) => a + b, 0), min: scale.min, max: scale.max, statements };
}
