import { buildProgram } from './program';
import { reportFailure } from './run-command';

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportFailure(error);
}
