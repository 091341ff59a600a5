import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CHILDREN_CONFIG } from './config.ts';
import { clocksFor, worstLevel } from './clocks.ts';
import { aceCategoryInput, formFieldOf, settingsFromForm, settingsOf, settingsToForm, validateChildrenSettings, withSettings } from './settings.ts';

const form = (changes: Record<string, string> = {}) => ({ ...settingsToForm(settingsOf(DEFAULT_CHILDREN_CONFIG)), ...changes });
const errorsOf = (changes: Record<string, string>) => {
  const result = validateChildrenSettings(settingsFromForm(form(changes)));
  assert.equal(result.ok, false, 'expected the settings to be refused');
  return result.ok ? [] : result.errors.map((e) => `${formFieldOf(e.field)}: ${e.key}`);
};

describe('children settings', () => {
  it('accepts the standard settings as the form shows them', () => {
    const result = validateChildrenSettings(settingsFromForm(form()));
    assert.ok(result.ok);
    assert.deepEqual(result.settings, settingsOf(DEFAULT_CHILDREN_CONFIG));
  });

  it('refuses an urgent time that is not later than the warning time', () => {
    assert.deepEqual(errorsOf({ warningMonths: '9', urgentMonths: '9' }), ['urgentMonths: children:errors.settings.urgentAfterWarning']);
    assert.deepEqual(errorsOf({ warningMonths: '9', urgentMonths: '3' }), ['urgentMonths: children:errors.settings.urgentAfterWarning']);
  });

  it('refuses thresholds that are not positive whole numbers, each named in its own message at its own box', () => {
    assert.deepEqual(errorsOf({ minimumAgeYears: '4.5' }), ['minimumAgeYears: children:errors.settings.ageWhole']);
    assert.deepEqual(errorsOf({ waitingMonths: '0' }), ['waitingMonths: children:errors.settings.waitingRange']);
    assert.deepEqual(errorsOf({ warningMonths: 'six' }), ['warningMonths: children:errors.settings.warningWhole']);
    assert.deepEqual(errorsOf({ minimumAgeYears: '' }), ['minimumAgeYears: children:errors.settings.ageWhole']);
    assert.deepEqual(errorsOf({ minimumAgeYears: '18' }), ['minimumAgeYears: children:errors.settings.ageRange']);
  });

  it('refuses a disclosure threshold that would show counts of 1 or 2, and a rounding not offered', () => {
    assert.deepEqual(errorsOf({ minimumCount: '2' }), ['minimumCount: children:errors.settings.minimumCountRange']);
    assert.deepEqual(errorsOf({ roundTotalsTo: '3' }), ['roundTotalsTo: children:errors.settings.roundingInvalid']);
    assert.ok(validateChildrenSettings(settingsFromForm(form({ minimumCount: '10', roundTotalsTo: '1' }))).ok);
  });

  it('takes a comparison mean with one decimal place, between 0 and 10, and needs its label in both languages', () => {
    assert.ok(validateChildrenSettings(settingsFromForm(form({ comparatorMean: '3.5' }))).ok);
    assert.deepEqual(errorsOf({ comparatorMean: '3.25' }), ['comparatorMean: children:errors.settings.meanDecimals']);
    assert.deepEqual(errorsOf({ comparatorMean: '11' }), ['comparatorMean: children:errors.settings.meanRange']);
    assert.deepEqual(errorsOf({ comparatorLabelCy: '  ' }), ['comparatorLabelCy: children:errors.settings.labelCyRequired']);
  });

  it('lists every problem of a form in one round', () => {
    assert.deepEqual(errorsOf({ minimumAgeYears: 'x', waitingMonths: '-1', urgentMonths: '6', comparatorLabelEn: '' }), [
      'minimumAgeYears: children:errors.settings.ageWhole',
      'waitingMonths: children:errors.settings.waitingRange',
      'urgentMonths: children:errors.settings.urgentAfterWarning',
      'comparatorLabelEn: children:errors.settings.labelEnRequired',
    ]);
  });

  it('refuses stored settings of another shape (an unknown field, a missing section)', () => {
    const good = settingsOf(DEFAULT_CHILDREN_CONFIG);
    assert.equal(validateChildrenSettings({ ...good, extra: 1 }).ok, false);
    assert.equal(validateChildrenSettings({ ...good, clocks: undefined }).ok, false);
    assert.equal(validateChildrenSettings(null).ok, false);
  });

  it('puts the saved settings over the defaults, so the clocks follow the agency’s thresholds', () => {
    const saved = { ...settingsOf(DEFAULT_CHILDREN_CONFIG), clocks: { warningMonths: 3, urgentMonths: 9 } };
    const config = withSettings(DEFAULT_CHILDREN_CONFIG, saved);
    assert.deepEqual(config.priority.majorityEthnicities, DEFAULT_CHILDREN_CONFIG.priority.majorityEthnicities, 'what the page does not change stays');
    const referredFourMonthsAgo = { enteredCareDate: null, placementOrderDate: null, referralDate: '2026-01-10', adoptionPlanDate: null };
    assert.equal(worstLevel(clocksFor(referredFourMonthsAgo, '2026-05-10', DEFAULT_CHILDREN_CONFIG.clocks)), 'ok');
    assert.equal(worstLevel(clocksFor(referredFourMonthsAgo, '2026-05-10', config.clocks)), 'warning');
  });
});

describe('extended ACE categories', () => {
  it('takes a code of lower-case letters, digits and underscores, never a standard ACE’s', () => {
    const names = { nameEn: 'Young carer', nameCy: 'Gofalwr ifanc' };
    assert.equal(aceCategoryInput.safeParse({ ...names, code: 'Young_Carer' }).data?.code, 'young_carer');
    assert.equal(aceCategoryInput.safeParse({ ...names, code: 'young carer' }).error?.issues[0]?.message, 'children:errors.aceCategory.codeInvalid');
    assert.equal(aceCategoryInput.safeParse({ ...names, code: 'physical_abuse' }).error?.issues[0]?.message, 'children:errors.aceCategory.codeStandard');
    assert.equal(
      aceCategoryInput.safeParse({ code: 'young_carer', nameEn: 'Young carer', nameCy: '' }).error?.issues[0]?.message,
      'children:errors.aceCategory.nameCyRequired',
    );
  });

  it('takes a description in both languages or in neither, so no page shows one in the wrong language', () => {
    const names = { code: 'young_carer', nameEn: 'Young carer', nameCy: 'Gofalwr ifanc' };
    assert.equal(aceCategoryInput.safeParse({ ...names, description: 'Cares for a parent' }).error?.issues[0]?.path.join('.'), 'descriptionCy');
    assert.equal(
      aceCategoryInput.safeParse({ ...names, descriptionCy: 'Yn gofalu am riant' }).error?.issues[0]?.message,
      'children:errors.aceCategory.descriptionEnRequired',
    );
    assert.deepEqual(aceCategoryInput.safeParse({ ...names, description: ' ', descriptionCy: '' }).data, { ...names, description: null, descriptionCy: null });
    assert.equal(aceCategoryInput.safeParse({ ...names, description: 'Cares for a parent', descriptionCy: 'Yn gofalu am riant' }).success, true);
  });
});
