import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { domainAllowed, providerUsedSecondFactor, secondFactorDoneByProvider, vouchedEmail } from './oidc.ts';

describe('what the identity provider vouches for', () => {
  it('takes the email claim, unless the provider says it is not verified', () => {
    assert.equal(vouchedEmail({ sub: '1', email: 'ceri@stdavids.example', email_verified: true }), 'ceri@stdavids.example');
    // Entra ID sends no email_verified: the address is its tenant's own.
    assert.equal(vouchedEmail({ sub: '1', email: 'ceri@stdavids.example' }), 'ceri@stdavids.example');
    assert.equal(vouchedEmail({ sub: '1', email: 'ceri@stdavids.example', email_verified: false }), undefined);
    assert.equal(vouchedEmail({ sub: '1' }), undefined);
    assert.equal(vouchedEmail({ sub: '1', email: 'not an address' }), undefined);
    assert.equal(vouchedEmail(undefined), undefined);
  });

  it('accepts only the organisation’s e-mail domains, whatever their capitals; none listed accepts any', () => {
    assert.equal(domainAllowed('Ceri@StDavids.Example', ['stdavids.example']), true);
    assert.equal(domainAllowed('ceri@stdavids.example.evil.test', ['stdavids.example']), false);
    assert.equal(domainAllowed('ceri@gmail.example', ['stdavids.example', 'familyplace.example']), false);
    assert.equal(domainAllowed('ceri@gmail.example', []), true);
  });

  it('reads a second factor from the ID token’s amr: "mfa", or methods of two kinds; a password alone or nothing is not one', () => {
    assert.equal(providerUsedSecondFactor({ amr: ['pwd', 'mfa'] }), true);
    assert.equal(providerUsedSecondFactor({ amr: ['pwd', 'otp'] }), true);
    assert.equal(providerUsedSecondFactor({ amr: ['hwk', 'fpt'] }), true, 'a security key with a fingerprint');
    assert.equal(providerUsedSecondFactor({ amr: ['pwd'] }), false);
    assert.equal(providerUsedSecondFactor({ amr: ['otp', 'sms'] }), false, 'two things held are one kind of factor');
    assert.equal(providerUsedSecondFactor({ amr: 'mfa' }), false, 'amr is a list');
    assert.equal(providerUsedSecondFactor({ sub: '1' }), false);
    assert.equal(providerUsedSecondFactor(undefined), false);
  });

  it('lets OIDC_SECOND_FACTOR trust the provider always, never, or by its claims', () => {
    assert.equal(secondFactorDoneByProvider('provider', { amr: ['pwd'] }), true);
    assert.equal(secondFactorDoneByProvider('platform', { amr: ['pwd', 'mfa'] }), false);
    assert.equal(secondFactorDoneByProvider('claims', { amr: ['pwd', 'mfa'] }), true);
    assert.equal(secondFactorDoneByProvider('claims', { amr: ['pwd'] }), false);
  });
});
