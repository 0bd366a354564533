/**
 * The one list of domain modules: the server (src/app.ts) registers their routes and the CLI (src/cli/main.ts) their
 * commands from it. A new module is a folder with an index.ts exporting its manifest, and one line here.
 */
import type { ModuleManifest } from '../platform/modules.ts';
import { registryModule } from './registry/index.ts';
import { collectionModule } from './collection/index.ts';
import { ledgerModule } from './ledger/index.ts';
import { benefitsModule } from './benefits/index.ts';
import { medicalModule } from './medical/index.ts';
import { budgetModule } from './budget/index.ts';
import { supervisionModule } from './supervision/index.ts';
import { executionModule } from './execution/index.ts';

export const modules: readonly ModuleManifest[] = [registryModule, ledgerModule, collectionModule, benefitsModule, medicalModule, budgetModule, supervisionModule, executionModule];
