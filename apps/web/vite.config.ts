// The dev server (`npm run web:dev`) and the preview server (`npm run web`, `npm start`, the
// end-to-end test) both serve the app on 127.0.0.1 and proxy `/api` to ASTRAL_WEB_API_URL.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { contractValues } from './src/contract-values.mjs';
import { webTarget } from './src/target.mjs';

const { apiOrigin, host, port } = webTarget(process.env);
const proxy = { '/api': { target: apiOrigin, changeOrigin: true } };

export default defineConfig({
  plugins: [react()],
  define: contractValues(),
  server: { host, port, strictPort: true, proxy },
  preview: { host, port, strictPort: true, proxy },
  build: { outDir: 'dist', emptyOutDir: true },
});
