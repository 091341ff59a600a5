import { ServicePage } from './service-page.ts';
import { expectVisible } from '../wait.ts';

export class AccountPage extends ServicePage {
  readonly name = 'account';
  protected readonly path = /^\/account(\?|$)/;
  protected heading() {
    return this.t('accounts:account.title');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('account-summary'), 'the summary of your account');
  }
}

export class TokensPage extends ServicePage {
  readonly name = 'tokens';
  protected readonly path = /^\/account\/tokens(\?|$)/;
  protected heading() {
    return this.t('accounts:tokens.title');
  }
  protected async verifyContent() {
    await expectVisible(this.page.locator('form[action="/account/tokens"]'), 'the form to create a token');
  }
}

export class SessionsPage extends ServicePage {
  readonly name = 'sessions';
  protected readonly path = /^\/account\/sessions(\?|$)/;
  protected heading() {
    return this.t('accounts:sessions.title');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('this-session'), 'this session, marked');
  }
}
