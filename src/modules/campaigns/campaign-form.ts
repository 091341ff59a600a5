import { errorViewModel } from '../../server/page.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { dateFromParts, dateToParts } from '../children/date-input.ts';
import { choices, type T } from '../children/page-helpers.ts';
import { NEED_CATEGORIES } from '../children/vocabulary.ts';
import { CHANNELS } from '../recruitment/vocabulary.ts';
import { campaignInput, costInput, poundsToPence, type CampaignInput, type CostInput } from './inputs.ts';
import type { Campaign } from './service.ts';

/** The campaign and cost forms of the pages: GOV.UK inputs to and from the service's input. */

type Form = Record<string, unknown>;

const one = (form: Form, name: string): string => {
  const value = form[name];
  return (Array.isArray(value) ? String(value[0] ?? '') : typeof value === 'string' ? value : '').trim();
};
const many = (form: Form, name: string): string[] => {
  const value = form[name];
  return (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]).map(String);
};

/** Fields of the service's input, by the name of the form control that holds them. */
const FORM_FIELD: Record<string, string> = {
  'targetProfile.ageMin': 'targetAgeMin',
  'targetProfile.ageMax': 'targetAgeMax',
  'targetProfile.needCategories': 'targetNeeds',
  'targetProfile.siblingGroups': 'targetSiblingGroups',
};
const DATE_FIELDS = new Set(['startDate', 'endDate', 'incurredOn', 'enquiryFrom', 'enquiryTo']);

/** The error summary and per-field messages, linking a date's message to its day box. */
export function formErrors(errors: FieldError[], t: T) {
  const model = errorViewModel(
    errors.map((e) => ({ ...e, field: FORM_FIELD[e.field] ?? e.field })),
    t,
  );
  const errorList = model.errorList.map((item) => {
    const field = item.href.slice(1);
    if (field === 'version') return { ...item, href: '#main-content' };
    if (field === 'channels') return { ...item, href: '#channels' };
    return DATE_FIELDS.has(field) ? { ...item, href: `${item.href}-day` } : item;
  });
  return { errorList, fieldErrors: model.fieldErrors };
}

function dedupe(errors: FieldError[]): FieldError[] {
  return errors.filter((e, i, all) => all.findIndex((x) => x.field === e.field) === i);
}

export function campaignFromForm(form: Form): { input: CampaignInput } | { errors: FieldError[] } {
  const start = dateFromParts(form, 'startDate');
  const end = dateFromParts(form, 'endDate');
  const ageMin = one(form, 'targetAgeMin');
  const ageMax = one(form, 'targetAgeMax');
  const result = campaignInput.safeParse({
    name: one(form, 'name'),
    nameCy: one(form, 'nameCy'),
    description: one(form, 'description'),
    startDate: start.value ?? (start.error ? 'invalid' : ''),
    endDate: end.value,
    channels: many(form, 'channels'),
    targetProfile: {
      ...(one(form, 'targetSiblingGroups') === 'yes' ? { siblingGroups: true } : {}),
      ...(ageMin ? { ageMin } : {}),
      ...(ageMax ? { ageMax } : {}),
      ...(many(form, 'targetNeeds').length ? { needCategories: many(form, 'targetNeeds') } : {}),
    },
    referrerCode: one(form, 'referrerCode'),
  });
  const errors = [...(start.error ? [start.error] : []), ...(end.error ? [end.error] : []), ...(result.success ? [] : toFieldErrors(result.error))];
  if (errors.length || !result.success) return { errors: dedupe(errors) };
  return { input: result.data };
}

export function campaignToForm(campaign: Campaign): Form {
  const start = dateToParts(campaign.startDate);
  const end = dateToParts(campaign.endDate);
  const target = campaign.targetProfile ?? {};
  return {
    name: campaign.name,
    nameCy: campaign.nameCy ?? '',
    description: campaign.description ?? '',
    'startDate-day': start.day,
    'startDate-month': start.month,
    'startDate-year': start.year,
    'endDate-day': end.day,
    'endDate-month': end.month,
    'endDate-year': end.year,
    channels: campaign.channels,
    targetSiblingGroups: target.siblingGroups ? 'yes' : '',
    targetAgeMin: target.ageMin ?? '',
    targetAgeMax: target.ageMax ?? '',
    targetNeeds: target.needCategories ?? [],
    referrerCode: campaign.referrerCode,
    version: campaign.version,
  };
}

/** What the campaign form needs besides the values. */
export function campaignFormOptions(values: Form, t: T) {
  return {
    channelItems: choices(CHANNELS, 'campaigns:vocabulary.channel', t, many(values, 'channels')),
    needItems: choices(NEED_CATEGORIES, 'children:vocabulary.need', t, many(values, 'targetNeeds')),
    siblingItems: [{ value: 'yes', text: t('campaigns:form.targetSiblingGroups.item'), checked: one(values, 'targetSiblingGroups') === 'yes' }],
  };
}

/** A cost line typed in pounds ("1,250.50") into whole pence. */
export function costFromForm(form: Form): { input: CostInput } | { errors: FieldError[] } {
  const date = dateFromParts(form, 'incurredOn');
  const amountText = one(form, 'amount');
  const pence = amountText ? poundsToPence(amountText) : undefined;
  const errors: FieldError[] = [];
  if (!amountText) errors.push({ field: 'amount', key: 'campaigns:errors.amount.required' });
  else if (pence === undefined) errors.push({ field: 'amount', key: 'campaigns:errors.amount.invalid' });
  if (date.error) errors.push({ ...date.error, field: 'incurredOn' });
  const result = costInput.safeParse({ channel: one(form, 'channel') || undefined, amountPence: pence ?? 1, incurredOn: date.value ?? (date.error ? 'invalid' : ''), description: one(form, 'description') });
  if (!result.success) errors.push(...toFieldErrors(result.error).map((e) => (e.field === 'amountPence' ? { ...e, field: 'amount' } : e)));
  if (errors.length || !result.success) return { errors: dedupe(errors) };
  return { input: result.data };
}
