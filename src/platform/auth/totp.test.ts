import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { acceptTotp, currentTotp, newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, totpForStep, totpStep, totpUri } from './totp.ts';

describe('second factor', () => {
  const secret = newTotpSecret();
  // A fixed moment 10 s into a 30-second step, so no test straddles a step boundary.
  const now = Date.UTC(2026, 2, 14, 9, 30, 10);
  const step = totpStep(now);

  it('matches the published RFC 6238 example (SHA-1, six digits)', () => {
    // The RFC's key is the ASCII text "12345678901234567890"; at T = 59 s (step 1) it gives 94287082.
    const rfcKey = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    assert.equal(totpStep(59_000), 1);
    assert.equal(currentTotp(rfcKey, 59_000), '287082');
    assert.equal(acceptTotp(rfcKey, '287082', null, 59_000), 1);
    assert.equal(acceptTotp(rfcKey, '287082', 1, 59_000), undefined, 'and refuses it once step 1 was used');
  });

  it('counts 30-second steps from the Unix epoch', () => {
    assert.equal(totpStep(0), 0);
    assert.equal(totpStep(29_999), 0);
    assert.equal(totpStep(30_000), 1);
    assert.equal(totpStep(now + 20_000), step + 1, 'the next step starts 20 s after this moment');
    assert.equal(currentTotp(secret, now), totpForStep(secret, step));
  });

  it('accepts the code an authenticator app shows now, with spaces typed in, and says which step it was', () => {
    const code = currentTotp(secret, now);
    assert.equal(acceptTotp(secret, code, null, now), step);
    assert.equal(acceptTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, null, now), step);
  });

  it('tolerates one 30-second step of clock drift either way, not more', () => {
    const rfcKey = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    const at = 1_111_111_109_000; // another RFC moment: step 37037036, code 081804
    assert.equal(acceptTotp(rfcKey, '081804', null, at), 37_037_036);
    assert.equal(acceptTotp(rfcKey, '081804', null, at + 30_000), 37_037_036, 'one step late');
    assert.equal(acceptTotp(rfcKey, '081804', null, at - 30_000), 37_037_036, 'one step early');
    assert.equal(acceptTotp(rfcKey, '081804', null, at + 60_000), undefined, 'two steps late');
    assert.equal(acceptTotp(rfcKey, '081804', null, at - 60_000), undefined, 'two steps early');
  });

  it('refuses a code of the step already used, or of an earlier one, and accepts a later one', () => {
    assert.equal(acceptTotp(secret, currentTotp(secret, now), step, now), undefined, 'the same code twice');
    assert.equal(acceptTotp(secret, totpForStep(secret, step - 1), step, now), undefined, 'an older code after a newer one');
    assert.equal(acceptTotp(secret, totpForStep(secret, step + 1), step, now), step + 1, 'the next code');
    assert.equal(acceptTotp(secret, currentTotp(secret, now), step - 1, now), step, 'a code after the previous step was used');
    assert.equal(acceptTotp(secret, totpForStep(secret, step + 1), step + 1, now), undefined, 'nothing left once the latest accepted step was used');
  });

  it('refuses codes that are not six digits', () => {
    assert.equal(acceptTotp(secret, 'abcdef', null, now), undefined);
    assert.equal(acceptTotp(secret, '12345', null, now), undefined);
    assert.equal(acceptTotp(secret, `${currentTotp(secret, now)}0`, null, now), undefined);
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
