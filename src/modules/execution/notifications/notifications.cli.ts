/**
 * `sifund notifications webhook add --url U --secret S --events a,b [--region R]`, `… webhook list`,
 * `… webhook disable|enable --id N`, `… webhook deliveries --id N` (--format json|table). From the command line the
 * actor is the system in the national scope.
 */
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { invalid } from '../../../platform/errors.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { addSubscription, changeSubscription, listDeliveries, listSubscriptions, type SubscriptionView } from './notifications.service.ts';

const manager = () => systemActor('notifications', ['notifications.manage']);
const DELIVERIES_SHOWN = 200;

const subscriptionId = (text: string | undefined) => {
  if (text === undefined) throw invalid('id', fieldRules.required());
  if (!/^\d{1,19}$/.test(text)) throw invalid('id', fieldRules.wholeNumberGot({ text }));
  return BigInt(text);
};

const subscriptionRows = (items: SubscriptionView[]) => formatTable(['id', 'url', 'events', 'region', 'enabled', 'secret'],
  items.map((item) => [item.id, item.url, item.events.join(','), item.region ?? '*', item.enabled ? 'yes' : 'no', item.secretHint]));

export function registerNotificationCommands(program: Command) {
  const webhook = program.command('notifications').description('预警推送: webhooks for alerts and the monthly analysis')
    .command('webhook').description('webhook subscriptions: add, list, disable, enable, deliveries');

  addDataOption(webhook.command('add').description('register an endpoint (the secret signs every POST: X-Sifund-Signature)')
    .option('--url <url>', 'http:// or https:// endpoint (required)')
    .option('--secret <secret>', '16 to 200 characters (required)')
    .option('--events <list>', 'comma-separated: alert.raised, alert.acknowledged, alert.resolved, alert.auto_resolved, analysis.generated (required)')
    .option('--region <code>', 'only this region\'s subtree (default: every region)')
    .option('--format <format>', 'json | table', 'table'))
    .action((options) => runWithDatabase('notifications webhook add', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      for (const field of ['url', 'secret', 'events'] as const) if (options[field] === undefined) throw invalid(field, fieldRules.required());
      const added = await addSubscription(database, manager(), {
        url: options.url, secret: options.secret, events: String(options.events).split(',').map((event) => event.trim()).filter(Boolean), region: options.region,
      });
      if (options.format === 'json') return printJson(added);
      process.stdout.write(subscriptionRows([added]));
    }));

  addDataOption(webhook.command('list').description('the subscriptions (the secret by its last 4 characters)').option('--format <format>', 'json | table', 'table'))
    .action((options) => runWithDatabase('notifications webhook list', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const { items } = await listSubscriptions(database, manager());
      if (options.format === 'json') return printJson({ items });
      process.stdout.write(subscriptionRows(items));
    }));

  for (const [name, enabled] of [['disable', false], ['enable', true]] as const) {
    addDataOption(webhook.command(name).description(enabled ? 'send to the subscription again' : 'send nothing more to the subscription')
      .option('--id <id>', 'the subscription (required)').option('--format <format>', 'json | table', 'table'))
      .action((options) => runWithDatabase(`notifications webhook ${name}`, options, async ({ database }) => {
        checkFormat(options.format, ['json', 'table']);
        const changed = await changeSubscription(database, manager(), subscriptionId(options.id), { enabled });
        if (options.format === 'json') return printJson(changed);
        process.stdout.write(subscriptionRows([changed]));
      }));
  }

  addDataOption(webhook.command('deliveries').description(`the subscription's last ${DELIVERIES_SHOWN} deliveries with their last attempt`)
    .option('--id <id>', 'the subscription (required)').option('--format <format>', 'json | table', 'table'))
    .action((options) => runWithDatabase('notifications webhook deliveries', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const deliveries = await listDeliveries(database, manager(), subscriptionId(options.id), { limit: DELIVERIES_SHOWN });
      if (options.format === 'json') return printJson(deliveries);
      process.stdout.write(formatTable(['id', 'event', 'region', 'status', 'attempts', 'last status', 'last error', 'next attempt'],
        deliveries.items.map((item) => [item.id, item.event, item.region, item.status, String(item.attempts), item.lastStatusCode === null ? '-' : String(item.lastStatusCode), item.lastError ?? '-', item.nextAttemptAt ?? '-'])));
    }));
}
