// The build, and the dev server (`npm run web:dev`): see src/web-config.mjs.
import { defineConfig } from 'vite';
import { webConfig } from './src/web-config.mjs';

export default defineConfig(webConfig(process.env));
