// The entry of an embed-pool worker (cli/embed-pool.ts). A worker thread does not inherit the
// TypeScript loader of the thread that started it in every runtime (tsx, vitest, plain node), so
// it registers tsx itself, then loads the worker proper.
import { register } from 'tsx/esm/api';

register();
await import('./embed-worker.ts');
