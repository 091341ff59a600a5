import assert from 'node:assert/strict';
import { ServicePage, escapeRegExp, type PageClass } from './service-page.ts';
import { HomePage } from './home.ts';
import { expectText, expectVisible } from '../wait.ts';

export class SignInPage extends ServicePage {
  readonly name = 'sign-in';
  protected readonly path = /^\/sign-in(\?|$)/;
  protected heading() {
    return this.t('accounts:signIn.title');
  }

  /** Types an e-mail address and password and presses “Sign in”; the caller says where that should lead. */
  async signIn<T extends ServicePage>(email: string, password: string, Expected: PageClass<T>): Promise<T> {
    await this.byTestId('email').fill(email);
    await this.byTestId('password').fill(password);
    await this.byTestId('sign-in').click();
    return this.session.expect(Expected);
  }

  /** Types an e-mail address and password that should be refused. */
  async signInRefused(email: string, password: string): Promise<SignInPage> {
    await this.byTestId('email').fill(email);
    await this.byTestId('password').fill(password);
    await this.byTestId('sign-in').click();
    return this.session.expect(SignInPage, { withErrors: true });
  }

  /** Presses “Sign in” with nothing typed. */
  async submitEmpty(): Promise<SignInPage> {
    await this.byTestId('email').fill('');
    await this.byTestId('password').fill('');
    await this.byTestId('sign-in').click();
    return this.session.expect(SignInPage, { withErrors: true });
  }
}

export class SecondFactorPage extends ServicePage {
  readonly name = 'second-factor';
  protected readonly path = /^\/sign-in\/second-factor(\?|$)/;
  protected heading() {
    return this.t('accounts:secondFactor.title');
  }

  async enterCode<T extends ServicePage>(code: string, Expected: PageClass<T>): Promise<T> {
    await this.byTestId('code').fill(code);
    await this.byTestId('verify').click();
    return this.session.expect(Expected);
  }

  async enterWrongCode(code: string): Promise<SecondFactorPage> {
    await this.byTestId('code').fill(code);
    await this.byTestId('verify').click();
    return this.session.expect(SecondFactorPage, { withErrors: true });
  }
}

export class EnrolPage extends ServicePage {
  readonly name = 'enrol';
  protected readonly path = /^\/account\/security\/enrol(\?|$)/;
  protected heading() {
    return this.t('accounts:enrol.title');
  }
  protected async verifyContent() {
    await expectVisible(this.page.locator('.app-qr svg'), 'the QR code');
  }

  /** The key shown for typing into an app, as shown (in groups of four). */
  async shownSecret(): Promise<string> {
    await expectVisible(this.byTestId('totp-secret'), 'the set-up key');
    return (await this.byTestId('totp-secret').innerText()).trim();
  }

  async confirmWrongCode(code: string): Promise<EnrolPage> {
    await this.byTestId('code').fill(code);
    await this.byTestId('confirm-enrol').click();
    return this.session.expect(EnrolPage, { withErrors: true });
  }

  async confirm(code: string): Promise<RecoveryCodesPage> {
    await this.byTestId('code').fill(code);
    await this.byTestId('confirm-enrol').click();
    return this.session.expect(RecoveryCodesPage);
  }
}

/** Shown once, straight after the authenticator app is confirmed. */
export class RecoveryCodesPage extends ServicePage {
  readonly name = 'recovery-codes';
  protected readonly path = /^\/account\/security\/enrol(\?|$)/;
  protected heading() {
    return this.t('accounts:recoveryCodes.title');
  }
  protected async verifyContent() {
    await expectText(this.page.locator('.govuk-warning-text'), this.t('accounts:recoveryCodes.warning'), 'the warning not to lose the codes');
  }

  async codes(): Promise<string[]> {
    return (await this.byTestId('recovery-codes').locator('li').allInnerTexts()).map((c) => c.trim());
  }

  async continue(): Promise<HomePage> {
    const button = this.byTestId('continue');
    assert.match((await button.innerText()).trim(), new RegExp(`^${escapeRegExp(this.t('accounts:recoveryCodes.continue'))}$`));
    await button.click();
    return this.session.expect(HomePage);
  }
}
