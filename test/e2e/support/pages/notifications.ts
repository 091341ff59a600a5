import { ServicePage } from './service-page.ts';
import { expectVisible } from '../wait.ts';

/** The administrator's view of the outbox: counts by day and template, never an address or a body. */
export class OutboxPage extends ServicePage {
  readonly name = 'outbox';
  protected readonly path = /^\/admin\/outbox(\?|$)/;
  protected heading() {
    return this.t('notifications:outbox.title');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('outbox-summary'), 'the table of e-mails by day and template');
  }

  /** The rows of the table as the cells read. */
  async rows(): Promise<string[][]> {
    const out: string[][] = [];
    for (const row of await this.byTestId('outbox-summary').locator('tbody tr').all())
      out.push((await row.locator('td, th').allInnerTexts()).map((c) => c.trim()));
    return out;
  }
}

/** The person's own account page, with the choice of language and of how to be told of changes. */
export class AccountPreferencesPage extends ServicePage {
  readonly name = 'account-preferences';
  protected readonly path = /^\/account(\?|$)/;
  /** The name, address and organisation are stored data. */
  readonly dataRegions = ['[data-testid="account-summary"] .govuk-summary-list__row:nth-child(-n+3) dd'];
  protected heading() {
    return this.t('accounts:account.title');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('preferences-form'), 'the form to choose a language and how to be told');
  }

  async choose(language: 'en' | 'cy', notifications: 'immediate' | 'digest' | 'required'): Promise<AccountPreferencesPage> {
    await this.page.getByRole('radio', { name: language === 'cy' ? 'Cymraeg' : 'English', exact: true }).check();
    await this.page.getByRole('radio', { name: this.t(`notifications:preferences.notifications.${notifications}`), exact: true }).check();
    await this.byTestId('save-preferences').click();
    this.session.language = language;
    return this.session.expect(AccountPreferencesPage);
  }

  async rememberLanguage(): Promise<AccountPreferencesPage> {
    await this.byTestId('remember-language').getByRole('button').click();
    return this.session.expect(AccountPreferencesPage);
  }
}
