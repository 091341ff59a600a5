/**
 * The manager's candidate profile as a GOV.UK form: the form's boxes to a profile (each mistake a
 * message beside its box, in the reader's language) and back. Pure.
 */
import type { FieldError } from '../../platform/http/errors.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { choices, firstPerField, list, text, type Form, type T } from '../../platform/forms/forms.ts';
import { NEED_CATEGORIES } from '../children/index.ts';
import { CONTACT_ARRANGEMENTS, SUPPORT_NETWORK_LEVELS } from '../recruitment/index.ts';
import { candidateProfileSchema, type CandidateProfile } from './gap-profiles.ts';

const NEED_LEVELS = ['cannot', 'can', 'with_support'] as const;
const CHILDREN = ['1', '2', '3', '4'] as const;
const YES_NO = ['yes', 'no'] as const;
const POSTCODE = /^[A-Za-z0-9 ]{2,8}$/;

/** The form control of one need's answer. */
export const needField = (need: string) => `need-${need}`;

function wholeNumber(form: Form, name: string, min: number, max: number, key: string, errors: FieldError[]): number {
  const value = text(form, name);
  const n = /^\d{1,2}$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) errors.push({ field: name, key });
  return n;
}

function yesNo(form: Form, name: string, errors: FieldError[]): boolean {
  const value = text(form, name);
  if (!(YES_NO as readonly string[]).includes(value)) errors.push({ field: name, key: `matches:gap.form.errors.${name}` });
  return value === 'yes';
}

/** The profile the form describes, or the mistakes in it (one per box). */
export function candidateFromForm(form: Form): { profile: CandidateProfile } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const childrenMin = wholeNumber(form, 'childrenMin', 1, 4, 'matches:gap.form.errors.childrenMin', errors);
  const childrenMax = wholeNumber(form, 'childrenMax', 1, 4, 'matches:gap.form.errors.childrenMax', errors);
  const ageMin = wholeNumber(form, 'ageMin', 0, 17, 'matches:gap.form.errors.age', errors);
  const ageMax = wholeNumber(form, 'ageMax', 0, 17, 'matches:gap.form.errors.age', errors);
  const siblingGroups = yesNo(form, 'siblingGroups', errors);
  const needs: CandidateProfile['needs'] = {};
  for (const need of NEED_CATEGORIES) {
    const level = text(form, needField(need)) || 'cannot';
    if (!(NEED_LEVELS as readonly string[]).includes(level)) errors.push({ field: needField(need), key: 'matches:gap.form.errors.need' });
    else if (level !== 'cannot') needs[need] = level as 'can' | 'with_support';
  }
  const contact = list(form, 'contact');
  if (contact.some((c) => !(CONTACT_ARRANGEMENTS as readonly string[]).includes(c))) errors.push({ field: 'contact', key: 'matches:gap.form.errors.contact' });
  const postcode = text(form, 'postcode');
  if (postcode && !POSTCODE.test(postcode)) errors.push({ field: 'postcode', key: 'matches:gap.form.errors.postcode' });
  const welsh = yesNo(form, 'welsh', errors);
  const supportNetwork = text(form, 'supportNetwork');
  if (!(SUPPORT_NETWORK_LEVELS as readonly string[]).includes(supportNetwork))
    errors.push({ field: 'supportNetwork', key: 'matches:gap.form.errors.supportNetwork' });
  const therapeuticPreparation = yesNo(form, 'therapeuticPreparation', errors);
  // The boxes against each other (the schema's own rules, worded for the page), once each is right on its own.
  const wrong = (...names: string[]) => errors.some((e) => names.includes(e.field));
  if (!wrong('childrenMin', 'childrenMax') && childrenMin > childrenMax) errors.push({ field: 'childrenMax', key: 'matches:gap.errors.children' });
  if (!wrong('ageMin', 'ageMax') && ageMin > ageMax) errors.push({ field: 'ageMax', key: 'matches:gap.errors.ages' });
  if (errors.length) return { errors: firstPerField(errors) };
  const result = candidateProfileSchema.safeParse({
    childrenMin,
    childrenMax,
    ageMin,
    ageMax,
    siblingGroups,
    needs,
    contact,
    postcode: postcode ? postcode.toUpperCase() : null,
    welsh,
    supportNetwork,
    therapeuticPreparation,
  });
  if (!result.success) return { errors: firstPerField(toFieldErrors(result.error)) };
  return { profile: result.data };
}

/** The boxes of a stored profile. */
export function candidateToForm(profile: CandidateProfile, version: number | null): Form {
  const yes = (b: boolean) => (b ? 'yes' : 'no');
  return {
    childrenMin: String(profile.childrenMin),
    childrenMax: String(profile.childrenMax),
    ageMin: String(profile.ageMin),
    ageMax: String(profile.ageMax),
    siblingGroups: yes(profile.siblingGroups),
    ...Object.fromEntries(NEED_CATEGORIES.map((n) => [needField(n), profile.needs[n] ?? 'cannot'])),
    contact: profile.contact,
    postcode: profile.postcode ?? '',
    welsh: yes(profile.welsh),
    supportNetwork: profile.supportNetwork,
    therapeuticPreparation: yes(profile.therapeuticPreparation),
    ...(version === null ? {} : { version: String(version) }),
  };
}

/** The items of the form's radios, selects and checkboxes, with the current answers marked. */
export function candidateFormOptions(values: Form, t: T) {
  const yesNoItems = (name: string) => YES_NO.map((v) => ({ value: v, text: t(`matches:gap.form.${v}`), checked: text(values, name) === v }));
  return {
    childrenMinItems: CHILDREN.map((v) => ({ value: v, text: v === '4' ? t('matches:gap.form.fourOrMore') : v, selected: text(values, 'childrenMin') === v })),
    childrenMaxItems: CHILDREN.map((v) => ({ value: v, text: v === '4' ? t('matches:gap.form.fourOrMore') : v, selected: text(values, 'childrenMax') === v })),
    siblingItems: yesNoItems('siblingGroups'),
    welshItems: yesNoItems('welsh'),
    preparationItems: yesNoItems('therapeuticPreparation'),
    needs: NEED_CATEGORIES.map((n) => ({
      name: needField(n),
      label: t(`children:vocabulary.need.${n}`),
      items: choices(NEED_LEVELS, 'recruitment:vocabulary.level', t, text(values, needField(n)) || 'cannot'),
    })),
    contactItems: choices(CONTACT_ARRANGEMENTS, 'recruitment:vocabulary.contact', t, list(values, 'contact')),
    supportItems: choices(SUPPORT_NETWORK_LEVELS, 'recruitment:vocabulary.supportNetwork', t, text(values, 'supportNetwork')),
  };
}
