import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A worker thread's entry file and the Node flags it needs to load it. */
export interface WorkerScript {
  /** Absolute path of the worker module. */
  filename: string;
  /** Flags for the worker thread: tsx's loader when the module is TypeScript, else those of this process. */
  execArgv: string[] | undefined;
  /** Whether the module is compiled JavaScript (the CLI's dist bundle) rather than a TypeScript source. */
  compiled: boolean;
}

let tsxLoader: string | undefined;

/** tsx's loader as a file URL, resolved from this package (never from the working folder, see issue 10.1). */
export function tsxLoaderUrl(): string {
  tsxLoader ??= pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return tsxLoader;
}

/**
 * Locates the worker module `name` for code at `callerUrl` (its `import.meta.url`). From sources
 * the worker is the sibling `name.ts`, loaded through tsx by absolute URL; in the compiled bundle
 * every chunk sits in `dist/` and every worker entry in `dist/workers/name.js`, so the same call
 * works from both and from any working folder.
 */
export function workerScript(callerUrl: string, name: string): WorkerScript {
  if (/\.[mc]?ts$/.test(new URL(callerUrl).pathname))
    return {
      filename: fileURLToPath(new URL(`./${name}.ts`, callerUrl)),
      execArgv: ['--import', tsxLoaderUrl()],
      compiled: false,
    };
  return { filename: fileURLToPath(new URL(`./workers/${name}.js`, callerUrl)), execArgv: undefined, compiled: true };
}
