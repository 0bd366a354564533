/** The composition root: the platform server with every module's routes. */
import type { Config } from './platform/config.ts';
import type { DatabaseHandle } from './platform/database.ts';
import { buildServer } from './platform/http/server.ts';
import { paramsRoutes } from './platform/params/index.ts';
import { signoffRoutes } from './platform/signoff/signoff.routes.ts';
import { regionalValueRoutes } from './platform/params/regional-values.routes.ts';
import { calendarRoutes } from './platform/calendar/index.ts';
import { modules } from './modules/index.ts';
import { registerJobKinds } from './platform/jobs/index.ts';

/** The platform's routes (auth and audit are built into the server), then every module's, in the order they are registered. */
export const routePlugins = [regionalValueRoutes, paramsRoutes, signoffRoutes, calendarRoutes, ...modules.flatMap((module) => module.routes)];

registerJobKinds(modules.flatMap((module) => module.jobs));

/** The server with every module's routes; `schedules`: the server creates scheduled jobs (sifund serve). */
export function buildApp(config: Config, database: DatabaseHandle, options: { schedules?: boolean } = {}) {
  return buildServer(config, database, routePlugins, { jobs: { schedules: options.schedules ? modules.flatMap((module) => module.schedules) : [] } });
}
