/**
 * Every web module: each folder web/src/modules/<name>/ with an index.ts exporting `webModule` (see
 * platform/module.ts). Vite bundles what the glob matches, so adding a folder adds its routes, menu and messages.
 */
import type { WebModule } from './platform/module.ts';

const found = import.meta.glob<{ webModule: WebModule }>('./modules/*/index.ts', { eager: true });

/** The modules in name order (menus and routes order themselves by their own `order` and paths). */
export const webModules: readonly WebModule[] = Object.values(found).map((exports) => exports.webModule).sort((a, b) => a.name.localeCompare(b.name));
