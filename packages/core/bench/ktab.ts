/**
 * KTAB SMP speed: the 80-actor reference case (`dummyData-a080`), first call and warm runs, beside the
 * compromise model (capability × salience weighted mean) on the same inputs in the same run.
 * Usage: npm run bench -- ktab   (needs ../shared/reference/forecasting)
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { caseToInput, readCase, referencePresent } from '../src/forecast/ktab/reference.test-helper';
import { runSmp } from '../src/forecast/ktab/run-smp';

if (!referencePresent) {
  console.log('ktab bench: ../shared/reference/forecasting is absent; nothing to measure.');
  process.exit(0);
}
const input = caseToInput(readCase('ktab-smp-dummy-a080.json'));
const time = (f: () => unknown) => {
  const t = performance.now();
  f();
  return (performance.now() - t) / 1000;
};
// The first call's CPU time too (every thread: it includes the JIT's compiler threads), as wall time
// on a shared machine mostly measures the other processes.
const cpu0 = process.cpuUsage();
const first = time(() => runSmp(input));
const firstCpu = process.cpuUsage(cpu0);
const warm = Array.from({ length: 5 }, () => time(() => runSmp(input))).sort((a, b) => a - b);
const mean = time(() => {
  for (let r = 0; r < 1000; r++)
    input.positions.map((p, d) => {
      let num = 0;
      let den = 0;
      for (let i = 0; i < p.length; i++) {
        const w = input.capability[i]! * input.salience[d]![i]!;
        num += w * p[i]!;
        den += w;
      }
      return num / den;
    });
});
console.log(
  `KTAB SMP, ${input.actors.length} actors × ${input.dimensions.length} dimension(s); load average ${loadavg()
    .map((v) => v.toFixed(1))
    .join(' ')}:`,
);
console.log(
  `  first call ${first.toFixed(3)} s wall, ${((firstCpu.user + firstCpu.system) / 1e6).toFixed(3)} s CPU; warm min ${warm[0]!.toFixed(3)} s, median ${warm[2]!.toFixed(3)} s (goal ≤ 0.5 s)`,
);
console.log(`  baseline in the same run: the compromise model ${((mean / 1000) * 1e6).toFixed(1)} µs per case`);
