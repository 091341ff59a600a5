import type { z } from 'zod';
import type { siblingAssessmentInput, ChildInput } from './inputs.ts';
import type { Form } from '../../platform/forms/forms.ts';
import { LEGAL_BASES, type SiblingRelationship } from './vocabulary.ts';

/**
 * The referral journey as data: a typed sequence of steps (legal basis, one page per child,
 * brothers and sisters, check your answers). The page order lives here, not in file names, and
 * the answers between steps live in the referral's draft.
 */

export const MAX_CHILDREN = 8;

export type SiblingPair = { child: number; sibling: number; relationship: SiblingRelationship };
export type SiblingAssessment = z.infer<typeof siblingAssessmentInput>;

/** What a draft referral keeps between steps: answers already checked by the step that took them. */
export type ReferralDraft = {
  legalBasis?: (typeof LEGAL_BASES)[number];
  legalBasisNotes?: string | null;
  children: ChildInput[];
  siblingRelationships: SiblingPair[];
  siblingAssessment?: SiblingAssessment;
  /**
   * Pages saved with "Save and come back later" before they were complete: what was typed, as
   * typed, by page (`legal-basis`, `child-0`, `siblings`). Shown again when the person comes back;
   * the page's answers proper are taken only once it is complete.
   */
  unfinished?: Record<string, UnfinishedForm>;
};

/** The raw fields of a page as posted (text boxes, radios, checkboxes). */
export type UnfinishedForm = Record<string, string | string[]>;

export type StepRef = { step: 'legal-basis' } | { step: 'child'; index: number } | { step: 'siblings' } | { step: 'check' };

type Step = {
  id: StepRef['step'];
  /** Whether the step is part of this referral's journey (brothers and sisters only for 2 or more children). */
  applies: (draft: ReferralDraft) => boolean;
  /** Whether its answers are complete; the first incomplete step is where "Continue" lands. */
  complete: (draft: ReferralDraft) => boolean;
};

/** Every pair of children (by position), each once. */
export function siblingPairs(count: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let a = 0; a < count; a++) for (let b = a + 1; b < count; b++) pairs.push([a, b]);
  return pairs;
}

/** The key of a page among the draft's unfinished pages. */
export function pageKey(ref: StepRef): string {
  return ref.step === 'child' ? `child-${ref.index}` : ref.step;
}

/** Index of the first child whose page was saved unfinished, if any. */
function firstUnfinishedChild(draft: ReferralDraft): number | undefined {
  const indexes = Object.keys(draft.unfinished ?? {})
    .map((key) => /^child-(\d+)$/.exec(key)?.[1])
    .filter((i): i is string => i !== undefined)
    .map(Number);
  return indexes.length ? Math.min(...indexes) : undefined;
}

const isUnfinished = (draft: ReferralDraft, key: string) => Boolean(draft.unfinished?.[key]);

export const JOURNEY: readonly Step[] = [
  { id: 'legal-basis', applies: () => true, complete: (d) => Boolean(d.legalBasis) && !isUnfinished(d, 'legal-basis') },
  { id: 'child', applies: () => true, complete: (d) => d.children.length > 0 && firstUnfinishedChild(d) === undefined },
  {
    id: 'siblings',
    applies: (d) => d.children.length > 1,
    complete: (d) =>
      !isUnfinished(d, 'siblings') &&
      Boolean(d.siblingAssessment) &&
      siblingPairs(d.children.length).every(([a, b]) => d.siblingRelationships.some((p) => p.child === a && p.sibling === b)),
  },
  { id: 'check', applies: () => true, complete: () => false },
];

export function emptyDraft(): ReferralDraft {
  return { children: [], siblingRelationships: [] };
}

/** Where the person should go next: the first step of the journey not yet answered. */
export function firstIncomplete(draft: ReferralDraft): StepRef {
  for (const step of JOURNEY) {
    if (!step.applies(draft) || step.complete(draft)) continue;
    if (step.id === 'child') return { step: 'child', index: firstUnfinishedChild(draft) ?? 0 };
    return { step: step.id };
  }
  return { step: 'check' };
}

/** The step before this one, for the back link. */
export function previousStep(ref: StepRef, draft: ReferralDraft): StepRef | undefined {
  switch (ref.step) {
    case 'legal-basis':
      return undefined;
    case 'child':
      return ref.index === 0 ? { step: 'legal-basis' } : { step: 'child', index: ref.index - 1 };
    case 'siblings':
      return { step: 'child', index: Math.max(0, draft.children.length - 1) };
    case 'check':
      return draft.children.length > 1 ? { step: 'siblings' } : { step: 'child', index: Math.max(0, draft.children.length - 1) };
  }
}

/** The address of a step of a saved draft (children are numbered from 1 for people). */
export function stepUrl(draftId: string, ref: StepRef): string {
  const base = `/referrals/drafts/${draftId}`;
  switch (ref.step) {
    case 'legal-basis':
      return `${base}/legal-basis`;
    case 'child':
      return `${base}/children/${ref.index + 1}`;
    case 'siblings':
      return `${base}/siblings`;
    case 'check':
      return `${base}/check`;
  }
}

// ---------------------------------------------------------------------------------------------
// Changes to a draft: each returns a new draft, keeping brothers and sisters consistent.
// ---------------------------------------------------------------------------------------------

export function withChild(draft: ReferralDraft, index: number, child: ChildInput): ReferralDraft {
  const children = [...draft.children];
  children[index] = child;
  return withoutUnfinished({ ...draft, children }, { step: 'child', index });
}

/** A page kept as typed, unfinished (fields of the form only: no CSRF token, no button). */
export function withUnfinished(draft: ReferralDraft, ref: StepRef, form: Form): ReferralDraft {
  const kept: UnfinishedForm = {};
  for (const [name, value] of Object.entries(form).slice(0, 300)) {
    if (name === '_csrf' || name === 'action') continue;
    if (typeof value === 'string') kept[name] = value.slice(0, 20_000);
    else if (Array.isArray(value)) kept[name] = value.filter((v): v is string => typeof v === 'string').slice(0, 50);
  }
  return { ...draft, unfinished: { ...draft.unfinished, [pageKey(ref)]: kept } };
}

/** The page is complete now: what was kept unfinished goes. */
export function withoutUnfinished(draft: ReferralDraft, ref: StepRef): ReferralDraft {
  if (!draft.unfinished?.[pageKey(ref)]) return draft;
  const { [pageKey(ref)]: _done, ...rest } = draft.unfinished;
  return { ...draft, unfinished: Object.keys(rest).length ? rest : undefined };
}

/** What was typed on a page saved unfinished, to show it again. */
export function unfinishedForm(draft: ReferralDraft, ref: StepRef): UnfinishedForm | undefined {
  return draft.unfinished?.[pageKey(ref)];
}

/** Removes a child; relationships naming them go, later children move up one place. */
export function withoutChild(draft: ReferralDraft, index: number): ReferralDraft {
  const children = draft.children.filter((_, i) => i !== index);
  const shift = (i: number) => (i > index ? i - 1 : i);
  const siblingRelationships = draft.siblingRelationships
    .filter((p) => p.child !== index && p.sibling !== index)
    .map((p) => ({ ...p, child: shift(p.child), sibling: shift(p.sibling) }));
  // Unfinished pages of later children move up with them; the removed child's goes, and so does
  // an unfinished brothers-and-sisters page (its pairs no longer match the children).
  const unfinished: Record<string, UnfinishedForm> = {};
  for (const [key, form] of Object.entries(draft.unfinished ?? {})) {
    const child = /^child-(\d+)$/.exec(key);
    if (!child) {
      if (key !== 'siblings') unfinished[key] = form;
      continue;
    }
    const i = Number(child[1]);
    if (i !== index) unfinished[`child-${shift(i)}`] = form;
  }
  const rest = { ...draft, children, unfinished: Object.keys(unfinished).length ? unfinished : undefined };
  return children.length > 1 ? { ...rest, siblingRelationships } : { ...rest, siblingRelationships: [], siblingAssessment: undefined };
}

/** A stored draft read back leniently: a draft saved by an older version still opens. */
export function readDraft(stored: unknown): ReferralDraft {
  const value = (stored && typeof stored === 'object' ? stored : {}) as Partial<ReferralDraft>;
  return {
    legalBasis: (LEGAL_BASES as readonly string[]).includes(value.legalBasis ?? '') ? value.legalBasis : undefined,
    legalBasisNotes: value.legalBasisNotes ?? null,
    children: Array.isArray(value.children) ? value.children.slice(0, MAX_CHILDREN) : [],
    siblingRelationships: Array.isArray(value.siblingRelationships) ? value.siblingRelationships : [],
    siblingAssessment: value.siblingAssessment,
    unfinished: readUnfinished(value.unfinished),
  };
}

function readUnfinished(stored: unknown): Record<string, UnfinishedForm> | undefined {
  if (!stored || typeof stored !== 'object') return undefined;
  const pages: Record<string, UnfinishedForm> = {};
  for (const [key, form] of Object.entries(stored as Record<string, unknown>)) {
    if (!/^(legal-basis|siblings|child-\d+)$/.test(key) || !form || typeof form !== 'object') continue;
    pages[key] = Object.fromEntries(
      Object.entries(form as Record<string, unknown>).filter(([, v]) => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))),
    ) as UnfinishedForm;
  }
  return Object.keys(pages).length ? pages : undefined;
}

/** The step a whole-referral error belongs to ("children.1.dateOfBirth" is the second child's page). */
export function stepOfField(field: string): StepRef {
  const child = /^children\.(\d+)/.exec(field);
  if (child) return { step: 'child', index: Number(child[1]) };
  if (field.startsWith('sibling')) return { step: 'siblings' };
  if (field.startsWith('legalBasis')) return { step: 'legal-basis' };
  return { step: 'check' };
}
