/**
 * The browser and system a session was signed in from, in a few words a person recognises
 * ("Chrome on Windows"), so they can tell their sessions apart and spot one that is not theirs.
 * Only the two names are kept (as keys of a closed list, shown in the reader's language): never the
 * user-agent string itself, which with the address could single a person out, and never the address.
 */

export const BROWSERS = ['edge', 'opera', 'samsung', 'firefox', 'chrome', 'safari', 'other'] as const;
export const SYSTEMS = ['windows', 'iphone', 'ipad', 'android', 'chromeos', 'macos', 'linux', 'other'] as const;
export type Browser = (typeof BROWSERS)[number];
export type System = (typeof SYSTEMS)[number];
export type Device = { browser: Browser; system: System };

/** First match wins: Edge, Opera and Samsung Internet also say "Chrome", and Chrome also says "Safari". */
const BROWSER_MARKS: [Browser, readonly string[]][] = [
  ['edge', ['Edg/', 'EdgA/', 'EdgiOS/', 'Edge/']],
  ['opera', ['OPR/', 'Opera']],
  ['samsung', ['SamsungBrowser/']],
  ['firefox', ['Firefox/', 'FxiOS/']],
  ['chrome', ['Chrome/', 'CriOS/', 'Chromium/']],
  ['safari', ['Safari/']],
];

/** iPads and iPhones also say "like Mac OS X"; Android also says "Linux". */
const SYSTEM_MARKS: [System, readonly string[]][] = [
  ['windows', ['Windows']],
  ['iphone', ['iPhone', 'iPod']],
  ['ipad', ['iPad']],
  ['android', ['Android']],
  ['chromeos', ['CrOS']],
  ['macos', ['Macintosh', 'Mac OS X']],
  ['linux', ['Linux', 'X11']],
];

/** The device behind a user-agent header, or undefined when there is none to read. */
export function describeDevice(userAgent: string | undefined): Device | undefined {
  // Headers can be long; the marks are all near the start, so a bounded slice is enough.
  const text = userAgent?.slice(0, 512).trim();
  if (!text) return undefined;
  const browser = BROWSER_MARKS.find(([, marks]) => marks.some((m) => text.includes(m)))?.[0] ?? 'other';
  const system = SYSTEM_MARKS.find(([, marks]) => marks.some((m) => text.includes(m)))?.[0] ?? 'other';
  return { browser, system };
}

/** How a device is stored in `sessions.device`: "chrome/windows". */
export function deviceColumn(device: Device | undefined): string | null {
  return device ? `${device.browser}/${device.system}` : null;
}

/** The stored value read back; anything not on the lists (an older or hand-edited row) reads as "other". */
export function deviceFromColumn(value: string | null): Device | undefined {
  if (!value) return undefined;
  const [browser, system] = value.split('/');
  return {
    browser: (BROWSERS as readonly string[]).includes(browser ?? '') ? (browser as Browser) : 'other',
    system: (SYSTEMS as readonly string[]).includes(system ?? '') ? (system as System) : 'other',
  };
}

/** "Chrome on Windows" / "Chrome ar Windows", or "Not known" for a session from before devices were kept. */
export function deviceInWords(device: Device | undefined, t: (key: string, params?: Record<string, unknown>) => string): string {
  if (!device) return t('accounts:sessions.deviceUnknown');
  return t('accounts:devices.description', {
    browser: t(`accounts:devices.browsers.${device.browser}`),
    system: t(`accounts:devices.systems.${device.system}`),
  });
}
