import cliProgress from 'cli-progress';

/** A progress callback `(done, total)` that draws a bar on stderr when it is a terminal, else does nothing. */
export function createProgress(label: string, options: { minTotal?: number } = {}) {
  let bar: cliProgress.SingleBar | undefined;
  const enabled = Boolean(process.stderr.isTTY);
  return {
    update(done: number, total: number): void {
      if (!enabled || total < (options.minTotal ?? 0)) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            format: `${label} [{bar}] {percentage}% | {value}/{total} | eta {eta_formatted}`,
            stream: process.stderr,
            noTTYOutput: false,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done);
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop(): void {
      bar?.stop();
      bar = undefined;
    },
  };
}
