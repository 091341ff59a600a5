import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeDevice, deviceColumn, deviceFromColumn } from './device.ts';

const AGENTS = {
  chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  edgeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  samsungAndroid: 'Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
  chromeOnIpad: 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  headlessChromeLinux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
};

describe('the device a session was signed in from', () => {
  it('names the browser and the system a person would recognise', () => {
    assert.deepEqual(describeDevice(AGENTS.chromeWindows), { browser: 'chrome', system: 'windows' });
    assert.deepEqual(describeDevice(AGENTS.edgeWindows), { browser: 'edge', system: 'windows' });
    assert.deepEqual(describeDevice(AGENTS.safariIphone), { browser: 'safari', system: 'iphone' });
    assert.deepEqual(describeDevice(AGENTS.safariMac), { browser: 'safari', system: 'macos' });
    assert.deepEqual(describeDevice(AGENTS.firefoxLinux), { browser: 'firefox', system: 'linux' });
    assert.deepEqual(describeDevice(AGENTS.samsungAndroid), { browser: 'samsung', system: 'android' });
    assert.deepEqual(describeDevice(AGENTS.chromeOnIpad), { browser: 'chrome', system: 'ipad' });
    assert.deepEqual(describeDevice(AGENTS.headlessChromeLinux), { browser: 'chrome', system: 'linux' });
  });

  it('says "other" for a program it does not know, and nothing when there is no header', () => {
    assert.deepEqual(describeDevice('curl/8.5.0'), { browser: 'other', system: 'other' });
    assert.equal(describeDevice(undefined), undefined);
    assert.equal(describeDevice('   '), undefined);
  });

  it('stores only the two names, never the header, and reads back anything unknown as "other"', () => {
    const stored = deviceColumn(describeDevice(AGENTS.chromeWindows));
    assert.equal(stored, 'chrome/windows');
    assert.deepEqual(deviceFromColumn(stored), { browser: 'chrome', system: 'windows' });
    assert.deepEqual(deviceFromColumn('netscape/beos'), { browser: 'other', system: 'other' });
    assert.equal(deviceFromColumn(null), undefined);
    assert.equal(deviceColumn(undefined), null);
  });
});
