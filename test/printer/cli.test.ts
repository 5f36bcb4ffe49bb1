import { spawn, type ChildProcess } from 'node:child_process';
import { expect } from 'chai';
import { createTransport, renderTicket } from '../../printer/index.ts';
import { sampleTicket } from './fixtures.ts';

/** Resolves with the child's stdout so far once `pattern` appears in it; rejects after `timeoutMs`. */
function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in ${timeoutMs} ms; got:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (!pattern.test(output)) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve(output);
    };
    child.stdout?.on('data', onData);
  });
}

describe('printer: virtual printer CLI', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill();
    child = undefined;
  });

  it('starts on the given port and prints each ticket it receives as text', async function () {
    this.timeout(15_000);
    child = spawn(process.execPath, ['--import', 'tsx', 'printer/virtual/cli.ts', '--port', '0', '--columns', '32'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const banner = await waitForOutput(child, /listening on tcp:\/\/127\.0\.0\.1:\d+\n/, 10_000);
    const url = /tcp:\/\/127\.0\.0\.1:\d+/.exec(banner)?.[0] ?? '';
    const printed = waitForOutput(child, /\n(- )+-?\n/, 5000);
    const bytes = await renderTicket(sampleTicket({ number: 'E314' }), { paperWidthMm: 58, timeZone: 'Europe/Rome' });
    expect(await createTransport(url).print(bytes)).to.deep.equal({ ok: true, printed: true });
    const output = await printed;
    expect(output).to.include('ticket 1 (');
    expect(output).to.include('E     3     1     4'); // printed 6 × 6: six columns a character
    expect(output).to.include('Attesa stimata: circa 12 minuti');
    expect(output).to.include('[QR https://puntocomune.example.it/t/2026-11-23/A023]');
  });

  it('refuses a bad port with a usage line', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'printer/virtual/cli.ts', '--port', 'ninety'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child?.on('exit', resolve));
    expect(code).to.equal(1);
    expect(stderr).to.match(/--port must be 0-65535\nusage: cli\.ts/);
  });
});
