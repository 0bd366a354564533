/**
 * What a domain module declares to the composition roots (src/app.ts, src/cli/main.ts): one object exported by its
 * index.ts. The roots loop over src/modules/index.ts, so adding a module edits neither of them. A new kind of
 * contribution (jobs, menu entries, messages …) is one more field here and one more loop in a root.
 */
import type { Command } from 'commander';
import type { RoutePlugin } from './http/server.ts';
import type { Permission } from './access/permissions.ts';
import type { SignoffKind } from './signoff/index.ts';
import type { JobDefinition, JobSchedule } from './jobs/index.ts';

export interface ModuleManifest {
  /** The module's folder under src/modules. */
  name: string;
  /** Its HTTP routes (Fastify plugins, each registering /api routes). */
  routes: readonly RoutePlugin[];
  /** Registers its `sifund` subcommands. */
  registerCommands(program: Command): void;
  /** The sign-off (approval) kinds it declares (src/platform/signoff). */
  approvalKinds: readonly SignoffKind[];
  /** Every permission its routes and its approval levels need (src/platform/access/permissions.ts). */
  permissions: readonly Permission[];
  /** The kinds of job it runs on the job runner (src/platform/jobs): the server resumes them, the CLI follows them. */
  jobs: readonly JobDefinition<never, never>[];
  /** When the server creates its jobs by itself (from dated parameters: the monthly sweep, the year-end interest). */
  schedules: readonly JobSchedule[];
  /** The reports and exports it offers, by name. */
  reports: readonly string[];
  /** The parameter namespaces it reads (folders or files under params/, e.g. 'contribution.late_fee'). */
  parameters: readonly string[];
}
