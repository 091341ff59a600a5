import { ServicePage } from './service-page.ts';
import { expectText, expectVisible } from '../wait.ts';

/** The children list: filters, the table of children with their priority reasons and clock levels. */
export class ChildrenListPage extends ServicePage {
  readonly name = 'children';
  protected readonly path = /^\/children(\?|$)/;
  // Children's names are stored data.
  readonly dataRegions = ['[data-testid="child-link"]'];
  protected heading() {
    return this.t('children:list.title');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('children-filters'), 'the filters of the children list');
  }

  /** The row of one child, as its cells read. */
  async row(childName: string): Promise<string[]> {
    const row = this.byTestId('children-table')
      .locator('tbody tr')
      .filter({ has: this.page.getByRole('link', { name: childName, exact: true }) });
    await expectVisible(row, `the row of ${childName}`);
    return (await row.locator('td, th').allInnerTexts()).map((c) => c.trim());
  }

  /** "Showing 1 to 20 of 23", as the page says it. */
  async count(): Promise<string> {
    await expectVisible(this.byTestId('list-count'), 'how many children are shown');
    return (await this.byTestId('list-count').innerText()).trim();
  }

  /** The children's names in the table's order. */
  async names(): Promise<string[]> {
    return (await this.byTestId('child-link').allInnerTexts()).map((n) => n.trim());
  }

  /** Follows the pagination's "Next" link. */
  async nextPage(): Promise<ChildrenListPage> {
    await this.page.locator('.govuk-pagination__next a').click();
    return this.session.expect(ChildrenListPage);
  }

  /** Sorts by a column by choosing its heading. */
  async sortBy(column: 'name' | 'age' | 'referralDate'): Promise<ChildrenListPage> {
    await this.byTestId(`sort-${column}`).click();
    return this.session.expect(ChildrenListPage);
  }

  /** What the heading of a column tells assistive technology about the order (aria-sort). */
  async sortState(column: 'name' | 'age' | 'referralDate'): Promise<string | null> {
    return this.page.locator('th', { has: this.byTestId(`sort-${column}`) }).getAttribute('aria-sort');
  }

  /** Chooses a filter from the form and applies it. */
  async filter(field: string, value: string): Promise<ChildrenListPage> {
    await this.page.locator(`select#${field}`).selectOption(value);
    await this.byTestId('apply-filters').click();
    const filtered = await this.session.expect(ChildrenListPage);
    await this.session.inspect(filtered, 'filtered');
    return filtered;
  }

  /** The filters in use, as their tags read (without the words only screen readers hear). */
  async filterTags(): Promise<string[]> {
    const tags = this.byTestId('remove-filter');
    const texts: string[] = [];
    for (const tag of await tags.all())
      texts.push(
        await tag.evaluate((a) =>
          [...a.childNodes]
            .filter((n) => n.nodeType === 3)
            .map((n) => n.textContent)
            .join('')
            .trim(),
        ),
      );
    return texts;
  }

  /** Removes one filter by its tag. */
  async removeFilter(text: string): Promise<ChildrenListPage> {
    await this.byTestId('remove-filter').filter({ hasText: text }).click();
    return this.session.expect(ChildrenListPage);
  }

  /** The service manager's way to the agency's settings (shown only to them). */
  async openSettings(): Promise<ChildrenSettingsPage> {
    await expectText(this.byTestId('children-settings-link'), this.t('children:list.settingsLink'), 'the link to the settings');
    await this.byTestId('children-settings-link').click();
    return this.session.expect(ChildrenSettingsPage);
  }
}

/** The agency's settings for children who wait: thresholds, comparator, disclosure, with a reason per change. */
export class ChildrenSettingsPage extends ServicePage {
  readonly name = 'children-settings';
  protected readonly path = /^\/children\/settings(\?|$)/;
  // The reasons people gave and who gave them are stored data.
  readonly dataRegions = ['[data-testid="settings-history"] tbody td', '[data-testid="settings-current"]'];
  protected heading() {
    return this.t('children:settings.title');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('children-settings-form'), 'the settings form');
  }

  async setting(name: string): Promise<string> {
    return this.page.locator(`input[name="${name}"]`).inputValue();
  }

  /** Types new values into the boxes (by field name) and a reason, then saves. */
  async save(values: Record<string, string>, reason: string, expect: 'saved' | 'refused' = 'saved'): Promise<ChildrenSettingsPage> {
    for (const [name, value] of Object.entries(values)) await this.page.locator(`input[name="${name}"]`).fill(value);
    await this.page.locator('#changeReason').fill(reason);
    await this.byTestId('save-children-settings').click();
    return this.session.expect(ChildrenSettingsPage, { withErrors: expect === 'refused' });
  }

  async current(): Promise<string> {
    return (await this.byTestId('settings-current').innerText()).trim();
  }

  async openAceCategories(): Promise<AceCategoriesPage> {
    await this.byTestId('ace-categories-link').click();
    return this.session.expect(AceCategoriesPage);
  }
}

/** The ten standard ACEs and the agency's extended categories, with the form to add one. */
export class AceCategoriesPage extends ServicePage {
  readonly name = 'ace-categories';
  protected readonly path = /^\/children\/settings\/ace-categories(\?|$)/;
  // The names and codes of the agency's own categories are stored data; codes of the standard ten are identifiers.
  readonly dataRegions = ['[data-testid="extended-categories"] tbody td:first-child', '[data-testid="standard-categories"] tbody td:first-child'];
  protected heading() {
    return this.t('children:aceCategories.title');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('add-category-form'), 'the form to add a category');
    await expectVisible(this.byTestId('standard-categories'), 'the table of the ten standard ACEs');
  }

  async add(category: { code: string; nameEn: string; nameCy: string }): Promise<AceCategoriesPage> {
    const form = this.byTestId('add-category-form');
    await form.locator('#code').fill(category.code);
    await form.locator('#nameEn').fill(category.nameEn);
    await form.locator('#nameCy').fill(category.nameCy);
    await this.byTestId('add-category').click();
    return this.session.expect(AceCategoriesPage);
  }

  /** An extended category's row as its cells read (name with code, status, link). */
  async category(code: string): Promise<string[]> {
    const row = this.byTestId(`category-${code}`);
    await expectVisible(row, `the row of ${code}`);
    return (await row.locator('td').allInnerTexts()).map((c) => c.trim());
  }

  async openCategory(code: string): Promise<AceCategoryPage> {
    await this.byTestId(`category-${code}`).getByRole('link').click();
    return this.session.expect(AceCategoryPage);
  }
}

/** One extended category: rename it, retire it, or bring a retired one back. */
export class AceCategoryPage extends ServicePage {
  readonly name = 'ace-category';
  protected readonly path = /^\/children\/settings\/ace-categories\/[a-z][a-z0-9_]*(\?|$)/;
  // The caption is the category's code; the heading names it.
  readonly dataRegions = ['.govuk-caption-l', 'h1'];
  protected heading() {
    return new RegExp(`^${this.t('children:aceCategories.edit.title', { name: '' }).trim()}`);
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('rename-category-form'), 'the form to rename the category');
  }

  async retire(): Promise<AceCategoriesPage> {
    await this.byTestId('retire-category').click();
    return this.session.expect(AceCategoriesPage);
  }

  async reinstate(): Promise<AceCategoriesPage> {
    await expectText(this.byTestId('reinstate-category'), this.t('children:aceCategories.reinstate.save'), 'the button to reinstate');
    await this.byTestId('reinstate-category').click();
    return this.session.expect(AceCategoriesPage);
  }
}

/** The form that changes a child's ACE record: one group of radios per category, the standard ten then the agency's own. */
export class ChildAcesPage extends ServicePage {
  readonly name = 'child-aces-change';
  protected readonly path = /^\/children\/[0-9a-f-]{36}\/aces\/change(\?|$)/;
  // The caption is the child's name.
  readonly dataRegions = ['.govuk-caption-xl'];
  protected heading() {
    return this.t('children:aces.change.title');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('aces-form'), 'the ACE record form');
  }

  /** The legends of the categories offered, as read. */
  async categories(): Promise<string[]> {
    return (await this.page.locator('[data-testid^="ace-"] > legend').allInnerTexts()).map((l) => l.trim());
  }

  async category(code: string): Promise<string> {
    return (await this.byTestId(`ace-${code}`).locator('legend').first().innerText()).trim();
  }
}
