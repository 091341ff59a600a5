import { organisationNameText } from '../../platform/i18n/agency-text.ts';
import type { Language } from '../../platform/i18n/i18n.ts';
import type { SearchFindings } from './service.ts';

/**
 * What a search found, as a reader meets it: grouped by kind, each result a link to its record with
 * the reason it was found. Pure: the words come from `t`, dates are written by `date`.
 */

export const SEARCH_KINDS = ['children', 'referrals', 'households', 'people'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export type SearchResult = {
  kind: SearchKind;
  id: string;
  /** The reference the service shows for the record (a child's and a referral's is the start of its id). */
  reference: string;
  href: string;
  title: string;
  /** Why it was found: which of the record's fields matched (a code; the page names it). */
  matchedOn: 'name' | 'knownAs' | 'reference' | 'localAuthorityReference' | 'childName' | 'applicantName' | 'email';
  /** How closely it matched, 0 to 1 (an exact reference is 1). */
  score: number;
  /** A few facts to tell two records of the same name apart. */
  details: string[];
  /** A referral not yet sent: the page marks it, and the link continues it. */
  draft?: boolean;
};

export type SearchGroup = { kind: SearchKind; results: SearchResult[] };

type T = (key: string, params?: Record<string, unknown>) => string;

const shortReference = (id: string) => id.slice(0, 8).toUpperCase();

export function searchGroups(found: SearchFindings, t: T, date: (iso: string) => string, language: Language): SearchGroup[] {
  const groups: SearchGroup[] = [];
  if (found.children) {
    groups.push({
      kind: 'children',
      results: found.children.map((c) => {
        const legalName = `${c.legalGivenNames} ${c.legalFamilyName}`;
        const title = !c.preferredName || legalName.startsWith(`${c.preferredName} `) ? legalName : `${c.preferredName} (${legalName})`;
        return {
          kind: 'children',
          id: c.id,
          reference: shortReference(c.id),
          href: `/children/${c.id}`,
          title,
          matchedOn: c.matchedOn,
          score: c.score,
          details: [
            t('search:details.born', { date: date(c.dateOfBirth) }),
            t(`children:vocabulary.status.${c.status}`),
            t('search:details.reference', { reference: shortReference(c.id) }),
            ...(c.localAuthorityReference ? [t('search:details.localAuthorityReference', { reference: c.localAuthorityReference })] : []),
          ],
        };
      }),
    });
  }
  if (found.referrals) {
    groups.push({
      kind: 'referrals',
      results: found.referrals.map((r) => {
        const draft = r.status === 'draft';
        return {
          kind: 'referrals' as const,
          id: r.id,
          reference: shortReference(r.id),
          href: draft ? `/referrals/drafts/${r.id}/check` : `/referrals/${r.id}`,
          title: t(draft ? 'search:titles.draft' : 'search:titles.referral', { reference: shortReference(r.id) }),
          matchedOn: r.matchedOn,
          score: r.score,
          details: [
            r.childNames.join(', '),
            organisationNameText({ name: r.authorityName, nameCy: r.authorityNameCy }, language),
            t(`children:vocabulary.referralStatus.${r.status}`),
            ...(r.submittedAt ? [t('search:details.submitted', { date: date(r.submittedAt.toISOString()) })] : []),
          ].filter(Boolean),
          ...(draft ? { draft: true } : {}),
        };
      }),
    });
  }
  if (found.households) {
    groups.push({
      kind: 'households',
      results: found.households.map((h) => ({
        kind: 'households',
        id: h.id,
        reference: h.reference,
        href: `/households/${h.id}`,
        title: h.applicantNames.length ? h.applicantNames.join(' & ') : h.reference,
        matchedOn: h.matchedOn,
        score: h.score,
        details: [t('search:details.reference', { reference: h.reference }), t(`recruitment:vocabulary.stage.${h.stage}`)],
      })),
    });
  }
  if (found.people) {
    groups.push({
      kind: 'people',
      results: found.people.map((p) => ({
        kind: 'people',
        id: p.id,
        reference: shortReference(p.id),
        href: `/admin/users/${p.id}`,
        title: p.name,
        matchedOn: p.matchedOn,
        score: p.score,
        details: [
          organisationNameText({ name: p.organisationName, nameCy: p.organisationNameCy }, language),
          p.roles.map((role) => t(`roles.${role}`)).join(', '),
          ...(p.disabled ? [t('search:details.disabled')] : []),
        ],
      })),
    });
  }
  return groups;
}
