import { ServicePage } from './service-page.ts';
import { expectVisible } from '../wait.ts';

export class UsersPage extends ServicePage {
  readonly name = 'users';
  /** Each person's name, address and organisation are as they were typed. */
  readonly dataRegions = [
    '[data-testid="users-table"] tbody tr > :nth-child(1)',
    '[data-testid="users-table"] tbody tr > :nth-child(2)',
    '[data-testid="users-table"] tbody tr > :nth-child(3)',
  ];
  protected readonly path = /^\/admin\/users(\?|$)/;
  protected heading() {
    return this.t('admin:users.title');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('users-table'), 'the table of people');
  }

  /** Rows of the table as the cells read, e.g. ["Test Person 1", "person1@…", "Test agency", "Administrator", "Active"]. */
  async rows(): Promise<string[][]> {
    const rows = this.byTestId('users-table').locator('tbody tr');
    const out: string[][] = [];
    for (const row of await rows.all()) out.push((await row.locator('td, th').allInnerTexts()).map((c) => c.trim()));
    return out;
  }

  async openUser(name: string): Promise<UserPage> {
    await this.byTestId('users-table').getByRole('link', { name, exact: true }).click();
    return this.session.expect(UserPage);
  }

  async addPerson(): Promise<NewUserPage> {
    await this.byTestId('add-user').click();
    return this.session.expect(NewUserPage);
  }
}

export class NewUserPage extends ServicePage {
  readonly name = 'user-new';
  protected readonly path = /^\/admin\/users\/new(\?|$)/;
  protected heading() {
    return this.t('admin:users.new.title');
  }
  protected async verifyContent() {
    await expectVisible(this.page.locator('form[action="/admin/users"]'), 'the form to add a person');
  }

  /** The choices of role, as labelled beside their checkboxes. */
  async roleChoices(): Promise<string[]> {
    return (await this.page.locator('.govuk-checkboxes__label').allInnerTexts()).map((t) => t.trim());
  }
}

/** One person's account; its heading is their name. */
export class UserPage extends ServicePage {
  readonly name = 'user';
  /** The person's name (the heading), address and organisation are as they were typed. */
  readonly dataRegions = [
    'h1',
    '[data-testid="user-summary"] .govuk-summary-list__row:nth-child(1) dd',
    '[data-testid="user-summary"] .govuk-summary-list__row:nth-child(2) dd',
  ];
  protected readonly path = /^\/admin\/users\/[0-9a-f-]{36}(\?|$)/;
  protected heading() {
    return /\S/;
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('user-summary'), 'the summary of the account');
  }

  /** The summary list as key → value. */
  async summary(): Promise<Record<string, string>> {
    const rows = this.byTestId('user-summary').locator('.govuk-summary-list__row');
    const out: Record<string, string> = {};
    for (const row of await rows.all()) {
      out[(await row.locator('.govuk-summary-list__key').innerText()).trim()] = (await row.locator('.govuk-summary-list__value').innerText()).trim();
    }
    return out;
  }
}

export class OrganisationsPage extends ServicePage {
  readonly name = 'organisations';
  protected readonly path = /^\/admin\/organisations(\?|$)/;
  protected heading() {
    return this.t('admin:organisations.title');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('organisations-table'), 'the table of organisations');
  }
}

export class AuditPage extends ServicePage {
  readonly name = 'audit';
  protected readonly path = /^\/admin\/audit(\?|$)/;
  // The action codes (`auth.sign-in`), record ids and channels are stored identifiers, not words.
  readonly dataRegions = [
    '[data-testid="audit-table"] tbody td:nth-child(2)',
    '[data-testid="audit-table"] tbody td:nth-child(3)',
    '[data-testid="audit-table"] tbody td:nth-child(4)',
    '[data-testid="audit-table"] tbody td:nth-child(6)',
  ];
  protected heading() {
    return this.t('admin:audit.title');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('audit-table'), 'the audit log table');
  }

  /** The action codes of the rows shown, newest first. */
  async actions(): Promise<string[]> {
    return (await this.byTestId('audit-table').locator('tbody tr td:nth-child(3)').allInnerTexts()).map((t) => t.trim());
  }
}

/** Records past their retention period: the administrator's review list, holds and recent destructions. */
export class RetentionPage extends ServicePage {
  readonly name = 'retention';
  protected readonly path = /^\/admin\/retention(\?|$)/;
  // Household references, the reasons typed for holds and the destroyed records' ids are stored data.
  readonly dataRegions = [
    '.govuk-checkboxes__label',
    '.govuk-radios__label',
    '.govuk-summary-card__title',
    '.govuk-summary-card__content p:nth-child(2)',
    '[data-testid="tombstones"] tbody td:nth-child(3)',
  ];
  protected heading() {
    return this.t('retention:review.title');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('retention-classes'), 'the table of retention classes');
  }

  /** The ids of the records offered for destruction in a class. */
  async dueIn(classCode: string): Promise<string[]> {
    const boxes = this.byTestId(`destroy-${classCode}`).locator('input[name="recordIds"]');
    const out: string[] = [];
    for (const box of await boxes.all()) out.push((await box.getAttribute('value')) ?? '');
    return out;
  }

  /** Chooses records of a class, confirms, and destroys them; the page comes back with what was done. */
  async destroy(classCode: string, recordIds: string[]): Promise<RetentionPage> {
    const form = this.byTestId(`destroy-${classCode}`);
    for (const id of recordIds) await form.locator(`input[name="recordIds"][value="${id}"]`).check();
    await form.locator('input[name="confirm"]').check();
    await this.byTestId(`destroy-button-${classCode}`).click();
    return this.session.expect(RetentionPage);
  }
}
