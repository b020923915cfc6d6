import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './run-cli';

const river = path.join(repoRoot, 'packages/core/src/scenario/fixtures/river-dispute.yaml');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'entente-cli-security-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('entente serve refuses unsafe settings before listening', () => {
  it('refuses a blank ENTENTE_TOKEN instead of serving unprotected', () => {
    const r = runCli(['serve', '--port', '0', river], { env: { ENTENTE_TOKEN: '   ' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[BLANK_TOKEN]');
    expect(r.stdout).toBe('');
  });

  it('refuses a non-loopback --host without a token', () => {
    const r = runCli(['serve', '--port', '0', '--host', '0.0.0.0', river], { env: { ENTENTE_TOKEN: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[INSECURE_BIND]');
    expect(r.stdout).toBe('');
  });

  it('reports a port in use as bad input, naming the port and the option to change', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const r = runCli(['serve', '--port', String(port), river], { env: { ENTENTE_TOKEN: '' } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`port ${port} is in use; choose another with --port`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('entente validate with a source file outside the scenario folder', () => {
  it('refuses ../ paths without reading the file', () => {
    const dir = path.join(tmp, 'scenario');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(tmp, 'secret.txt'), 'the secret');
    const text = readFileSync(river, 'utf8').replace(/^(\s+)file: .*$/m, '$1file: ../secret.txt');
    writeFileSync(path.join(dir, 'scenario.yaml'), text);
    const r = runCli(['validate', path.join(dir, 'scenario.yaml'), '--json']);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as { issues: { code: string; path: (string | number)[] }[] };
    expect(report.issues).toContainEqual(
      expect.objectContaining({ code: 'SOURCE_PATH_OUTSIDE', path: ['sources', 0, 'file'] }),
    );
  });
});
