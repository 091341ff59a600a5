import { TEST_PASSWORD } from '../../support/app.ts';
import { codeFromApp } from './codes.ts';
import { HomePage } from './pages/home.ts';
import { SecondFactorPage, SignInPage } from './pages/sign-in.ts';
import type { BrowserSession } from './session.ts';

/**
 * Who signs in: a TestUser (the tests' password, their authenticator key), or a demo sign-in
 * (the password and key `seedDemo` printed). Without a key there is no second step (adopters, funders).
 */
export type Credentials = { email: string; password?: string; totpSecret?: string };

/**
 * Signs a person in through the real pages: e-mail address and password, then (for staff) a code
 * from their authenticator app. `from` is the address they first asked for (a page for staff
 * sends them to sign in first); they land on their home page.
 */
export async function signIn(session: BrowserSession, person: Credentials, from = '/sign-in'): Promise<HomePage> {
  const signInPage = await session.open(from, SignInPage);
  if (!person.totpSecret) return signInPage.signIn(person.email, person.password ?? TEST_PASSWORD, HomePage);
  const secondFactor = await signInPage.signIn(person.email, person.password ?? TEST_PASSWORD, SecondFactorPage);
  return secondFactor.enterCode(await codeFromApp(person.totpSecret), HomePage);
}
