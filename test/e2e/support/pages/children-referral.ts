import { conjunctionContext } from '../../../../src/platform/i18n/welsh.ts';
import type { Locator } from 'playwright-core';
import { ServicePage, escapeRegExp } from './service-page.ts';
import { expectText, expectVisible } from '../wait.ts';

const UUID = '[0-9a-f-]{36}';

/** A heading with one placeholder (a number, a reference): the words around it, in the reader's language. */
function around(text: string, pattern: string): RegExp {
  const [before, after] = text.split('§') as [string, string];
  return new RegExp(`${escapeRegExp(before)}${pattern}${escapeRegExp(after ?? '')}`);
}

/** A child of a referral as a referrer types it; dates are ISO (YYYY-MM-DD). */
export type ChildAnswers = {
  givenNames: string;
  familyName: string;
  dateOfBirth: string;
  sex: 'female' | 'male' | 'not_known';
  ethnicity: string;
  legalStatus: string;
  enteredCareDate?: string;
  placementOrderDate?: string;
  adoptionPlanDate?: string;
  needs?: { category: string; severity: 'mild' | 'moderate' | 'severe' }[];
};

/** Fills a GOV.UK date input (day, month, year boxes) found by its legend. */
async function fillDate(page: ServicePage, legend: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-') as [string, string, string];
  const group = page.page.getByRole('group', { name: legend, exact: true });
  await group.getByLabel(page.t('children:form.date.day'), { exact: true }).fill(String(Number(day)));
  await group.getByLabel(page.t('children:form.date.month'), { exact: true }).fill(String(Number(month)));
  await group.getByLabel(page.t('children:form.date.year'), { exact: true }).fill(year);
}

function radioIn(group: Locator, name: string): Locator {
  return group.getByRole('radio', { name, exact: true });
}

/** The referrals of an authority (or, for the agency, made to it). */
export class ReferralsPage extends ServicePage {
  readonly name = 'referrals';
  protected readonly path = /^\/referrals(\?|$)/;
  // Organisation and people's names are stored data.
  readonly dataRegions = ['[data-testid^="referrals-"] tbody td:nth-child(3)', '[data-testid^="referrals-"] tbody td:nth-child(4)'];
  protected heading() {
    return this.t('children:referrals.title');
  }

  async startReferral(): Promise<LegalBasisPage> {
    await expectText(this.byTestId('start-referral'), this.t('children:referrals.start'), 'the button to start a referral');
    await this.byTestId('start-referral').click();
    return this.session.expect(LegalBasisPage);
  }

  /** Rows of a group's table (drafts, waiting, decided) as the cells read. */
  async rows(group: 'drafts' | 'waiting' | 'decided'): Promise<string[][]> {
    const out: string[][] = [];
    for (const row of await this.byTestId(`referrals-${group}`).locator('tbody tr').all())
      out.push((await row.locator('td, th').allInnerTexts()).map((c) => c.trim()));
    return out;
  }

  /** Opens a referral by its link, which names its children. */
  async openReferral(childrenNames: string): Promise<ReferralPage> {
    await this.byTestId('referral-link').filter({ hasText: childrenNames }).first().click();
    return this.session.expect(ReferralPage);
  }
}

/** Step 1: the legal basis for sharing (its heading is the legend of the radios). */
export class LegalBasisPage extends ServicePage {
  readonly name = 'referral-legal-basis';
  protected readonly path = new RegExp(`^/referrals/(new|drafts/${UUID}/legal-basis)(\\?|$)`);
  protected heading() {
    return this.t('children:journey.legalBasis.title');
  }
  protected async verifyContent() {
    await expectText(this.page.locator('h1 .govuk-caption-l'), this.t('children:journey.caption'), 'the caption of the journey');
  }

  async choose(basis: string, notes = ''): Promise<ChildStepPage> {
    await this.page.getByRole('radio', { name: this.t(`children:vocabulary.legalBasis.${basis}`), exact: true }).check();
    if (notes) await this.page.getByLabel(this.t('children:journey.legalBasis.notes'), { exact: true }).fill(notes);
    await this.byTestId('continue').click();
    return this.session.expect(ChildStepPage);
  }
}

/** Step 2: one child per page. */
export class ChildStepPage extends ServicePage {
  readonly name = 'referral-child';
  protected readonly path = new RegExp(`^/referrals/drafts/${UUID}/children/\\d+(\\?|$)`);
  protected heading() {
    return around(this.t('children:journey.child.title', { number: '§' }), '\\d+');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('child-form'), 'the form about the child');
  }

  async fill(child: ChildAnswers): Promise<void> {
    const p = this.page;
    await p.getByLabel(this.t('children:form.legalGivenNames.label'), { exact: true }).fill(child.givenNames);
    await p.getByLabel(this.t('children:form.legalFamilyName.label'), { exact: true }).fill(child.familyName);
    await fillDate(this, this.t('children:form.dateOfBirth.label'), child.dateOfBirth);
    await radioIn(p.getByRole('group', { name: this.t('children:form.sex.label'), exact: true }), this.t(`children:vocabulary.sex.${child.sex}`)).check();
    await p
      .getByLabel(this.t('children:form.ethnicity.label'), { exact: true })
      .selectOption({ label: this.t(`children:vocabulary.ethnicity.${child.ethnicity}`) });
    await radioIn(
      p.getByRole('group', { name: this.t('children:form.legalStatus.label'), exact: true }),
      this.t(`children:vocabulary.legalStatus.${child.legalStatus}`),
    ).check();
    if (child.enteredCareDate) await fillDate(this, this.t('children:form.enteredCareDate.label'), child.enteredCareDate);
    if (child.placementOrderDate) await fillDate(this, this.t('children:form.placementOrderDate.label'), child.placementOrderDate);
    if (child.adoptionPlanDate) await fillDate(this, this.t('children:form.adoptionPlanDate.label'), child.adoptionPlanDate);
    for (const need of child.needs ?? []) {
      const needText = this.t(`children:vocabulary.need.${need.category}`);
      await p.getByRole('checkbox', { name: needText, exact: true }).check();
      // Checking a need reveals how much it affects the child.
      const severity = p.getByRole('group', { name: this.t('children:form.needs.severity', { need: needText }), exact: true });
      await expectVisible(severity, `how much ${need.category} affects the child`);
      await radioIn(severity, this.t(`children:vocabulary.severity.${need.severity}`)).check();
    }
  }

  /** “Save and add another child”: the next child's empty page. */
  async addAnother(child: ChildAnswers): Promise<ChildStepPage> {
    await this.fill(child);
    await this.byTestId('add-another').click();
    return this.session.expect(ChildStepPage);
  }

  /** “Save and continue” after the last child: brothers and sisters come next. */
  async continueToSiblings(child: ChildAnswers): Promise<SiblingsPage> {
    await this.fill(child);
    await this.byTestId('continue').click();
    return this.session.expect(SiblingsPage);
  }
}

/** Step 3: how each pair is related, and the together-or-apart assessment. */
export class SiblingsPage extends ServicePage {
  readonly name = 'referral-siblings';
  protected readonly path = new RegExp(`^/referrals/drafts/${UUID}/siblings(\\?|$)`);
  protected heading() {
    return this.t('children:journey.siblings.title');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('siblings-form'), 'the form about brothers and sisters');
  }

  /** The pairs asked about, as their legends read (“Cerys a Dafydd”). */
  async pairs(): Promise<string[]> {
    const legends = this.byTestId('siblings-form').locator('.govuk-fieldset:has(input[name^="relationship-"]) legend');
    return (await legends.allInnerTexts()).map((l) => l.trim());
  }

  async relate(first: string, second: string, relationship: 'full' | 'half' | 'step'): Promise<void> {
    const group = this.page.getByRole('group', {
      name: this.t('children:journey.siblings.pair', { first, second, context: conjunctionContext(second) }),
      exact: true,
    });
    await radioIn(group, this.t(`children:vocabulary.relationship.${relationship}`)).check();
  }

  async assess(assessment: 'together' | 'apart' | 'not_yet_assessed', reasons: string, date: string): Promise<CheckAnswersPage> {
    const group = this.page.getByRole('group', { name: this.t('children:journey.siblings.assessmentQuestion'), exact: true });
    await radioIn(group, this.t(`children:vocabulary.assessment.${assessment}`)).check();
    await this.page.getByLabel(this.t('children:journey.siblings.reasons'), { exact: true }).fill(reasons);
    await fillDate(this, this.t('children:journey.siblings.assessmentDate'), date);
    await this.byTestId('continue').click();
    return this.session.expect(CheckAnswersPage);
  }
}

/** Step 4: check your answers, and send. */
export class CheckAnswersPage extends ServicePage {
  readonly name = 'referral-check';
  protected readonly path = new RegExp(`^/referrals/drafts/${UUID}/check(\\?|$)`);
  protected heading() {
    return this.t('children:journey.check.title');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('send-referral'), 'the button to send the referral');
  }

  /** One card of answers (check-legal-basis, check-child-1, check-siblings): its title and key → value. */
  async card(testid: string): Promise<{ title: string; rows: Record<string, string> }> {
    const card = this.page.locator('.govuk-summary-card').filter({ has: this.byTestId(testid) });
    const title = (await card.locator('.govuk-summary-card__title').innerText()).trim();
    const rows: Record<string, string> = {};
    for (const row of await card.locator('.govuk-summary-list__row').all()) {
      rows[(await row.locator('.govuk-summary-list__key').innerText()).trim()] = (await row.locator('.govuk-summary-list__value').innerText()).trim();
    }
    return { title, rows };
  }

  async send(): Promise<ReferralSentPage> {
    await expectText(this.byTestId('send-referral'), this.t('children:journey.check.send'), 'the send button');
    await this.byTestId('send-referral').click();
    return this.session.expect(ReferralSentPage);
  }
}

/** The confirmation panel, with the reference. */
export class ReferralSentPage extends ServicePage {
  readonly name = 'referral-sent';
  protected readonly path = new RegExp(`^/referrals/${UUID}/sent(\\?|$)`);
  protected heading() {
    return this.t('children:journey.sent.title');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('referral-reference'), 'the reference of the referral');
  }

  async reference(): Promise<string> {
    return (await this.byTestId('referral-reference').innerText()).trim();
  }

  async children(): Promise<string[]> {
    return (await this.byTestId('sent-children').locator('li').allInnerTexts()).map((c) => c.trim());
  }
}

/** One referral, with its children and (for the agency, while it waits) the decision. */
export class ReferralPage extends ServicePage {
  readonly name = 'referral';
  protected readonly path = new RegExp(`^/referrals/${UUID}(\\?|$)`);
  protected heading() {
    return around(this.t('children:referral.title', { reference: '§' }), '[0-9A-F]{8}');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('referral-summary'), 'the summary of the referral');
  }

  async status(): Promise<string> {
    return (await this.byTestId('referral-status').innerText()).trim();
  }

  /** The children table as the cells read: name, date of birth, age, legal status, status. */
  async children(): Promise<string[][]> {
    const out: string[][] = [];
    for (const row of await this.byTestId('referral-children').locator('tbody tr').all())
      out.push((await row.locator('td, th').allInnerTexts()).map((c) => c.trim()));
    return out;
  }

  /** Accepts the referral, allocating the family finder named; the referral comes back accepted. */
  async accept(familyFinder: string): Promise<ReferralPage> {
    const form = this.byTestId('accept-form');
    await radioIn(form.getByRole('group', { name: this.t('children:referral.decide.familyFinder'), exact: true }), familyFinder).check();
    await this.byTestId('accept-referral').click();
    const accepted = await this.session.expect(ReferralPage);
    await expectText(accepted.byTestId('flash'), this.t('children:referral.decide.accepted'), 'the message that the referral was accepted');
    return accepted;
  }

  async openChild<T extends ServicePage>(name: string, Expected: new (session: ServicePage['session']) => T): Promise<T> {
    await this.byTestId('referral-children').getByRole('link', { name, exact: true }).click();
    return this.session.expect(Expected);
  }
}
