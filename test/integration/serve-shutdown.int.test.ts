/**
 * Stopping `together serve` as a person does: Ctrl+C in the terminal (SIGINT to the whole process
 * group, the embedded PostgreSQL included) or SIGTERM from a service manager. The server runs on
 * its own embedded PostgreSQL in a temporary data folder, as `npm run demo` does.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runningCluster } from '../../src/platform/db/embedded.ts';

const root = path.resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Waits for a condition, a bounded number of times (no duration is asserted). */
async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** Does the port still accept a new connection? */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

type Served = { child: ChildProcess; port: number; stdout: () => string; stderr: () => string; exited: Promise<number | null> };

/** Starts `serve` in a process group of its own and waits (bounded) until it says it is running. */
async function startServe(dataDir: string): Promise<Served> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(DATABASE_URL|DATA_DIR|TEST_|NODE_TEST|PORT|NODE_ENV|SMTP_URL|MAIL_FROM)/.test(key)) env[key] = value;
  }
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/together.js', 'serve'], {
    cwd: root,
    env: { ...env, DATA_DIR: dataDir, PORT: String(port) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => stdout.includes('is running at') && resolve());
    void exited.then((code) => reject(new Error(`serve exited ${code} before it was running: ${stderr}`)));
    setTimeout(() => reject(new Error(`serve was not running after 120 s: ${stdout} ${stderr}`)), 120_000).unref();
  });
  await ready;
  return { child, port, stdout: () => stdout, stderr: () => stderr, exited };
}

describe('stopping together serve', () => {
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'together-serve-'));
    // PostgreSQL runs as its own user when the tests run as root: it must reach the folder.
    chmodSync(dataDir, 0o755);
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('on Ctrl+C (SIGINT to the process group) exits 0 with one line and no stack trace', async () => {
    const served = await startServe(dataDir);
    assert.equal((await fetch(`http://127.0.0.1:${served.port}/healthz`)).status, 200);
    // An invitation link signs a person in, and a query may carry an address: neither reaches the log.
    await fetch(`http://127.0.0.1:${served.port}/invitations/inv_SECRET-link-123?lang=cy`);
    await fetch(`http://127.0.0.1:${served.port}/sign-in?next=%2Fhomes%3Fwho%3Dmorwenna%40test.invalid`);
    await until(() => served.stdout().includes('/invitations/:token'), 'the request log line');
    for (const secret of ['SECRET-link', 'morwenna']) assert.ok(!served.stdout().includes(secret), `the log holds "${secret}"`);
    process.kill(-served.child.pid!, 'SIGINT');
    const code = await served.exited;
    assert.equal(code, 0, served.stderr());
    assert.doesNotMatch(served.stderr(), /Error| {4}at /, served.stderr());
    assert.match(served.stdout(), /^Adopting Together stopped \(SIGINT\)\.$/m);
    assert.equal(runningCluster(dataDir), undefined, 'the embedded PostgreSQL has stopped');
  });

  it('on SIGTERM stops taking requests, finishes the one in flight, then exits 0', async () => {
    const served = await startServe(dataDir);
    // A form whose body is still arriving when the signal comes: the request is under way.
    const body = 'email=nobody%40test.invalid&password=not-the-password';
    const request = http.request({
      host: '127.0.0.1',
      port: served.port,
      method: 'POST',
      path: '/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
    });
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      request.on('response', (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      });
      request.on('error', reject);
    });
    request.write(body.slice(0, 10));
    await until(() => /"url":"\/sign-in".*"msg":"incoming request"/.test(served.stdout()), 'the server to receive the request');
    served.child.kill('SIGTERM');
    await until(async () => !(await accepts(served.port)), 'the server to stop taking new connections');
    request.end(body.slice(10));
    const answer = await answered;
    assert.ok(answer.status > 0 && answer.status < 500, `the request in flight was answered ${answer.status}`);
    assert.equal(await served.exited, 0, served.stderr());
    assert.doesNotMatch(served.stderr(), /Error| {4}at /, served.stderr());
    assert.match(served.stdout(), /^Adopting Together stopped \(SIGTERM\)\.$/m);
    assert.equal(runningCluster(dataDir), undefined, 'the embedded PostgreSQL has stopped');
  });
});
