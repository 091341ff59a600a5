/**
 * A compatibility result in sentences a worker (or a family) can read, in English or Welsh:
 * every limit broken, every criterion with the points it adds, and what is not known.
 * Pure: the caller passes the translator (src/platform/i18n/i18n.ts `translator(language)`).
 */
import type { CompatibilityResult, Exclusion, MissingData, Params, Reason } from './compatibility.ts';
import { MAX_CHILDREN_CONSIDERED } from '../recruitment/index.ts';

export type Translate = (key: string, params?: Record<string, unknown>) => string;

export type ExplainedResult = {
  /** The score and how much of it rests on known data, or why the pair is not scored. */
  summary: string[];
  exclusions: string[];
  reasons: string[];
  missing: string[];
};

/** The result as sentences, in sections (for a page that lays them out). */
export function explainSections(result: CompatibilityResult, t: Translate): ExplainedResult {
  const summary: string[] = [];
  if (!result.eligible) summary.push(t('matching:score.excluded'));
  else {
    summary.push(t('matching:score.summary', { score: result.score }));
    const assessedAny = result.reasons.some((r) => r.available > 0);
    if (!assessedAny) summary.push(t('matching:score.nothingAssessed'));
    else if (result.coverage !== null && result.coverage < 1) summary.push(t('matching:score.coverage', { percent: Math.round(result.coverage * 100) }));
  }
  return {
    summary,
    exclusions: result.exclusions.map((e) => exclusionSentence(e, t)),
    reasons: result.reasons.map((r) => reasonSentence(r, t)),
    missing: result.missing.map((m) => missingSentence(m, t)),
  };
}

/** The result as sentences, in reading order: summary, limits broken, reasons, what is missing. */
export function explain(result: CompatibilityResult, t: Translate): string[] {
  const s = explainSections(result, t);
  return [...s.summary, ...s.exclusions, ...s.reasons, ...s.missing];
}

function exclusionSentence(e: Exclusion, t: Translate): string {
  const p = e.params;
  switch (e.code) {
    case 'children_count':
      return t('matching:exclusion.children_count', { size: p.size, range: childrenRange(Number(p.min), Number(p.max), t) });
    case 'need':
    case 'need_not_rated':
      return t(`matching:exclusion.${e.code}`, {
        need: t(`children:vocabulary.need.${word(p.need)}`),
        severity: t(`children:vocabulary.severity.${word(p.severity)}`),
      });
    case 'contact':
      return t('matching:exclusion.contact', { contact: t(`recruitment:vocabulary.contact.${word(p.contact)}`) });
    case 'safety_distance':
      return t('matching:exclusion.safety_distance', { limit: p.limitKm, distance: p.distanceKm });
    default:
      return t(`matching:exclusion.${e.code}`, p);
  }
}

/** A parameter naming a word of a vocabulary, as the last part of a translation key. */
function word(value: Params[string] | undefined): string {
  return typeof value === 'string' ? value : String(value);
}

function childrenRange(min: number, max: number, t: Translate): string {
  if (max >= MAX_CHILDREN_CONSIDERED) return t('matching:range.atLeast', { min });
  if (min === max) return t('matching:range.exactly', { min });
  return t('matching:range.between', { min, max });
}

function reasonSentence(r: Reason, t: Translate): string {
  const points =
    r.status === 'unknown' || r.status === 'not_applicable'
      ? t('matching:score.notCounted')
      : t('matching:score.points', { contribution: r.contribution, available: r.available });
  const p = r.params;
  const assessed = r.status === 'met' || r.status === 'partly' || r.status === 'not_met';
  switch (r.criterion) {
    case 'needs':
      return assessed ? t('matching:reason.needs.assessed', { ...p, points }) : t('matching:reason.needs.not_applicable', { points });
    case 'age':
      return assessed
        ? t('matching:reason.age.assessed', { ages: list(p.ages), min: p.min, max: p.max, points })
        : t('matching:reason.age.unknown', { points });
    case 'language': {
      if (r.status === 'not_applicable') return t('matching:reason.language.not_applicable', { points });
      const outcome = r.status === 'unknown' ? 'unknown' : r.status === 'met' ? 'met' : 'not_met';
      return t(`matching:reason.language.${outcome}.${word(p.because)}`, { points });
    }
    case 'identity': {
      if (r.status === 'not_applicable') return t('matching:reason.identity.not_applicable', { points });
      if (!('religion' in p)) return t('matching:reason.identity.not_recorded', { points });
      const parts: string[] = [];
      if (p.religion !== 'not_important') parts.push(t(`matching:reason.identity.religion.${word(p.religion)}`));
      if (p.ethnicity !== 'not_important') parts.push(t(`matching:reason.identity.ethnicity.${word(p.ethnicity)}`));
      return t('matching:reason.identity.assessed', { parts: parts.join('; '), points });
    }
    case 'supportNetwork':
      return r.status === 'unknown'
        ? t('matching:reason.supportNetwork.unknown', { points })
        : t(`matching:reason.supportNetwork.${word(p.level)}`, { points });
    case 'contactDistance':
      if (assessed) return t('matching:reason.contactDistance.assessed', { distances: list(p.distances), fullKm: p.fullKm, maxKm: p.maxKm, points });
      return t(`matching:reason.contactDistance.${r.status}`, { points });
    default:
      // experience, therapeuticPreparation: met, not_met or unknown
      return t(`matching:reason.${r.criterion}.${r.status}`, { points });
  }
}

function missingSentence(m: MissingData, t: Translate): string {
  if (m.code === 'household_location') {
    const which = m.params.birthFamily && m.params.contacts ? 'both' : m.params.birthFamily ? 'safety' : 'contacts';
    return t(`matching:missing.household_location.${which}`);
  }
  // Plural messages: the count is the children of the group, or the postcodes looked up.
  return t(`matching:missing.${m.code}`, { ...m.params, count: Number(m.code === 'child_age' ? m.params.size : m.params.total) });
}

function list(value: Params[string] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : String(value ?? '');
}
