import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The file URL of a module of this package, for a child's `import()`. */
export function moduleUrl(file: string): string {
  return pathToFileURL(path.join(here, file)).href;
}

/**
 * Starts a Node child that runs `code` (an ES module body) with tsx, so it can import this
 * package's TypeScript sources; its folder is the package's, so workspace packages resolve.
 * Test support only: the store never starts processes.
 */
export function spawnModule(code: string, args: string[] = []): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code, '--', ...args], {
    cwd: path.dirname(here),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Resolves when the child has printed `line` on stdout, rejects if it exits first. */
export function waitForLine(child: ChildProcess, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.split('\n').includes(line)) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`child exited (${code ?? signal}) before "${line}": ${err}`)),
    );
  });
}

/** Resolves with the child's exit code (null when killed by a signal). */
export function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
