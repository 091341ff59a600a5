import type { FieldError } from '../../platform/http/errors.ts';
import type { InstrumentDefinition } from './instrument.ts';

/**
 * Checks scale scores against the definition they are entered for: every scale present, a whole
 * number in its range, totals equal to the sum of their parts. Every mistake is named beside its
 * scale (`scores.<code>`), so the person sees them all at once and nothing is saved.
 */
export function scoreProblems(definition: InstrumentDefinition, scores: Record<string, unknown>): FieldError[] {
  const problems: FieldError[] = [];
  const known = new Set(definition.scales.map((s) => s.code));
  for (const code of Object.keys(scores)) {
    if (!known.has(code)) problems.push({ field: `scores.${code}`, key: 'outcomes:errors.score.unknownScale', params: { scale: code } });
  }
  const valid = new Map<string, number>();
  for (const scale of definition.scales) {
    const raw = scores[scale.code];
    const field = `scores.${scale.code}`;
    if (raw === undefined || raw === null || raw === '') {
      problems.push({ field, key: 'outcomes:errors.score.required', params: { scale: scale.code } });
      continue;
    }
    const value = typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      problems.push({ field, key: 'outcomes:errors.score.whole', params: { scale: scale.code } });
    } else if (value < scale.min || value > scale.max) {
      problems.push({ field, key: 'outcomes:errors.score.range', params: { scale: scale.code, min: scale.min, max: scale.max } });
    } else {
      valid.set(scale.code, value);
    }
  }
  for (const scale of definition.scales) {
    if (!scale.sumOf || !valid.has(scale.code) || !scale.sumOf.every((part) => valid.has(part))) continue;
    const sum = scale.sumOf.reduce((total, part) => total + valid.get(part)!, 0);
    if (sum !== valid.get(scale.code)) {
      problems.push({ field: `scores.${scale.code}`, key: 'outcomes:errors.score.sum', params: { scale: scale.code, sum } });
    }
  }
  return problems;
}

/** The scores as whole numbers, once scoreProblems found none. */
export function wholeScores(definition: InstrumentDefinition, scores: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(definition.scales.map((s) => [s.code, Number(scores[s.code])]));
}

/** Scale scores of a questionnaire answered item by item: each scale the sum of its items' answers. */
export function scoreAnswers(definition: InstrumentDefinition, answers: Record<string, number>): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const item of definition.items ?? []) scores[item.scale] = (scores[item.scale] ?? 0) + (answers[item.code] ?? 0);
  return scores;
}

/** Items of a questionnaire not yet answered, or answered with a value it does not offer. */
export function answerProblems(definition: InstrumentDefinition, answers: Record<string, unknown>, complete: boolean): FieldError[] {
  const problems: FieldError[] = [];
  for (const item of definition.items ?? []) {
    const value = answers[item.code];
    if (value === undefined || value === null || value === '') {
      if (complete) problems.push({ field: `answers.${item.code}`, key: 'outcomes:errors.answer.required' });
    } else if (!item.answers.some((a) => a.value === value)) {
      problems.push({ field: `answers.${item.code}`, key: 'outcomes:errors.answer.invalid' });
    }
  }
  return problems;
}
