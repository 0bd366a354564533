/** `sifund approvals list|show|decide`: the inbox from the command line. A decision is signed by a real user. */
import readline from 'node:readline/promises';
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../cli/context.ts';
import { systemActor, type Actor } from '../actor.ts';
import { actorOf, login, logout, passwordChangeRequired, sessionUser } from '../auth/auth.service.ts';
import type { DatabaseHandle } from '../database.ts';
import { invalid } from '../errors.ts';
import { signoffMessages as said } from './signoff.messages.ts';
import { decide, getApproval, listApprovals, type ApprovalItemView } from './signoff.service.ts';

/** Reading the inbox from the server's console: a system actor that may read approvals, nothing else. */
const reader = () => systemActor('approvals', ['approvals.read']);

const row = (item: ApprovalItemView) => [item.id, item.kindLabel, item.title, item.amount ?? '', item.status, item.nextLevel?.label ?? '', item.submittedBy, item.deadlineOn + (item.overdue ? ' !' : '')];
const headers = ['id', 'kind', 'title', 'amount', 'status', 'next level', 'submitted by', 'deadline'];

/** Signs in as the user (password from SIFUND_PASSWORD or asked for), so the decision carries their identity. */
async function signedIn(database: DatabaseHandle, username: string): Promise<{ actor: Actor; token: string }> {
  let password = process.env.SIFUND_PASSWORD;
  if (!password) {
    const prompt = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    password = await prompt.question(`password for ${username}: `);
    prompt.close();
  }
  const session = await login(database, username, password, { ip: 'console', requestId: 'cli' });
  const user = await sessionUser(database, session.token);
  if (!user) throw invalid('username', said.signInFailed());
  const actor = actorOf(user, 'cli');
  if (passwordChangeRequired(actor)) {
    await logout(database, session.token, actor);
    throw invalid('username', said.mustChangePassword({ username }));
  }
  return { actor, token: session.token };
}

export function registerSignoffCommands(program: Command) {
  const approvals = program.command('approvals').description('the sign-off inbox (待办): items waiting for a second or third person');
  addDataOption(approvals.command('list').description('items by status (default pending); --kind to filter'))
    .option('--status <status>', 'pending, returned, approved or cancelled', 'pending').option('--kind <kind>')
    .option('--limit <n>', 'at most this many', '50').option('--format <format>', 'table or json', 'table')
    .action((options) => runWithDatabase('approvals list', options, async ({ database }) => {
      checkFormat(options.format, ['table', 'json']);
      // the console sees every item with the status, not one user's decidable ones
      const { items } = await listApprovals(database, reader(), { status: options.status, kind: options.kind, limit: Number(options.limit), mine: false });
      if (options.format === 'json') printJson(items);
      else process.stdout.write(items.length ? formatTable(headers, items.map(row), [3]) : `no ${options.status} items\n`);
    }));
  addDataOption(approvals.command('show').description('one item with its levels and timeline'))
    .requiredOption('--id <id>').option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('approvals show', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const item = await getApproval(database, reader(), BigInt(options.id));
      if (options.format === 'json') return printJson(item);
      process.stdout.write(formatTable(headers, [row(item)], [3]));
      process.stdout.write(`levels: ${item.levels.map((l) => `${l.label}${l.signed ? ' ✓' : ''}`).join(' → ')}\n`);
      process.stdout.write(formatTable(['#', 'action', 'level', 'user', 'role', 'comment', 'at'], item.timeline.map((s) => [String(s.seq), s.action, s.levelLabel ?? '', s.username, s.role, s.comment ?? '', s.at])));
    }));
  addDataOption(approvals.command('decide').description('approve or return an item as a named user (password from SIFUND_PASSWORD or prompted)'))
    .requiredOption('--id <id>').requiredOption('--username <username>').requiredOption('--decision <decision>', 'approve or return')
    .option('--comment <text>').option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('approvals decide', options, async ({ database }) => {
      if (!['approve', 'return'].includes(options.decision)) throw invalid('decision', said.approveOrReturn());
      const { actor, token } = await signedIn(database, options.username);
      try {
        const item = await decide(database, actor, BigInt(options.id), options.decision, options.comment);
        if (options.format === 'json') printJson(item);
        else process.stdout.write(`${item.kindLabel} ${item.id}: ${item.status}${item.nextLevel ? `, next level ${item.nextLevel.label}` : ''}\n`);
      } finally {
        await logout(database, token, actor);
      }
    }));
}
