import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkTotp, currentTotp, newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, totpUri } from './totp.ts';

describe('second factor', () => {
  const secret = newTotpSecret();

  it('accepts the code an authenticator app shows now, with spaces typed in', () => {
    const code = currentTotp(secret);
    assert.equal(checkTotp(secret, code), true);
    assert.equal(checkTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`), true);
  });

  it('tolerates one 30-second step of clock drift, not more', () => {
    assert.equal(checkTotp(secret, currentTotp(secret, Date.now() - 30_000)), true);
    assert.equal(checkTotp(secret, currentTotp(secret, Date.now() - 5 * 60_000)), false);
  });

  it('refuses codes that are not six digits', () => {
    assert.equal(checkTotp(secret, 'abcdef'), false);
    assert.equal(checkTotp(secret, '12345'), false);
  });

  it('names the service in the authenticator entry', () => {
    assert.match(totpUri(secret, 'ffion@example.org'), /^otpauth:\/\/totp\/Adopting%20Together:ffion%40example\.org\?/);
  });

  it('issues ten different recovery codes that survive sloppy typing', () => {
    const codes = newRecoveryCodes();
    assert.equal(new Set(codes).size, 10);
    for (const code of codes) assert.match(code, /^[0-9a-f]{5}-[0-9a-f]{5}$/);
    const first = codes[0]!;
    assert.equal(normaliseRecoveryCode(` ${first.replace('-', '').toUpperCase()} `), first);
  });
});
