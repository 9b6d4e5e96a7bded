// Vite: a static site (relative base, so dist/ can be served from any path) with the
// analysis in a module worker. The bpfkit packages come from packages/*/dist (built ESM).
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  build: { outDir: 'dist', target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1500 },
  worker: { format: 'es' },
  server: { port: 5173 },
  preview: { port: 4173 },
});
