import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { domainAllowed, vouchedEmail } from './oidc.ts';

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
});
