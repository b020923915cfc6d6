import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type EngineRegistry, EntenteError } from '@entente/core';
import type { Command } from 'commander';
import { addDbOption, databaseTargetFrom } from '../db-options';
import { action } from '../run-command';

/** The built web workbench's folder, resolved through the `dist` that @entente/web exports; undefined when not built. */
export function webDistFolder(): string | undefined {
  try {
    return path.dirname(createRequire(import.meta.url).resolve('@entente/web/dist/index.html'));
  } catch {
    return undefined;
  }
}

/** Scenario files to serve when none are named: `scenarios/<name>/scenario.yaml` under the current folder. */
function defaultScenarios(): string[] {
  const root = path.resolve('scenarios');
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .map((name) => path.join(root, name, 'scenario.yaml'))
    .filter((file) => existsSync(file));
}

/** Host names to answer to: loopback, the bound address when it is a name or a unicast address, and --allow-host. */
function allowedHosts(bind: string, extra: string[]): string[] {
  const hosts = ['localhost', '127.0.0.1', '[::1]'];
  if (!LOOPBACK_BINDS.has(bind) && bind !== '0.0.0.0' && bind !== '::') hosts.push(bind);
  return [...hosts, ...extra];
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new EntenteError('INVALID_PORT', `--port ${value} is not a port number; use 0-65535 (0 picks a free port).`);
  return port;
}

interface ServeOptions {
  port: string;
  host: string;
  db?: string;
  cors?: string;
  maxBody?: string;
  allowHost: string[];
}

/** Addresses that only this machine can reach; binding elsewhere needs a token. */
const LOOPBACK_BINDS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** The access token from ENTENTE_TOKEN; a set but blank value is refused, since it would protect nothing. */
function tokenFromEnv(): string | undefined {
  const raw = process.env.ENTENTE_TOKEN;
  if (raw === undefined || raw === '') return undefined;
  if (raw.trim() === '')
    throw new EntenteError(
      'BLANK_TOKEN',
      'ENTENTE_TOKEN is blank; set it to a non-blank secret, or unset it to serve on 127.0.0.1 without a token.',
    );
  return raw.trim();
}

/** `entente serve`: the HTTP API and the web workbench. */
export function register(program: Command, engines?: EngineRegistry): void {
  const command = program
    .command('serve')
    .description('Serve the HTTP API and the web workbench for some scenarios (prints the URL)')
    .argument('[scenarios...]', 'scenario files or folders (default: scenarios/*/scenario.yaml)')
    .option('--port <port>', 'port to listen on (0 = a free port)', '4173')
    .option('--host <host>', 'address to bind (keep 127.0.0.1 unless you set ENTENTE_TOKEN)', '127.0.0.1')
    .option('--cors <origins>', 'comma-separated origins allowed to call the API from a browser (default: none)')
    .option('--max-body <bytes>', 'largest request body in bytes', String(4 * 1024 * 1024))
    .option(
      '--allow-host <name[:port]>',
      'a further Host name the server answers to (repeatable; default: localhost, 127.0.0.1, [::1] and --host)',
      (value: string, previous: string[]) => [
        ...previous,
        ...value
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
      ],
      [] as string[],
    );
  command.addHelpText(
    'after',
    '\nSet ENTENTE_TOKEN to require a token on every route (open the page once with ?token=...).',
  );
  addDbOption(command).action(
    action(async (inputs: string[], opts: ServeOptions) => {
      // Refusals come first, before anything is loaded: an open server must not start unprotected.
      const token = tokenFromEnv();
      if (!LOOPBACK_BINDS.has(opts.host) && !token)
        throw new EntenteError(
          'INSECURE_BIND',
          `--host ${opts.host} would let other machines use the API without a token; set ENTENTE_TOKEN to a secret first.`,
        );
      const files = inputs.length > 0 ? inputs : defaultScenarios();
      if (files.length === 0)
        throw new EntenteError(
          'NO_SCENARIOS',
          'No scenario to serve: name scenario files, or run from a folder holding scenarios/*/scenario.yaml.',
        );
      // The server and the store load only when serving, so other commands start fast.
      const { createApp, createServerJobRunner, loadScenarioFiles, ScenarioRegistry, startServer } = await import(
        '@entente/server'
      );
      const { EvidenceStore } = await import('@entente/store');
      const entries = loadScenarioFiles(files);
      for (const entry of entries)
        if (!entry.valid)
          process.stderr.write(
            `entente: ${entry.file} has ${entry.issues.filter((i) => i.severity === 'error').length} problem(s); run \`entente validate ${entry.file}\`.\n`,
          );
      const port = parsePort(opts.port);
      const maxBody = Number(opts.maxBody);
      if (!Number.isInteger(maxBody) || maxBody < 1024)
        throw new EntenteError(
          'INVALID_MAX_BODY',
          `--max-body ${opts.maxBody} is not a size; give a number of bytes (at least 1024).`,
        );
      const corsOrigins = (opts.cors ?? process.env.ENTENTE_CORS ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean);
      const target = await databaseTargetFrom(opts);
      const webRoot = webDistFolder();
      // Long analyses run on worker threads, so their progress streams and cancelling stops them.
      const runAnalysis = createServerJobRunner();
      // Uploaded articles are read on worker threads too, so that one long article does not stall the API.
      const { createExtractionPool, defaultExtractionThreads } = await import('@entente/runtime');
      const extraction = createExtractionPool({ threads: defaultExtractionThreads(), minThreads: 0 });
      const server = createApp({
        scenarios: new ScenarioRegistry(entries),
        runAnalysis,
        extractDocument: (task, signal) => extraction.extract(task, { signal }),
        ...(engines ? { engines } : {}),
        openStore: () => EvidenceStore.open(target),
        maxBodyBytes: maxBody,
        allowedHosts: allowedHosts(opts.host, opts.allowHost),
        ...(token ? { token } : {}),
        ...(corsOrigins.length ? { corsOrigins } : {}),
        ...(webRoot ? { webRoot } : {}),
      });
      const running = await startServer(server.app, { port, host: opts.host });
      process.stdout.write(
        `Entente workbench: ${running.url}${token ? ' (token required: open it once with ?token=<ENTENTE_TOKEN>)' : ''}\n`,
      );
      process.stdout.write(
        `Scenarios: ${entries.map((e) => e.id).join(', ')} — API description at ${running.url}api/openapi.json\n`,
      );
      if (!webRoot)
        process.stderr.write('entente: the web bundle is not built (npm run build:web); serving the API only.\n');
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await running.close();
      await server.close();
      await runAnalysis.close();
      await extraction.close();
      return 0;
    }),
  );
}
