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

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}
