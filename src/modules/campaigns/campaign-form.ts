import type { FieldError } from '../../platform/http/errors.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { choices, dateFromParts, dateParts, firstPerField, list, text, type Form, type FormErrorOptions, type T } from '../../platform/forms/forms.ts';
import { NEED_CATEGORIES } from '../children/index.ts';
import { CHANNELS } from '../recruitment/index.ts';
import type { Candidate } from '../matching/index.ts';
import { campaignInput, costInput, poundsToPence, type CampaignInput, type CostInput } from './inputs.ts';
import type { Campaign } from './service.ts';

/** The campaign and cost forms of the pages: GOV.UK inputs to and from the service's input. */

/** Fields of the service's input, by the name of the form control that holds them. */
const FORM_FIELD: Record<string, string> = {
  'targetProfile.ageMin': 'targetAgeMin',
  'targetProfile.ageMax': 'targetAgeMax',
  'targetProfile.needCategories': 'targetNeeds',
  'targetProfile.siblingGroups': 'targetSiblingGroups',
};
/** The campaign, cost and funnel forms, for formErrors: dates link to their day box, service fields to their form control. */
export const CAMPAIGN_FORM: FormErrorOptions = { dateFields: ['startDate', 'endDate', 'incurredOn', 'enquiryFrom', 'enquiryTo'], fieldNames: FORM_FIELD };

export function campaignFromForm(form: Form): { input: CampaignInput } | { errors: FieldError[] } {
  const start = dateFromParts(form, 'startDate');
  const end = dateFromParts(form, 'endDate');
  const ageMin = text(form, 'targetAgeMin');
  const ageMax = text(form, 'targetAgeMax');
  const result = campaignInput.safeParse({
    name: text(form, 'name'),
    nameCy: text(form, 'nameCy'),
    description: text(form, 'description'),
    startDate: start.value ?? (start.error ? 'invalid' : ''),
    endDate: end.value,
    channels: list(form, 'channels'),
    targetProfile: {
      ...(text(form, 'targetSiblingGroups') === 'yes' ? { siblingGroups: true } : {}),
      ...(ageMin ? { ageMin } : {}),
      ...(ageMax ? { ageMax } : {}),
      ...(list(form, 'targetNeeds').length ? { needCategories: list(form, 'targetNeeds') } : {}),
    },
    referrerCode: text(form, 'referrerCode'),
  });
  const errors = [...(start.error ? [start.error] : []), ...(end.error ? [end.error] : []), ...(result.success ? [] : toFieldErrors(result.error))];
  if (errors.length || !result.success) return { errors: firstPerField(errors) };
  return { input: result.data };
}

export function campaignToForm(campaign: Campaign): Form {
  const target = campaign.targetProfile ?? {};
  return {
    name: campaign.name,
    nameCy: campaign.nameCy ?? '',
    description: campaign.description ?? '',
    ...dateParts('startDate', campaign.startDate),
    ...dateParts('endDate', campaign.endDate),
    channels: campaign.channels,
    targetSiblingGroups: target.siblingGroups ? 'yes' : '',
    targetAgeMin: target.ageMin ?? '',
    targetAgeMax: target.ageMax ?? '',
    targetNeeds: target.needCategories ?? [],
    targetCandidate: target.candidate?.id ?? '',
    referrerCode: campaign.referrerCode,
    version: campaign.version,
  };
}

/**
 * A new campaign's "who it is for", filled in from a family profile of the recruitment gap: the
 * children the profile's families could take (ages, brothers and sisters, needs), and the profile itself.
 */
export function targetFromCandidate(candidate: Candidate): Form {
  const p = candidate.profile;
  return {
    targetSiblingGroups: p.siblingGroups ? 'yes' : '',
    targetAgeMin: String(p.ageMin),
    targetAgeMax: String(p.ageMax),
    targetNeeds: NEED_CATEGORIES.filter((n) => p.needs[n]),
    targetCandidate: candidate.id,
  };
}

/** What the campaign form needs besides the values. */
export function campaignFormOptions(values: Form, t: T) {
  return {
    channelItems: choices(CHANNELS, 'campaigns:vocabulary.channel', t, list(values, 'channels')),
    needItems: choices(NEED_CATEGORIES, 'children:vocabulary.need', t, list(values, 'targetNeeds')),
    siblingItems: [{ value: 'yes', text: t('campaigns:form.targetSiblingGroups.item'), checked: text(values, 'targetSiblingGroups') === 'yes' }],
  };
}

/** A cost line typed in pounds ("1,250.50") into whole pence. */
export function costFromForm(form: Form): { input: CostInput } | { errors: FieldError[] } {
  const date = dateFromParts(form, 'incurredOn');
  const amountText = text(form, 'amount');
  const pence = amountText ? poundsToPence(amountText) : undefined;
  const errors: FieldError[] = [];
  if (!amountText) errors.push({ field: 'amount', key: 'campaigns:errors.amount.required' });
  else if (pence === undefined) errors.push({ field: 'amount', key: 'campaigns:errors.amount.invalid' });
  if (date.error) errors.push({ ...date.error, field: 'incurredOn' });
  const result = costInput.safeParse({
    channel: text(form, 'channel') || undefined,
    amountPence: pence ?? 1,
    incurredOn: date.value ?? (date.error ? 'invalid' : ''),
    description: text(form, 'description'),
  });
  if (!result.success) errors.push(...toFieldErrors(result.error).map((e) => (e.field === 'amountPence' ? { ...e, field: 'amount' } : e)));
  if (errors.length || !result.success) return { errors: firstPerField(errors) };
  return { input: result.data };
}
