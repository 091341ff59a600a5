import { spawn } from 'node:child_process';

/**
 * The scanning hook: a command from DOCUMENT_SCAN_COMMAND (off when unset), run through the shell
 * with the file on its standard input before a document is accepted. Exit 0: clean. Exit 1: the
 * scanner found something (clamdscan and most scanners answer so). Anything else, or no answer in
 * time: the scan failed, and the file is not accepted either (a scanner that is down lets nothing in).
 */
export type ScanResult = 'clean' | 'infected' | 'failed';

export async function scanWith(command: string, bytes: Buffer, timeoutMs = 60_000): Promise<ScanResult> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'ignore', 'ignore'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('failed');
    }, timeoutMs);
    child.on('error', () => {
      clearTimeout(timer);
      resolve('failed');
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? 'clean' : code === 1 ? 'infected' : 'failed');
    });
    // A scanner may stop reading early (it found what it looked for): that is not our error.
    child.stdin.on('error', () => {});
    child.stdin.end(bytes);
  });
}
