import { inflateRawSync } from 'node:zlib';
import { BackupRefused } from './format.ts';

/**
 * Reads the files of a zip held in memory: enough for the bundles `together transfer export` writes
 * with yazl (stored or deflated entries, sizes in the central directory, no zip64, no encryption).
 * Written here because the zip reader the tests use (yauzl) is not shipped with the service.
 */
export function readZip(bytes: Buffer): Map<string, Buffer> {
  const notZip = () => new BackupRefused('this is not a transfer bundle (not a zip file, or one cut short)');
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end === -1) throw notZip();
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) throw notZip();
    const method = bytes.readUInt16LE(at + 10);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + extraLength + commentLength;
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) throw notZip();
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + compressedSize);
    if (data.length !== compressedSize) throw notZip();
    if (method === 0) files.set(name, Buffer.from(data));
    else if (method === 8) {
      try {
        files.set(name, inflateRawSync(data));
      } catch {
        throw new BackupRefused(`the bundle's ${name} cannot be unpacked: it was altered or damaged (nothing was changed)`);
      }
    } else throw new BackupRefused(`the bundle's ${name} is packed in a way this version does not read`);
  }
  return files;
}
