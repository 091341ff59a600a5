import { ServicePage, escapeRegExp } from './service-page.ts';
import { expectVisible } from '../wait.ts';

/** The signed-in person's home: a welcome by name, what their roles are for, their tasks. */
export class HomePage extends ServicePage {
  readonly name = 'home';
  protected readonly path = /^\/(\?|$)/;
  protected heading() {
    // “Welcome, {{name}}” / “Croeso, {{name}}”: the words around the name, in the reader's language.
    return new RegExp(`^${escapeRegExp(this.t('home.welcome', { name: '' }).trim())}`);
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('home-title'), 'the welcome heading');
  }

  async welcome(): Promise<string> {
    return (await this.byTestId('home-title').innerText()).trim();
  }

  /** The tasks offered on the right, as link texts. */
  async tasks(): Promise<string[]> {
    return (await this.byTestId('tasks').getByRole('link').allInnerTexts()).map((t) => t.trim());
  }
}
