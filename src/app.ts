/** The composition root: the platform server with every module's routes. */
import type { Config } from './platform/config.ts';
import type { DatabaseHandle } from './platform/database.ts';
import { buildServer } from './platform/http/server.ts';
import { paramsRoutes } from './platform/params/index.ts';
import { signoffRoutes } from './platform/signoff/signoff.routes.ts';
import { registryRoutes, importRoutes } from './modules/registry/index.ts';
import { ledgerRoutes } from './modules/ledger/index.ts';
import { collectionRoutes, paymentRoutes, arrearsRoutes, kpiRoutes } from './modules/collection/index.ts';
import { accountsRoutes } from './modules/collection/index.ts';
import { portalRoutes } from './modules/collection/index.ts';

/** Every module's routes, in the order they are registered. */
export const routePlugins = [paramsRoutes, signoffRoutes, registryRoutes, importRoutes, ledgerRoutes, collectionRoutes, paymentRoutes, arrearsRoutes, kpiRoutes, accountsRoutes, portalRoutes];

export function buildApp(config: Config, database: DatabaseHandle) {
  return buildServer(config, database, routePlugins);
}
