// Worker-thread entry for the GMCR splitter: a plain module that registers tsx in this thread and
// then loads the TypeScript worker code (a worker's `--import tsx` is not yet in effect for the
// entry module it starts with). `tsx` is resolved from this file's folder, never from the working folder.
import { register } from 'tsx/esm/api';

register();
await import('./gmcr-task-worker.ts');
