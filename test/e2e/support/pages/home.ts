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
    '[data-testid="referred-children-table"] td',
    '[data-testid="locked-accounts"] li',
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

  /** The service manager's 12-month trend: each chart's bars (label → value) and the table's rows [month, waiting, placed]. */
  async trend(): Promise<{ bars: Record<'waiting' | 'placed', Map<string, number>>; rows: string[][] }> {
    const barsOf = async (id: string) =>
      new Map(
        (await this.page.locator(`svg#${id} rect title`).allTextContents()).map((text) => {
          const at = text.lastIndexOf(': ');
          return [text.slice(0, at), Number(text.slice(at + 2))] as [string, number];
        }),
      );
    const rows: string[][] = [];
    for (const row of await this.byTestId('trend-table').locator('tbody tr').all())
      rows.push((await row.locator('th, td').allInnerTexts()).map((c) => c.trim()));
    return { bars: { waiting: await barsOf('trend-waiting'), placed: await barsOf('trend-placed') }, rows };
  }

  async welcome(): Promise<string> {
    return (await this.byTestId('home-title').innerText()).trim();
  }

  /** The tasks offered on the right, as link texts. */
  async tasks(): Promise<string[]> {
    return (await this.byTestId('tasks').getByRole('link').allInnerTexts()).map((t) => t.trim());
  }
}
