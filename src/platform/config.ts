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
  /**
   * Which proxies to believe about the client (`SIFUND_TRUST_PROXY`, passed to Fastify's `trustProxy`):
   * false (default: none), true (any), a hop count, or addresses / CIDR ranges. Only a trusted proxy's
   * X-Forwarded-For and X-Forwarded-Proto set the client address (sign-in throttle) and the protocol
   * (the session cookie is Secure when it is https).
   */
  trustProxy: TrustProxy;
}

/** Fastify's trustProxy: none or all, a list of addresses / ranges, or a test per (address, hop). */
export type TrustProxy = boolean | string[] | ((address: string, hop: number) => boolean);

/** 'true' / 'false' / '1' (the nearest hop) / '127.0.0.1, 10.0.0.0/8' → Fastify's trustProxy. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || /^(false|no|off)$/i.test(text)) return false;
  if (/^(true|yes|on)$/i.test(text)) return true;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return (_address: string, hop: number) => hop < hops;
  }
  const list = text.split(',').map((part) => part.trim()).filter(Boolean);
  for (const entry of list) {
    if (!/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(entry) && !/^(loopback|linklocal|uniquelocal)$/.test(entry)) {
      throw new Error(`SIFUND_TRUST_PROXY: "${entry}" is not an address, a CIDR range, loopback, linklocal or uniquelocal (or use true, false or a hop count)`);
    }
  }
  return list;
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
    trustProxy: parseTrustProxy(env.SIFUND_TRUST_PROXY),
  };
}
