import type { ScenarioModel } from './scenario-model';

/** Every package of the model, by brute force, with the issues outside `open` at the status quo (tests only). */
export function* allPackages(m: ScenarioModel, open?: readonly string[]): Generator<Int32Array> {
  const radices = m.issues.map((issue) => (!open || open.includes(issue.id) ? issue.options.length : 1));
  const total = radices.reduce((a, b) => a * b, 1);
  for (let k = 0; k < total; k++) {
    const pkg = m.statusQuo.slice();
    let rest = k;
    for (let i = m.issues.length - 1; i >= 0; i--) {
      if (radices[i]! > 1) pkg[i] = rest % radices[i]!;
      rest = Math.floor(rest / radices[i]!);
    }
    yield pkg;
  }
}
