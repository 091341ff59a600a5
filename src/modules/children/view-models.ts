import { escapeXml } from '../../platform/views/chart.ts';
import type { T } from '../../platform/forms/forms.ts';
import { longDate } from './page-helpers.ts';

/** Summary-list rows of a child's record, shared by "check your answers" and the child's page. */

export type SummaryRow = {
  key: { text: string };
  value: { text?: string; html?: string };
  actions?: { items: { href: string; text: string; visuallyHiddenText: string }[] };
};

type ChildLike = {
  legalGivenNames: string;
  legalFamilyName: string;
  preferredName?: string | null;
  localAuthorityReference?: string | null;
  dateOfBirth: string;
  sex: string;
  ethnicity: string;
  religion?: string | null;
  languages?: readonly string[] | null;
  preferredLanguage?: string | null;
  legalStatus: string;
  enteredCareDate?: string | null;
  careOrderDate?: string | null;
  placementOrderDate?: string | null;
  adoptionPlanDate?: string | null;
  developmentalUncertainty?: boolean | null;
  additionalLearningNeeds?: boolean | null;
  healthSummary?: string | null;
  educationSummary?: string | null;
  currentPlacement?: string | null;
  contactBirthFamily?: string | null;
  contactSiblings?: string | null;
  profileEn?: string | null;
  profileCy?: string | null;
  needs?: readonly { category: string; severity: string; description?: string | null }[];
};

/** Free text as it was typed: escaped, line breaks kept. */
export function paragraphs(text: string): string {
  return escapeXml(text).replace(/\r?\n/g, '<br>');
}

export function needsHtml(needs: ChildLike['needs'], t: T): string {
  if (!needs || needs.length === 0) return escapeXml(t('children:summary.noNeeds'));
  return `<ul class="govuk-list">${needs
    .map(
      (n) =>
        `<li>${escapeXml(t(`children:vocabulary.need.${n.category}`))} (${escapeXml(t(`children:vocabulary.severity.${n.severity}`).toLowerCase())})${n.description ? `: ${escapeXml(n.description)}` : ''}</li>`,
    )
    .join('')}</ul>`;
}

/** The rows of a child's record; with `changeHref` every row links back to the page that asked. */
export function childSummaryRows(child: ChildLike, t: T, language: string, changeHref?: string): SummaryRow[] {
  const notGiven = t('children:summary.notGiven');
  const text = (value: string | null | undefined) => (value ? { html: paragraphs(value) } : { text: notGiven });
  const date = (value: string | null | undefined) => ({ text: value ? longDate(value, language) : notGiven });
  const yesNo = (value: boolean | null | undefined) => ({ text: value ? t('children:form.yes') : t('children:form.no') });
  const rows: [string, SummaryRow['value']][] = [
    ['children:summary.labels.legalGivenNames', { text: child.legalGivenNames }],
    ['children:summary.labels.legalFamilyName', { text: child.legalFamilyName }],
    ['children:summary.labels.preferredName', { text: child.preferredName || notGiven }],
    ['children:summary.labels.localAuthorityReference', { text: child.localAuthorityReference || notGiven }],
    ['children:summary.labels.dateOfBirth', date(child.dateOfBirth)],
    ['children:summary.labels.sex', { text: t(`children:vocabulary.sex.${child.sex}`) }],
    ['children:summary.labels.ethnicity', { text: t(`children:vocabulary.ethnicity.${child.ethnicity}`) }],
    ['children:summary.labels.religion', { text: child.religion || notGiven }],
    [
      'children:summary.labels.languages',
      { text: child.languages?.length ? child.languages.map((l) => t(`children:vocabulary.language.${l}`)).join(', ') : notGiven },
    ],
    ['children:summary.labels.preferredLanguage', { text: child.preferredLanguage ? t(`children:vocabulary.language.${child.preferredLanguage}`) : notGiven }],
    ['children:summary.labels.legalStatus', { text: t(`children:vocabulary.legalStatus.${child.legalStatus}`) }],
    ['children:summary.labels.enteredCareDate', date(child.enteredCareDate)],
    ['children:summary.labels.careOrderDate', date(child.careOrderDate)],
    ['children:summary.labels.placementOrderDate', date(child.placementOrderDate)],
    ['children:summary.labels.adoptionPlanDate', date(child.adoptionPlanDate)],
    ['children:summary.labels.needs', { html: needsHtml(child.needs, t) }],
    ['children:summary.labels.developmentalUncertainty', yesNo(child.developmentalUncertainty)],
    ['children:summary.labels.additionalLearningNeeds', yesNo(child.additionalLearningNeeds)],
    ['children:summary.labels.healthSummary', text(child.healthSummary)],
    ['children:summary.labels.educationSummary', text(child.educationSummary)],
    ['children:summary.labels.currentPlacement', text(child.currentPlacement)],
    ['children:summary.labels.contactBirthFamily', text(child.contactBirthFamily)],
    ['children:summary.labels.contactSiblings', text(child.contactSiblings)],
    ['children:summary.labels.profileEn', text(child.profileEn)],
    ['children:summary.labels.profileCy', text(child.profileCy)],
  ];
  return rows.map(([key, value]) => ({
    key: { text: t(key) },
    value,
    ...(changeHref ? { actions: { items: [{ href: changeHref, text: t('children:journey.check.change'), visuallyHiddenText: t(key).toLowerCase() }] } } : {}),
  }));
}
