import type { FieldError } from '../../platform/http/errors.ts';
import { dateParts, datesFromForm, text } from '../../platform/forms/forms.ts';

// A household's form (new and edit share it): its boxes to the record and back, and errors onto the boxes.

/** Rows for other people in the household on the form (children of the family, other adults). */
export const MEMBER_ROWS = [1, 2, 3, 4] as const;
const APPLICANT_FIELDS = ['GivenNames', 'FamilyName', 'Email', 'Phone', 'PreferredLanguage', 'Ethnicity', 'Occupation'] as const;

/** The household's form fields (new and edit share them), with applicants flattened as applicant1…, applicant2…. */
export function householdFromForm(form: Record<string, unknown>) {
  const dates = datesFromForm(form, ['applicant1DateOfBirth', 'applicant2DateOfBirth', ...MEMBER_ROWS.map((n) => `member${n}DateOfBirth`)]);
  const members = MEMBER_ROWS.filter((n) => text(form, `member${n}Name`) || text(form, `member${n}Relationship`)).map((n) => ({
    name: text(form, `member${n}Name`),
    relationship: text(form, `member${n}Relationship`),
    kind: text(form, `member${n}Kind`) || 'child',
    dateOfBirth: dates.values[`member${n}DateOfBirth`],
    livesInHousehold: true,
  }));
  const applicants = [1, 2]
    .filter((n) => n === 1 || text(form, `applicant${n}GivenNames`) || text(form, `applicant${n}FamilyName`))
    .map((n) => ({
      ...(text(form, `applicant${n}Id`) ? { id: text(form, `applicant${n}Id`) } : {}),
      givenNames: text(form, `applicant${n}GivenNames`),
      familyName: text(form, `applicant${n}FamilyName`),
      dateOfBirth: dates.values[`applicant${n}DateOfBirth`],
      email: text(form, `applicant${n}Email`) || null,
      phone: text(form, `applicant${n}Phone`) || null,
      preferredLanguage: text(form, `applicant${n}PreferredLanguage`) || 'en',
      ethnicity: text(form, `applicant${n}Ethnicity`) || null,
      occupation: text(form, `applicant${n}Occupation`) || null,
    }));
  const household = {
    email: text(form, 'email'),
    phone: text(form, 'phone') || null,
    preferredLanguage: text(form, 'preferredLanguage') || 'en',
    addressLine1: text(form, 'addressLine1'),
    addressLine2: text(form, 'addressLine2'),
    town: text(form, 'town'),
    postcode: text(form, 'postcode') || null,
    localAuthorityArea: text(form, 'localAuthorityArea'),
    ethnicity: text(form, 'ethnicity') || null,
    religion: text(form, 'religion'),
    languages: text(form, 'languages')
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean),
    pets: text(form, 'pets'),
    supportNetwork: text(form, 'supportNetwork'),
    supportNetworkRating: text(form, 'supportNetworkRating') || null,
    experienceOfChildren: text(form, 'experienceOfChildren'),
    healthDeclaration: text(form, 'healthDeclaration') || 'not_started',
    socialWorkerId: text(form, 'socialWorkerId') || null,
    applicants,
    members,
  };
  return { household, dateErrors: dates.errors };
}

/** Errors of applicant or member N point at their boxes ("applicants.1.email" → "applicant2Email"). */
export function applicantErrors(errors: FieldError[]): FieldError[] {
  return errors.map((e) => {
    const match = e.field.match(/^(applicants|members)\.(\d)\.(\w+)$/);
    if (!match) return e;
    const prefix = match[1] === 'applicants' ? 'applicant' : 'member';
    return { ...e, field: `${prefix}${Number(match[2]) + 1}${match[3]![0]!.toUpperCase()}${match[3]!.slice(1)}` };
  });
}

export function householdToForm(record: {
  household: Record<string, unknown> & { languages: string[] };
  applicants: Record<string, unknown>[];
  members: { name: string; relationship: string; kind: string; dateOfBirth: string | null }[];
}) {
  const values: Record<string, unknown> = { ...record.household, languages: record.household.languages.join(', ') };
  record.members.slice(0, MEMBER_ROWS.length).forEach((member, i) => {
    const n = i + 1;
    Object.assign(values, { [`member${n}Name`]: member.name, [`member${n}Relationship`]: member.relationship, [`member${n}Kind`]: member.kind });
    Object.assign(values, dateParts(`member${n}DateOfBirth`, member.dateOfBirth));
  });
  record.applicants.forEach((applicant, i) => {
    const n = i + 1;
    values[`applicant${n}Id`] = applicant.id;
    for (const field of APPLICANT_FIELDS) values[`applicant${n}${field}`] = applicant[field[0]!.toLowerCase() + field.slice(1)] ?? '';
    Object.assign(values, dateParts(`applicant${n}DateOfBirth`, applicant.dateOfBirth as string | null));
  });
  return values;
}
