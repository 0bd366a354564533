import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The web UI: `node scripts/build-web.mjs` builds it into web/dist, which the API server serves at /. */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // React in its own long-cached chunk; pages (React.lazy) and ECharts (dashboard only) split naturally.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@remix-run)[\\/]/, priority: 2 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    // `npx vite --config web/vite.config.ts` for live reload against a running `sifund serve` (SIFUND_API to change it).
    proxy: { '/api': { target: process.env.SIFUND_API ?? 'http://localhost:8080', changeOrigin: false } },
  },
});
