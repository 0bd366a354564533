import path from 'node:path';

/** Runtime configuration, from command-line options first, then the environment, then defaults. */
export interface Config {
  /** External PostgreSQL (`DATABASE_URL`); when absent sifund runs its embedded server. */
  databaseUrl: string | undefined;
  /** Where the embedded PostgreSQL and other local state live (`SIFUND_DATA_DIR`, `--data`). */
  dataDir: string;
  port: number;
  host: string;
  /** Password for the administrator created on first start (`SIFUND_ADMIN_PASSWORD`). */
  adminPassword: string | undefined;
  /** Directory of the dated policy parameters (YAML). */
  paramsDir: string;
  logLevel: string;
}

export const projectRoot = path.resolve(import.meta.dirname, '../..');

export function loadConfig(options: { data?: string; port?: string | number; host?: string } = {}): Config {
  const env = process.env;
  const port = Number(options.port ?? env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port must be an integer 0–65535, got ${options.port ?? env.PORT}`);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(options.data ?? env.SIFUND_DATA_DIR ?? 'data'),
    port,
    host: options.host ?? env.HOST ?? '0.0.0.0',
    adminPassword: env.SIFUND_ADMIN_PASSWORD || undefined,
    paramsDir: path.resolve(env.SIFUND_PARAMS_DIR ?? path.join(projectRoot, 'params')),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
