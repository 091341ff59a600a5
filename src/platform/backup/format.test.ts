import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BackupRefused, cipherFor, decipherFor, keyFor, newEncryption, parseHeader, sameSchema } from './format.ts';

describe('the backup format', () => {
  it('finds the key again from the passphrase, refuses another passphrase, and never writes the key', async () => {
    const { key, encryption } = await newEncryption('a synthetic passphrase');
    assert.ok(!JSON.stringify(encryption).includes(key.toString('base64')));
    assert.ok(!JSON.stringify(encryption).includes(key.toString('hex')));
    assert.deepEqual(await keyFor(encryption, 'a synthetic passphrase'), key);
    await assert.rejects(
      keyFor(encryption, 'another synthetic passphrase'),
      (error: Error) => error instanceof BackupRefused && /wrong passphrase/.test(error.message),
    );
    await assert.rejects(newEncryption('short'), /at least 12 characters/);
  });

  it('authenticates the header with the body: a changed header fails the tag', async () => {
    const { key, encryption } = await newEncryption('a synthetic passphrase');
    const header = Buffer.from('{"format":"together-backup"}\n');
    const cipher = cipherFor(key, encryption, header);
    const sealed = Buffer.concat([cipher.update('rows'), cipher.final()]);
    const tag = cipher.getAuthTag();
    const good = decipherFor(key, encryption, header, tag);
    assert.equal(Buffer.concat([good.update(sealed), good.final()]).toString(), 'rows');
    const bad = decipherFor(key, encryption, Buffer.from('{"format":"together-backup","x":1}\n'), tag);
    bad.update(sealed);
    assert.throws(() => bad.final());
  });

  it('reads only its own header and compares schema versions migration by migration', () => {
    assert.throws(() => parseHeader(Buffer.from('hello')), /not a Together backup/);
    assert.throws(() => parseHeader(Buffer.from('{"format":"other"}')), /not a Together backup/);
    assert.throws(() => parseHeader(Buffer.from('{"format":"together-backup","version":9}')), /format version 9/);
    const v = { migrations: 2, lastCreatedAt: 2, hashes: ['a', 'b'] };
    assert.ok(sameSchema(v, { ...v }));
    assert.ok(!sameSchema(v, { ...v, hashes: ['a', 'c'] }));
  });
});
