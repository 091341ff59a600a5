import type { Locator } from 'playwright-core';
import { ServicePage } from './service-page.ts';
import { expectText, expectVisible } from '../wait.ts';

/** Fills a GOV.UK date input found by its legend (ISO date). */
async function fillDate(page: ServicePage, legend: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-') as [string, string, string];
  const group = page.page.getByRole('group', { name: legend, exact: true });
  await group.getByLabel(page.t('children:form.date.day'), { exact: true }).fill(String(Number(day)));
  await group.getByLabel(page.t('children:form.date.month'), { exact: true }).fill(String(Number(month)));
  await group.getByLabel(page.t('children:form.date.year'), { exact: true }).fill(year);
}

function radio(group: Locator, name: string): Locator {
  return group.getByRole('radio', { name, exact: true });
}

export type EnquiryAnswers = {
  givenNames: string;
  familyName: string;
  email: string;
  postcode: string;
  phone?: string;
  language: 'en' | 'cy';
  interests?: string[];
  consent: boolean;
};

/** The public enquiry form, reached from a campaign's link. */
export class EnquiryPage extends ServicePage {
  readonly name = 'enquire';
  protected readonly path = /^\/enquire(\?|$)/;
  readonly dataRegions = ['[data-testid="enquiry-campaign"]'];
  protected heading() {
    return this.t('recruitment:enquire.title');
  }

  async campaignShown(): Promise<string> {
    return (await this.byTestId('enquiry-campaign').innerText()).trim();
  }

  private async fill(answers: EnquiryAnswers) {
    await this.page.getByLabel(this.t('recruitment:enquire.givenNames'), { exact: true }).fill(answers.givenNames);
    await this.page.getByLabel(this.t('recruitment:enquire.familyName'), { exact: true }).fill(answers.familyName);
    await this.page.getByLabel(this.t('recruitment:enquire.email'), { exact: true }).fill(answers.email);
    if (answers.phone) await this.page.getByLabel(this.t('recruitment:enquire.phone'), { exact: true }).fill(answers.phone);
    await this.page.getByLabel(this.t('recruitment:enquire.postcode'), { exact: true }).fill(answers.postcode);
    await radio(
      this.page.getByRole('group', { name: this.t('recruitment:enquire.language') }),
      this.t(`recruitment:vocabulary.language.${answers.language}`),
    ).check();
    for (const interest of answers.interests ?? [])
      await this.page.getByRole('checkbox', { name: this.t(`recruitment:enquire.interests.${interest}`), exact: true }).check();
    const consent = this.page.getByRole('checkbox', { name: this.t('recruitment:enquire.consent'), exact: true });
    if (answers.consent) await consent.check();
    else await consent.uncheck();
  }

  /** Sends answers the service should refuse; the form comes back with its errors. */
  async sendExpectingErrors(answers: EnquiryAnswers): Promise<EnquiryPage> {
    await this.fill(answers);
    await this.byTestId('send-enquiry').click();
    return this.session.expect(EnquiryPage, { withErrors: true });
  }

  async send(answers: EnquiryAnswers): Promise<EnquirySentPage> {
    await this.fill(answers);
    await this.byTestId('send-enquiry').click();
    return this.session.expect(EnquirySentPage);
  }
}

export class EnquirySentPage extends ServicePage {
  readonly name = 'enquiry-sent';
  protected readonly path = /^\/enquire\/thank-you(\?|$)/;
  protected heading() {
    return this.t('recruitment:enquire.sent.title');
  }
}

/** The agency's list of adopter households. */
export class HouseholdsPage extends ServicePage {
  readonly name = 'households';
  protected readonly path = /^\/households(\?|$)/;
  readonly dataRegions = ['[data-testid="households-table"] tbody td'];
  protected heading() {
    return this.t('recruitment:list.title');
  }

  async open(applicantName: string): Promise<HouseholdPage> {
    const row = this.byTestId('households-table').locator('tbody tr', { hasText: applicantName });
    await row.getByTestId('household-link').click();
    return this.session.expect(HouseholdPage);
  }
}

/** One household's record; its heading is the applicants' names. */
export class HouseholdPage extends ServicePage {
  readonly name = 'household';
  protected readonly path = /^\/households\/[0-9a-f-]{36}(#\w+)?(\?|$)/;
  readonly dataRegions = [
    'h1',
    '.govuk-caption-l',
    '[data-testid="key-facts"] dd',
    '[data-testid="history"] .govuk-body-s',
    '[data-testid="checks-table"] tbody td:nth-child(2)',
    '[data-testid="household-details"] dd',
    '.govuk-summary-list dd',
    '[data-testid="household-training"] h3',
    'main h3.govuk-heading-s',
    '[data-testid="flash"]',
  ];
  protected heading() {
    return /\S/;
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('household-stage'), 'the household’s stage');
  }

  async stage(): Promise<string> {
    return (await this.byTestId('household-stage').innerText()).trim();
  }

  async outstanding(): Promise<string[]> {
    if ((await this.byTestId('outstanding').count()) === 0) return [];
    return (await this.byTestId('outstanding').locator('li').allInnerTexts()).map((s) => s.trim());
  }

  async moveStage(): Promise<StagePage> {
    await this.byTestId('move-stage').click();
    return this.session.expect(StagePage);
  }

  async addCheck(): Promise<CheckPage> {
    await this.byTestId('add-check').click();
    return this.session.expect(CheckPage);
  }

  async checksTable(): Promise<string[][]> {
    const out: string[][] = [];
    for (const row of await this.byTestId('checks-table').locator('tbody tr').all())
      out.push((await row.locator('td, th').allInnerTexts()).map((c) => c.trim()));
    return out;
  }
}

/** Moving a household on: the stages the state machine offers now. */
export class StagePage extends ServicePage {
  readonly name = 'household-stage';
  protected readonly path = /^\/households\/[0-9a-f-]{36}\/stage(\?|$)/;
  readonly dataRegions = ['.govuk-caption-l'];
  protected heading() {
    return this.t('recruitment:stage.title');
  }

  async offered(): Promise<string[]> {
    return (await this.page.locator('.govuk-radios__label').allInnerTexts()).map((s) => s.trim());
  }

  private async choose(stage: string, date: string) {
    await radio(this.page.getByRole('group', { name: this.t('recruitment:stage.question') }), this.t(`recruitment:vocabulary.stage.${stage}`)).check();
    await fillDate(this, this.t('recruitment:stage.date'), date);
  }

  async move(stage: string, date: string): Promise<HouseholdPage> {
    await this.choose(stage, date);
    await this.byTestId('save-stage').click();
    return this.session.expect(HouseholdPage);
  }

  async moveExpectingRefusal(stage: string, date: string): Promise<StagePage> {
    await this.choose(stage, date);
    await this.byTestId('save-stage').click();
    return this.session.expect(StagePage, { withErrors: true });
  }

  /** Back to the household without changing anything. */
  async back(): Promise<HouseholdPage> {
    await this.page.getByRole('link', { name: this.t('recruitment:form.back'), exact: true }).click();
    return this.session.expect(HouseholdPage);
  }
}

/** Adding or updating a Stage 1 check. */
export class CheckPage extends ServicePage {
  readonly name = 'household-check';
  protected readonly path = /^\/households\/[0-9a-f-]{36}\/checks\/(new|[0-9a-f-]{36})(\?|$)/;
  readonly dataRegions = ['.govuk-caption-l', 'select option'];
  protected heading() {
    return new RegExp(`${this.t('recruitment:check.newTitle')}|${this.t('recruitment:check.editTitle')}`);
  }

  async record(check: { kind: string; applicant?: string; subject?: string; requested: string; received?: string; outcome: string }): Promise<HouseholdPage> {
    await radio(this.page.getByRole('group', { name: this.t('recruitment:check.kind') }), this.t(`recruitment:vocabulary.check.${check.kind}`)).check();
    if (check.applicant) await this.page.getByLabel(this.t('recruitment:check.applicant'), { exact: true }).selectOption({ label: check.applicant });
    if (check.subject) await this.page.getByLabel(this.t('recruitment:check.subject'), { exact: true }).fill(check.subject);
    await fillDate(this, this.t('recruitment:check.requested'), check.requested);
    if (check.received) await fillDate(this, this.t('recruitment:check.received'), check.received);
    await radio(this.page.getByRole('group', { name: this.t('recruitment:check.outcome') }), this.t(`recruitment:vocabulary.outcome.${check.outcome}`)).check();
    await this.byTestId('save-check').click();
    return this.session.expect(HouseholdPage);
  }
}

export { expectText };
