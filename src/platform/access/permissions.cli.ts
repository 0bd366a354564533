/** `sifund permissions`: the permission matrix (who may do what), as a table or JSON. */
import type { Command } from 'commander';
import { formatTable, printJson } from '../../cli/context.ts';
import { roleLabels, roles } from '../actor.ts';
import { permissionDescriptions, permissionMatrix, permissions } from './permissions.ts';

export function permissionMatrixRows() {
  return permissions.map((permission) => ({
    permission, description: permissionDescriptions[permission],
    roles: roles.filter((role) => permissionMatrix[role].includes(permission)),
  }));
}

export function registerPermissionCommands(program: Command) {
  program.command('permissions').description('the permission matrix: every permission and the roles that hold it')
    .option('--format <format>', 'table or json', 'table')
    .action((options: { format: string }) => {
      if (options.format !== 'table' && options.format !== 'json') {
        process.stderr.write('error: format: must be one of table, json\n');
        process.exitCode = 1;
        return;
      }
      const rows = permissionMatrixRows();
      if (options.format === 'json') {
        printJson({ roles: roles.map((role) => ({ role, label: roleLabels[role], permissions: [...permissionMatrix[role]] })), permissions: rows });
        return;
      }
      process.stdout.write(formatTable(['permission', ...roles.map((role) => roleLabels[role])],
        rows.map((row) => [row.permission, ...roles.map((role) => (row.roles.includes(role) ? '✓' : ''))])));
    });
}
