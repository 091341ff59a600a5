import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('uses the documented defaults', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'together-config-'));
    const config = loadConfig({ DATA_DIR: dir });
    assert.equal(config.port, 3000);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.logLevel, 'info');
    assert.equal(config.trustProxy, false);
  });

  it('generates a session secret into the data folder once, and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'together-config-'));
    const first = loadConfig({ DATA_DIR: dir }).sessionSecret;
    const second = loadConfig({ DATA_DIR: dir }).sessionSecret;
    assert.equal(first, second);
    assert.ok(first.length >= 32);
    assert.equal(readFileSync(path.join(dir, 'session-secret'), 'utf8').trim(), first);
  });

  it('stops start-up naming the variable that is wrong', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty' }),
      (e: unknown) => e instanceof ConfigError && /PORT/.test(e.message),
    );
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'mysql://x' }),
      (e: unknown) => e instanceof ConfigError && /DATABASE_URL/.test(e.message),
    );
    assert.throws(
      () => loadConfig({ SESSION_SECRET: 'short' }),
      (e: unknown) => e instanceof ConfigError && /SESSION_SECRET/.test(e.message),
    );
    assert.throws(
      () => loadConfig({ LOG_LEVEL: 'loud' }),
      (e: unknown) => e instanceof ConfigError && /LOG_LEVEL/.test(e.message),
    );
    assert.throws(
      () => loadConfig({ TRUST_PROXY: 'maybe' }),
      (e: unknown) => e instanceof ConfigError && /TRUST_PROXY/.test(e.message),
    );
  });

  it('stops start-up in production when no e-mail could be sent, naming SMTP_URL', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'together-config-'));
    assert.throws(
      () => loadConfig({ DATA_DIR: dir, NODE_ENV: 'production' }),
      (e: unknown) => e instanceof ConfigError && /SMTP_URL/.test(e.message),
    );
    assert.throws(
      () => loadConfig({ DATA_DIR: dir, SMTP_URL: 'smtp://relay.example:587' }),
      (e: unknown) => e instanceof ConfigError && /MAIL_FROM/.test(e.message),
    );
    assert.throws(
      () => loadConfig({ DATA_DIR: dir, SMTP_URL: 'http://relay.example' }),
      (e: unknown) => e instanceof ConfigError && /SMTP_URL/.test(e.message),
    );
    assert.throws(
      () => loadConfig({ DATA_DIR: dir, SMTP_URL: 'smtp://relay.example', MAIL_FROM: 'nobody' }),
      (e: unknown) => e instanceof ConfigError && /MAIL_FROM/.test(e.message),
    );
    const production = loadConfig({
      DATA_DIR: dir,
      NODE_ENV: 'production',
      SMTP_URL: 'smtp://relay.example:587',
      MAIL_FROM: 'Adopting Together <no-reply@agency.example>',
    });
    assert.deepEqual(production.mail, { kind: 'smtp', url: 'smtp://relay.example:587', from: 'Adopting Together <no-reply@agency.example>' });
    assert.deepEqual(loadConfig({ DATA_DIR: dir }).mail, { kind: 'development' });
  });

  it('sends through an HTTP e-mail API when MAIL_API_URL is set, with its token and sender, never with SMTP_URL too', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'together-config-'));
    const from = 'no-reply@agency.example';
    assert.deepEqual(
      loadConfig({ DATA_DIR: dir, NODE_ENV: 'production', MAIL_API_URL: 'https://mail.example/send', MAIL_API_TOKEN: 'token-123456', MAIL_FROM: from }).mail,
      {
        kind: 'http',
        url: 'https://mail.example/send',
        token: 'token-123456',
        from,
      },
    );
    assert.throws(
      () => loadConfig({ DATA_DIR: dir, MAIL_API_URL: 'https://mail.example/send', MAIL_FROM: from }),
      (e: unknown) => e instanceof ConfigError && /MAIL_API_TOKEN/.test(e.message),
    );
    assert.throws(
      () =>
        loadConfig({
          DATA_DIR: dir,
          SMTP_URL: 'smtp://relay.example',
          MAIL_API_URL: 'https://mail.example/send',
          MAIL_API_TOKEN: 'token-123456',
          MAIL_FROM: from,
        }),
      (e: unknown) => e instanceof ConfigError && /MAIL_API_URL/.test(e.message),
    );
  });

  it('reads TRUST_PROXY as a yes/no switch', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'together-config-'));
    assert.equal(loadConfig({ DATA_DIR: dir, TRUST_PROXY: 'true' }).trustProxy, true);
    assert.equal(loadConfig({ DATA_DIR: dir, TRUST_PROXY: '0' }).trustProxy, false);
  });
});
