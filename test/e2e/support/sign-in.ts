import { TEST_PASSWORD, type TestUser } from '../../support/app.ts';
import { codeFromApp } from './codes.ts';
import { HomePage } from './pages/home.ts';
import { SecondFactorPage, SignInPage } from './pages/sign-in.ts';
import type { BrowserSession } from './session.ts';

/**
 * Signs a member of staff in through the real pages: e-mail address and password, then a code
 * from their authenticator app. `from` is the address they first asked for (a page for staff
 * sends them to sign in first); they land on their home page.
 */
export async function signIn(session: BrowserSession, user: TestUser, from = '/sign-in'): Promise<HomePage> {
  const signInPage = await session.open(from, SignInPage);
  const secondFactor = await signInPage.signIn(user.email, TEST_PASSWORD, SecondFactorPage);
  return secondFactor.enterCode(codeFromApp(user.totpSecret!), HomePage);
}
