import { ServicePage } from './service-page.ts';
import { expectVisible } from '../wait.ts';

export class AccessibilityPage extends ServicePage {
  readonly name = 'accessibility';
  protected readonly path = /^\/accessibility(\?|$)/;
  protected heading() {
    return this.t('accessibility.title');
  }
}

export class CookiesPage extends ServicePage {
  readonly name = 'cookies';
  protected readonly path = /^\/cookies(\?|$)/;
  // Cookie names are what the browser stores, in any language.
  readonly dataRegions = ['tbody th'];
  protected heading() {
    return this.t('cookies.title');
  }
  protected async verifyContent() {
    await expectVisible(this.page.locator('table.govuk-table'), 'the table of cookies');
  }
}

export class PrivacyPage extends ServicePage {
  readonly name = 'privacy';
  protected readonly path = /^\/privacy(\?|$)/;
  protected heading() {
    return this.t('privacy.title');
  }
}
