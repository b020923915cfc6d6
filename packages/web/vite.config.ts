import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

/** The workbench builds to packages/web/dist, which `entente serve` serves. */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: { outDir: path.join(root, 'dist'), emptyOutDir: true, chunkSizeWarningLimit: 2000, sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:4173' } },
  logLevel: 'warn',
});
