import type { Locator } from 'playwright-core';
import { ServicePage, escapeRegExp } from './service-page.ts';
import { expectText, expectVisible } from '../wait.ts';

/** Fills a GOV.UK date input found by its legend (ISO date). */
async function fillDate(page: ServicePage, legend: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-') as [string, string, string];
  const group = page.page.getByRole('group', { name: legend, exact: true });
  await group.getByLabel(page.t('preparation:form.day'), { exact: true }).fill(String(Number(day)));
  await group.getByLabel(page.t('preparation:form.month'), { exact: true }).fill(String(Number(month)));
  await group.getByLabel(page.t('preparation:form.year'), { exact: true }).fill(year);
}

/** The rows of a table as trimmed cell texts. */
async function tableRows(table: Locator): Promise<string[][]> {
  const out: string[][] = [];
  for (const row of await table.locator('tbody tr').all()) out.push((await row.locator('td, th').allInnerTexts()).map((c) => c.trim()));
  return out;
}

/** Children in therapeutic preparation, reached from the service navigation. */
export class PreparationChildrenPage extends ServicePage {
  readonly name = 'preparation-children';
  protected readonly path = /^\/preparation(\?|$)/;
  // Children's names, ages and dates are stored data.
  readonly dataRegions = ['[data-testid="children-table"] tbody'];
  protected heading() {
    return this.t('preparation:children.title');
  }

  async open(childName: string): Promise<ChildPreparationPage> {
    await this.byTestId('children-table').getByRole('link', { name: childName, exact: true }).click();
    return this.session.expect(ChildPreparationPage);
  }
}

/** One child's therapeutic preparation; its heading is the child's name. */
export class ChildPreparationPage extends ServicePage {
  readonly name = 'child-preparation';
  protected readonly path = /^\/children\/[0-9a-f-]{36}\/preparation(\?|$)/;
  readonly dataRegions = [
    'h1',
    '[data-testid="siblings"] a',
    '[data-testid="shared-with"]',
    '[data-testid="meetings-ahead"] tbody',
    '[data-testid="meetings-held"] tbody',
    '[data-testid="consultations"] tbody',
    '[data-testid="formulation-version"]',
    '[data-testid="flash"]',
  ];
  protected heading() {
    return /\S/;
  }
  protected async verifyContent() {
    await expectText(this.page.locator('h2'), this.t('preparation:child.meetings.title'), 'the heading of the meetings');
  }

  async recordMeeting(): Promise<MeetingFormPage> {
    await this.byTestId('record-meeting').click();
    return this.session.expect(MeetingFormPage);
  }
}

export type MeetingAnswers = { date: string; start: string; end: string; location?: string; agenda?: string };

/** The form that records (or plans) a Team Around the Child meeting. */
export class MeetingFormPage extends ServicePage {
  readonly name = 'meeting-form';
  protected readonly path = /^\/(children\/[0-9a-f-]{36}\/tac-meetings\/new|tac-meetings\/[0-9a-f-]{36}\/edit)(\?|$)/;
  readonly dataRegions = ['[data-testid="form-caption"]', '[data-testid="meeting-form"] .govuk-checkboxes__label', 'input', 'textarea'];
  protected heading() {
    return new RegExp(`^(${escapeRegExp(this.t('preparation:meetingForm.newTitle'))}|${escapeRegExp(this.t('preparation:meetingForm.editTitle'))})$`);
  }

  /** The children the form offers, ticked or not. */
  async children(): Promise<Record<string, boolean>> {
    const out: Record<string, boolean> = {};
    for (const box of await this.byTestId('meeting-form').locator('.govuk-checkboxes__item').all()) {
      out[(await box.locator('label').innerText()).trim()] = await box.locator('input').isChecked();
    }
    return out;
  }

  private async fill(answers: MeetingAnswers) {
    await fillDate(this, this.t('preparation:meetingForm.date'), answers.date);
    await this.page.getByLabel(this.t('preparation:meetingForm.startTime'), { exact: true }).fill(answers.start);
    await this.page.getByLabel(this.t('preparation:meetingForm.endTime'), { exact: true }).fill(answers.end);
    if (answers.location !== undefined) await this.page.getByLabel(this.t('preparation:meetingForm.location'), { exact: true }).fill(answers.location);
    if (answers.agenda !== undefined) await this.page.getByLabel(this.t('preparation:meetingForm.agenda'), { exact: true }).fill(answers.agenda);
  }

  async saveExpectingErrors(answers: MeetingAnswers): Promise<MeetingFormPage> {
    await this.fill(answers);
    await this.byTestId('save-meeting').click();
    return this.session.expect(MeetingFormPage, { withErrors: true });
  }

  async save(answers: MeetingAnswers): Promise<MeetingPage> {
    await this.fill(answers);
    await this.byTestId('save-meeting').click();
    return this.session.expect(MeetingPage);
  }
}

/** A Team Around the Child meeting: who came, minutes, decisions and the actions agreed. */
export class MeetingPage extends ServicePage {
  readonly name = 'meeting';
  protected readonly path = /^\/tac-meetings\/[0-9a-f-]{36}(\?|#\w+|$)/;
  // Names of the children and the people at the meeting, what was typed, and dates as stored.
  readonly dataRegions = [
    'h1',
    '[data-testid="meeting-children"]',
    '[data-testid="meeting-summary"] dd',
    '[data-testid="agenda"]',
    '[data-testid="minutes"]',
    '[data-testid="decisions"]',
    '[data-testid="actions-table"] td:nth-child(1)',
    '[data-testid="actions-table"] td:nth-child(2)',
    '[data-testid="attendees-table"] td',
    'button .govuk-visually-hidden',
    'select option',
  ];
  protected heading() {
    return new RegExp(`^${escapeRegExp(this.t('preparation:meeting.title', { names: '' }).trim())}`);
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('meeting-summary'), 'the summary of the meeting');
  }

  async status(): Promise<string> {
    return (await this.byTestId('meeting-status').innerText()).trim();
  }

  async addAction(): Promise<ActionFormPage> {
    await this.byTestId('add-action').click();
    return this.session.expect(ActionFormPage);
  }

  /** The actions agreed: description, owner, due date, progress. */
  async actions(): Promise<string[][]> {
    if ((await this.byTestId('actions-table').count()) === 0) return [];
    return (await tableRows(this.byTestId('actions-table'))).map((cells) => cells.slice(0, 4));
  }

  async attendees(): Promise<string[]> {
    return (await tableRows(this.byTestId('attendees-table'))).map((cells) => cells[0]!);
  }
}

export type ActionAnswers = { description: string; owner: string; due: string };

/** An action agreed at the meeting: what, who and by when. */
export class ActionFormPage extends ServicePage {
  readonly name = 'action-form';
  protected readonly path = /^\/tac-meetings\/[0-9a-f-]{36}\/actions\/new(\?|$)/;
  readonly dataRegions = ['.govuk-caption-l', 'select option', 'textarea', 'input', 'p.govuk-body'];
  protected heading() {
    return this.t('preparation:actionForm.title');
  }

  /** The people the form offers as owners, as listed. */
  async owners(): Promise<string[]> {
    return (await this.page.getByLabel(this.t('preparation:actionForm.owner'), { exact: true }).locator('option').allInnerTexts())
      .map((o) => o.trim())
      .slice(1);
  }

  async save(answers: ActionAnswers): Promise<MeetingPage> {
    await this.page.getByLabel(this.t('preparation:actionForm.description'), { exact: true }).fill(answers.description);
    await this.page.getByLabel(this.t('preparation:actionForm.owner'), { exact: true }).selectOption({ label: answers.owner });
    await fillDate(this, this.t('preparation:actionForm.dueDate'), answers.due);
    await this.byTestId('save-action').click();
    return this.session.expect(MeetingPage);
  }
}

/** "My work" (the workforce module's page), as far as the actions from Team Around the Child meetings go. */
export class MyWorkPage extends ServicePage {
  readonly name = 'my-work';
  protected readonly path = /^\/my-work(\?|#\w+|$)/;
  // Descriptions typed by people, who the meetings were about, dates; the diary and timescales name people too.
  readonly dataRegions = [
    '.govuk-caption-xl',
    '[data-testid="my-actions-table"] td:first-child',
    '[data-testid="my-work-diary"] td',
    '[data-testid="my-work-timescales"] td',
    '[data-testid="mark-done"] .govuk-visually-hidden',
    '[data-testid="flash"]',
  ];
  protected heading() {
    return this.t('workforce:myWork.title');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('my-actions'), 'the list of the person’s actions');
  }

  /** Each open action as [description, progress], in the order shown. */
  async actions(): Promise<[string, string][]> {
    const out: [string, string][] = [];
    for (const row of await this.byTestId('my-action').all()) {
      out.push([(await row.getByTestId('action-description').innerText()).trim(), (await row.getByTestId('action-state').innerText()).trim()]);
    }
    return out;
  }

  async markDone(description: string): Promise<MyWorkPage> {
    const row = this.byTestId('my-action').filter({ has: this.page.getByTestId('action-description').getByText(description, { exact: true }) });
    await row.getByTestId('mark-done').click();
    return this.session.expect(MyWorkPage);
  }
}
