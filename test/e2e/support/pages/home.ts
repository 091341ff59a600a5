import { ServicePage, escapeRegExp } from './service-page.ts';
import { expectVisible } from '../wait.ts';

/** The signed-in person's home: a welcome by name, what their roles are for, their work list, their tasks. */
export class HomePage extends ServicePage {
  readonly name = 'home';
  // The welcome names the person; the panels name children and households, with dates.
  readonly dataRegions = [
    '[data-testid="home-title"]',
    '[data-testid="children-attention-table"] td',
    '[data-testid="households-attention"] td',
    '[data-testid="outcomes-due"] td',
  ];
  protected readonly path = /^\/(\?|$)/;
  protected heading() {
    // “Welcome, {{name}}” / “Croeso, {{name}}”: the words around the name, in the reader's language.
    return new RegExp(`^${escapeRegExp(this.t('home.welcome', { name: '' }).trim())}`);
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('home-title'), 'the welcome heading');
    await expectVisible(this.byTestId('home-work'), 'the person’s work list');
  }

  /** The work list as [kind, title, why and by when, status], in the order shown. */
  async workItems(): Promise<{ kind: string; title: string; hint: string; status: string }[]> {
    const out = [];
    for (const row of await this.byTestId('home-work').locator('[data-work-item]').all()) {
      out.push({
        kind: (await row.getAttribute('data-work-item'))!.split(':')[0]!,
        title: (await row.locator('a').innerText()).trim(),
        hint: (await row.locator('.govuk-task-list__hint').innerText()).trim(),
        status: (await row.locator('.govuk-tag').innerText()).trim(),
      });
    }
    return out;
  }

  async welcome(): Promise<string> {
    return (await this.byTestId('home-title').innerText()).trim();
  }

  /** The tasks offered on the right, as link texts. */
  async tasks(): Promise<string[]> {
    return (await this.byTestId('tasks').getByRole('link').allInnerTexts()).map((t) => t.trim());
  }
}
