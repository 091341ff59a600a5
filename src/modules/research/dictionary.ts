/**
 * The data dictionary of research extracts: every field an agreement may name, what it holds in
 * English and Welsh, and how it is made safe. A field not listed here cannot be agreed or
 * extracted (names, free text and birth families' postcodes are never listed).
 *
 * Kinds: `pseudonym` (a keyed hash, never the record's id), `month` (a date coarsened to its
 * month, YYYY-MM), `category` (one value; values held by fewer children than the agency's
 * threshold are merged into "other"), `categories` (several values, separated by ";", merged the
 * same way), `district` (postcodes cut to their district, e.g. CF10, then merged the same way).
 */
export type FieldKind = 'pseudonym' | 'month' | 'category' | 'categories' | 'district';

export type DictionaryField = {
  name: string;
  kind: FieldKind;
  en: string;
  cy: string;
};

export const DATA_DICTIONARY = [
  {
    name: 'child',
    kind: 'pseudonym',
    en: 'The child, as a pseudonym: the same within one agreement, different in another',
    cy: 'Y plentyn, fel ffugenw: yr un fath o fewn un cytundeb, yn wahanol mewn un arall',
  },
  { name: 'birthMonth', kind: 'month', en: 'Month of birth', cy: 'Mis geni' },
  { name: 'ageAtReferral', kind: 'category', en: 'Age in whole years when referred', cy: 'Oed mewn blynyddoedd cyfan pan gafodd ei atgyfeirio' },
  { name: 'ageAtExtract', kind: 'category', en: 'Age in whole years on the day of the extract', cy: 'Oed mewn blynyddoedd cyfan ar ddiwrnod y detholiad' },
  { name: 'sex', kind: 'category', en: 'Sex', cy: 'Rhyw' },
  { name: 'ethnicity', kind: 'category', en: 'Ethnicity (the agency’s categories)', cy: 'Ethnigrwydd (categorïau’r asiantaeth)' },
  { name: 'legalStatus', kind: 'category', en: 'Legal status', cy: 'Statws cyfreithiol' },
  { name: 'status', kind: 'category', en: 'Where the child is in family finding', cy: 'Ble mae’r plentyn yn y broses o ddod o hyd i deulu' },
  { name: 'region', kind: 'category', en: 'Regional adoption collaborative', cy: 'Cydweithfa fabwysiadu ranbarthol' },
  { name: 'needCategories', kind: 'categories', en: 'Categories of additional need', cy: 'Categorïau o anghenion ychwanegol' },
  { name: 'developmentalUncertainty', kind: 'category', en: 'Developmental uncertainty (yes/no)', cy: 'Ansicrwydd datblygiadol (ie/na)' },
  { name: 'additionalLearningNeeds', kind: 'category', en: 'Additional learning needs (yes/no)', cy: 'Anghenion dysgu ychwanegol (ie/na)' },
  {
    name: 'acesKnown',
    kind: 'category',
    en: 'Adverse childhood experiences known, of the standard ten',
    cy: 'Profiadau niweidiol yn ystod plentyndod sy’n hysbys, o’r deg safonol',
  },
  {
    name: 'acesKnownOrSuspected',
    kind: 'category',
    en: 'Adverse childhood experiences known or suspected, of the standard ten',
    cy: 'Profiadau niweidiol yn ystod plentyndod sy’n hysbys neu a amheuir, o’r deg safonol',
  },
  { name: 'referralMonth', kind: 'month', en: 'Month referred to the agency', cy: 'Mis yr atgyfeiriad i’r asiantaeth' },
  { name: 'enteredCareMonth', kind: 'month', en: 'Month the child entered care', cy: 'Mis y daeth y plentyn i ofal' },
  { name: 'placementOrderMonth', kind: 'month', en: 'Month of the placement order', cy: 'Mis y gorchymyn lleoli' },
  {
    name: 'adoptionPlanMonth',
    kind: 'month',
    en: 'Month of the decision that the child should be adopted',
    cy: 'Mis y penderfyniad y dylai’r plentyn gael ei fabwysiadu',
  },
  { name: 'outcome', kind: 'category', en: 'Outcome for the child', cy: 'Canlyniad i’r plentyn' },
  { name: 'outcomeMonth', kind: 'month', en: 'Month of the outcome', cy: 'Mis y canlyniad' },
  {
    name: 'importantContactDistricts',
    kind: 'district',
    en: 'Postcode districts of people the child should stay near',
    cy: 'Ardaloedd cod post pobl y dylai’r plentyn aros yn agos atynt',
  },
] as const satisfies readonly DictionaryField[];

export type FieldName = (typeof DATA_DICTIONARY)[number]['name'];

/** Every field an agreement may choose (the pseudonym is in every extract, so it is not chosen). */
export const CHOOSABLE_FIELDS = DATA_DICTIONARY.flatMap((f): Exclude<FieldName, 'child'>[] => (f.name === 'child' ? [] : [f.name]));
export type ChoosableField = (typeof CHOOSABLE_FIELDS)[number];

export function fieldOf(name: string): DictionaryField | undefined {
  return DATA_DICTIONARY.find((f) => f.name === name);
}

/** The dictionary of one extract: the pseudonym first, then the agreed fields in the dictionary's order. */
export function extractDictionary(fields: readonly string[]): DictionaryField[] {
  return DATA_DICTIONARY.filter((f) => f.kind === 'pseudonym' || fields.includes(f.name));
}
