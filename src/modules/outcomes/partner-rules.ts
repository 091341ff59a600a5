import { addDays, type IsoDate } from '../../platform/dates/dates.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import type { InstrumentDefinition } from './instrument.ts';
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
