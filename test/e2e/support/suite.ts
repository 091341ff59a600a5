import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { startDemoApp, startTestApp, type TestApp } from '../../support/app.ts';
import type { DemoSignIn } from '../../../src/demo.ts';
import { launchChromium } from './browser.ts';
import { BrowserSession, clearScreenshots, type StorageState } from './session.ts';

export type E2eSuite = {
  /** The app under test, with its fresh database and helpers to create organisations and people. */
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  /** The demo people's sign-ins, when the suite runs on the demo's data (`demo: true`); else none. */
  signIns: DemoSignIn[];
  /** A new person at a new browser window (no cookies unless a stored state is given). */
  session: (storageState?: StorageState) => Promise<BrowserSession>;
  /** Closes the browser windows opened so far (after each test). */
  endSessions: () => Promise<void>;
  close: () => Promise<void>;
};

/**
 * Starts the app in this process on a free port of 127.0.0.1, over a fresh migrated database
 * (test/support/app.ts), and Debian's chromium beside it. `name` prefixes the screenshots; `env`
 * adds settings as the environment would give them; `demo` starts it on a copy of the demo's data;
 * `fullBrowser` runs it in the full chromium rather than its headless shell (support/browser.ts).
 */
export async function openSuite(
  name: string,
  options: { env?: Record<string, string>; port?: number; demo?: boolean; fullBrowser?: boolean } = {},
): Promise<E2eSuite> {
  clearScreenshots(name);
  const [app, chromium] = await Promise.allSettled([
    options.demo ? startDemoApp({ env: options.env }) : startTestApp({ env: options.env }),
    launchChromium({ full: options.fullBrowser }),
  ]);
  if (app.status === 'rejected' || chromium.status === 'rejected') {
    if (app.status === 'fulfilled') await app.value.close();
    if (chromium.status === 'fulfilled') await chromium.value.close();
    throw app.status === 'rejected' ? app.reason : (chromium as PromiseRejectedResult).reason;
  }
  const t = app.value;
  const browser = chromium.value;
  // A fixed port when the app's own address must be known in advance (an identity provider's redirect URI).
  await t.app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const sessions: BrowserSession[] = [];
  return {
    t,
    baseUrl,
    browser,
    signIns: 'signIns' in t ? (t.signIns as DemoSignIn[]) : [],
    async session(storageState) {
      const session = await BrowserSession.start(browser, baseUrl, name, storageState);
      sessions.push(session);
      return session;
    },
    async endSessions() {
      await Promise.allSettled(sessions.splice(0).map((s) => s.close()));
    },
    async close() {
      await Promise.allSettled(sessions.splice(0).map((s) => s.close()));
      await browser.close().catch(() => {});
      await t.close();
    },
  };
}
