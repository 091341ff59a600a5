import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's chromium, driven by playwright-core (never `npx playwright install`: the machines
 * have no route to Playwright's download hosts). Without the networking flags Chromium keeps
 * trying hosts this closed network refuses, which slows every page.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The full browser (Debian's package `chromium`). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/**
 * Debian's chromium headless shell (package `chromium-headless-shell`): the same Chromium build
 * (Blink, V8, the same version as `chromium`) without the desktop browser's windowing and
 * compositor, which is what Playwright itself runs for headless tests. It takes about half the
 * CPU of the full browser for the same pages, and the browser tests are most of the suite's CPU.
 * Falls back to the full browser where it is not installed.
 */
export function headlessShellPath(): string {
  const shell = process.env.CHROMIUM_HEADLESS_SHELL_PATH || '/usr/bin/chromium-headless-shell';
  return existsSync(shell) ? shell : chromiumPath();
}

/**
 * The browser for a suite: the headless shell, or with `full` the full browser (the public pages'
 * file runs there, so every run also proves the service in the browser people install).
 */
export async function launchChromium(options: { full?: boolean } = {}): Promise<Browser> {
  return chromium.launch({ executablePath: options.full ? chromiumPath() : headlessShellPath(), headless: true, args: CHROMIUM_ARGS });
}
