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
  describe('staff sign-in through the organisation’s identity provider', () => {
    const oidc = {
      OIDC_ISSUER_URL: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
      OIDC_CLIENT_ID: 'client-id',
      OIDC_CLIENT_SECRET: 'client-secret-from-the-environment',
      OIDC_REDIRECT_URL: 'https://together.agency.example/sign-in/organisation/callback',
      OIDC_ORGANISATION: 'st-davids',
    };
    const dir = () => mkdtempSync(path.join(tmpdir(), 'together-config-'));

    it('is off unless configured, and reads every setting when it is', () => {
      assert.equal(loadConfig({ DATA_DIR: dir() }).oidc, undefined);
      const config = loadConfig({ DATA_DIR: dir(), ...oidc, OIDC_ALLOWED_DOMAINS: 'StDavids.example, familyplace.example' }).oidc!;
      assert.equal(config.issuer.href, oidc.OIDC_ISSUER_URL);
      assert.equal(config.organisationSlug, 'st-davids');
      assert.deepEqual(config.allowedDomains, ['stdavids.example', 'familyplace.example']);
      assert.equal(config.required, false);
      assert.equal(loadConfig({ DATA_DIR: dir(), ...oidc, OIDC_REQUIRED: 'true' }).oidc!.required, true);
      // The platform's own code is asked unless the provider's token says it did a second factor.
      assert.equal(config.secondFactor, 'claims');
      assert.equal(loadConfig({ DATA_DIR: dir(), ...oidc, OIDC_SECOND_FACTOR: 'provider' }).oidc!.secondFactor, 'provider');
      assert.throws(() => loadConfig({ DATA_DIR: dir(), ...oidc, OIDC_SECOND_FACTOR: 'sometimes' }), /OIDC_SECOND_FACTOR/);
    });

    it('stops start-up naming the setting missing or wrong', () => {
      const { OIDC_CLIENT_SECRET: _secret, ...withoutSecret } = oidc;
      assert.throws(
        () => loadConfig({ DATA_DIR: dir(), ...withoutSecret }),
        (e: unknown) => e instanceof ConfigError && /OIDC_CLIENT_SECRET must be set/.test(e.message),
      );
      assert.throws(
        () => loadConfig({ DATA_DIR: dir(), ...oidc, OIDC_REDIRECT_URL: 'https://together.agency.example/callback' }),
        (e: unknown) => e instanceof ConfigError && /OIDC_REDIRECT_URL/.test(e.message),
      );
      assert.throws(
        () => loadConfig({ DATA_DIR: dir(), ...oidc, OIDC_ISSUER_URL: 'http://idp.agency.example' }),
        (e: unknown) => e instanceof ConfigError && /OIDC_ISSUER_URL must be an https:\/\/ URL/.test(e.message),
      );
      assert.throws(
        () => loadConfig({ DATA_DIR: dir(), OIDC_REQUIRED: 'true' }),
        (e: unknown) => e instanceof ConfigError && /OIDC_REQUIRED is true but OIDC_ISSUER_URL is not set/.test(e.message),
      );
      assert.throws(
        () => loadConfig({ DATA_DIR: dir(), ...oidc, OIDC_REQUIRED: 'yes' }),
        (e: unknown) => e instanceof ConfigError && /OIDC_REQUIRED must be true or false/.test(e.message),
      );
      assert.throws(
        () => loadConfig({ DATA_DIR: dir(), OIDC_ALLOWED_DOMAINS: 'stdavids.example' }),
        (e: unknown) => e instanceof ConfigError && /OIDC_ALLOWED_DOMAINS/.test(e.message),
      );
    });

    it('allows plain http only to a provider on this machine, outside production', () => {
      const local = { ...oidc, OIDC_ISSUER_URL: 'http://127.0.0.1:4000', OIDC_REDIRECT_URL: 'http://127.0.0.1:3000/sign-in/organisation/callback' };
      assert.equal(loadConfig({ DATA_DIR: dir(), ...local }).oidc?.issuer.protocol, 'http:');
      assert.throws(
        () => loadConfig({ DATA_DIR: dir(), ...local, NODE_ENV: 'production', SMTP_URL: 'smtp://relay.example:587', MAIL_FROM: 'a@b.example' }),
        (e: unknown) => e instanceof ConfigError && /OIDC_ISSUER_URL/.test(e.message),
      );
    });
  });
});
