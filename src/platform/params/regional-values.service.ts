/**
 * Regional policy parameters maintained in the UI (R2.3): a user with `params.propose` proposes a new dated value of
 * a parameter for a region in scope, with its reference (the local document); the proposal is a sign-off item
 * (kind params.regional_value, levels and risk from params/signoff/regional_parameter); its approval writes the
 * value (parameter_value, migration 0017) in the approval's transaction, and every process takes it into force from
 * its date without a restart (`refreshRegionalValues`: servers on every parameter read and every 5 s, commands at
 * start). National defaults stay in the parameter files (params/), reviewed like code.
 *
 * A proposed value is read by the files' own parser (a one-value parameter file is written for it), so a value the
 * UI accepts is exactly a value a file could hold: rates as exact decimals, money in yuan, choices checked.
 */
import type { DatabaseHandle } from '../database.ts';
import { inActorScope, inScope, type Actor, type Tx } from '../actor.ts';
import { requirePermission } from '../access/permissions.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError, forbidden, invalid } from '../errors.ts';
import { defineMessages, render } from '../messages.ts';
import { findRegionCode } from '../regions.repository.ts';
import { registerSignoffKind, submitForApproval } from '../signoff/index.ts';
import { isRealDate, isRegionCode, parseParameterFile, type ParameterDefinition, type ParameterValue } from './params.loader.ts';
import { getParameters, jsonValue, setRegionalValues, todayInChina } from './params.store.ts';
import * as repository from './regional-values.repository.ts';

const said = defineMessages('params.regional', {
  regionRequired: ['须为本辖区内的六位行政区划代码（全国默认值在参数文件中维护）', 'must be a six-digit region code in your scope (national defaults are kept in the parameter files)'],
  unknownRegion: ['行政区划 {region} 不存在', 'region {region} does not exist'],
  outsideScope: ['行政区划 {region} 不在您的管辖范围（{scope}）内', 'region {region} is outside your scope ({scope})'],
  notBeforeToday: ['须不早于今天（{today}）：已执行期间的参数不能在界面上追溯修改', 'must be today ({today}) or later: a value for a period already run cannot be changed from the UI'],
  realDate: ['须为有效日期（YYYY-MM-DD）', 'must be a real date YYYY-MM-DD'],
  oneLine: ['须为一行，最多 2000 个字符', 'must be one line of at most 2000 characters'],
  referenceRequired: ['须写明依据文件（文号），2 至 500 个字符', 'must name the document it comes from, in 2 to 500 characters'],
  // the unit's rule of the parameter files (params.loader.ts), said to the user in their language
  rateValue: ['须为小数形式的费率，如 0.085（8.5% 写作 0.085），实为“{value}”', 'must be a decimal rate like 0.085 (8.5% is written 0.085), got "{value}"'],
  moneyValue: ['须为以元为单位、最多两位小数的金额，如 1234.56，实为“{value}”', 'must be an amount in yuan with at most two decimals like 1234.56, got "{value}"'],
  integerValue: ['须为整数，如 15，实为“{value}”', 'must be a whole number like 15, got "{value}"'],
  choiceValue: ['须为以下取值之一：{choices}，实为“{value}”', 'must be one of {choices}, got "{value}"'],
  textValue: ['须为一段文字（不含 YAML 的列表或映射写法），实为“{value}”', 'must be plain text (no YAML list or mapping), got "{value}"'],
  tableValue: ['不符合参数文件的表格式：{problem}', 'does not read as the parameter files\' table: {problem}'],
  systemOnly: ['仅系统安装步骤可不经审批设置地区参数', 'only an installation step of the system sets a regional value without sign-off'],
  title: ['{description}：{region} 自 {since} 起调整为 {value}', '{description}: {region} from {since} becomes {value}'],
});

export interface RegionalValueProposal { path: string; region: string; since: string; value: string; reference: string; comment?: string | null }
type Payload = { path: string; region: string; since: string; valueText: string; reference: string };

/** The rule of the parameter's unit that a refused value broke (a table keeps the parser's own words). */
function unitRule(definition: ParameterDefinition, value: string, problem: string) {
  switch (definition.unit) {
    case 'rate': return said.rateValue({ value });
    case 'money': return said.moneyValue({ value });
    case 'integer': return said.integerValue({ value });
    case 'text': return definition.choices ? said.choiceValue({ value, choices: definition.choices.join(', ') }) : said.textValue({ value });
    case 'table': return said.tableValue({ problem: problem || 'unreadable' });
  }
}

/** The value as the files' parser reads it, or a 400 naming `value` and the files' rule. */
function readValue(definition: ParameterDefinition, since: string, valueText: string, reference: string): ParameterValue {
  const file = [
    `description: ${JSON.stringify(definition.description)}`,
    `unit: ${definition.unit}`,
    ...(definition.valueUnit ? [`value_unit: ${definition.valueUnit}`] : []),
    ...(definition.choices ? [`choices: ${JSON.stringify(definition.choices)}`] : []),
    'values:', `  ${since}:`, `    value: ${valueText}`, `    reference: ${JSON.stringify(reference)}`,
  ].join('\n');
  const { definition: read, problems } = parseParameterFile(file, definition.path, 'proposal');
  if (problems.length > 0 || !read || read.values.length !== 1) throw invalid('value', unitRule(definition, valueText, problems.map((problem) => problem.message).join('; ')));
  return read.values[0].value;
}

function checkProposal(actor: Actor, input: RegionalValueProposal): { definition: ParameterDefinition; value: ParameterValue; valueText: string; reference: string } {
  const definition = getParameters().definition(input.path);
  if (!isRegionCode(input.region ?? '')) throw invalid('region', said.regionRequired());
  if (!inActorScope(actor, input.region)) throw forbidden(said.outsideScope({ region: input.region, scope: actor.regionCode ?? '' }));
  if (!isRealDate(input.since ?? '')) throw invalid('since', said.realDate());
  const today = todayInChina();
  if (input.since < today) throw invalid('since', said.notBeforeToday({ today }));
  const valueText = (input.value ?? '').trim();
  if (valueText === '' || valueText.length > 2000 || /[\r\n]/.test(valueText)) throw invalid('value', said.oneLine());
  const reference = (input.reference ?? '').trim();
  if (reference.length < 2 || reference.length > 500 || /[\r\n]/.test(reference)) throw invalid('reference', said.referenceRequired());
  return { definition, value: readValue(definition, input.since, valueText, reference), valueText, reference };
}

const shownValue = (value: ParameterValue) => { const shown = jsonValue(value); return typeof shown === 'string' ? shown : JSON.stringify(shown); };

/** 参数调整: the sign-off kind; its approval writes the value. */
export const regionalValueSignoff = registerSignoffKind<Payload>({
  kind: 'params.regional_value',
  label: '地区政策参数调整',
  parameters: 'signoff.regional_parameter',
  requestPermission: 'params.propose',
  levels: [{ name: 'approve', label: '审批', permission: 'params.approve' }],
  async effect(tx, approver, item) {
    const { path, region, since, valueText, reference } = item.payload;
    // Read again: the parameter's unit or choices may have changed since the proposal (a new release of params/).
    const value = readValue(getParameters().definition(path), since, valueText, reference);
    await repository.insertValue(tx, {
      path, region_code: region, since, value_text: valueText, reference, approval_item_id: item.id,
      proposed_by_id: item.submittedById, proposed_by: item.submittedBy, approved_by_id: approver.userId, approved_by: approver.username,
    });
    await recordAudit(tx, approver, { action: 'params.regional_value.approve', entityType: 'parameter', entityId: `${path}@${region}`, regionCode: region,
      after: { path, region, since, value: shownValue(value), reference, approvalItem: item.id.toString(), proposedBy: item.submittedBy } });
    return { path, region, since, value: shownValue(value) };
  },
  subjectLink: (payload) => `/params?path=${encodeURIComponent(payload.path)}&region=${payload.region}`,
});

/**
 * A value the system itself sets, as an installation step (the demo's `--collection-model tax`), not a decision of
 * people: read by the files' parser like a proposal, written without a sign-off item (migration 0023 allows that only
 * for a `system:` actor) and audited. Any date, the past included: the installation's history starts with it.
 */
export async function setRegionalValueBySystem(tx: Tx, actor: Actor, input: Omit<RegionalValueProposal, 'comment'>) {
  if (actor.role !== 'system') throw forbidden(said.systemOnly());
  const definition = getParameters().definition(input.path);
  if (!isRegionCode(input.region)) throw invalid('region', said.regionRequired());
  if (!isRealDate(input.since)) throw invalid('since', said.realDate());
  const value = readValue(definition, input.since, input.value, input.reference);
  await repository.insertValue(tx, {
    path: input.path, region_code: input.region, since: input.since, value_text: input.value, reference: input.reference, approval_item_id: null,
    proposed_by_id: null, proposed_by: actor.username, approved_by_id: null, approved_by: actor.username,
  });
  await recordAudit(tx, actor, { action: 'params.regional_value.set', entityType: 'parameter', entityId: `${input.path}@${input.region}`, regionCode: input.region,
    after: { path: input.path, region: input.region, since: input.since, value: shownValue(value), reference: input.reference } });
}

/** Proposes a value: checked now as the files would be, then waits for approval (one open proposal per parameter, region and date). */
export async function proposeRegionalValue(database: DatabaseHandle, actor: Actor, input: RegionalValueProposal) {
  requirePermission(actor, 'params.propose');
  const { definition, value, valueText, reference } = checkProposal(actor, input);
  return inScope(database, actor, async (tx) => {
    if (!(await findRegionCode(tx, input.region))) throw invalid('region', said.unknownRegion({ region: input.region }));
    const title = said.title({ description: definition.description, region: input.region, since: input.since, value: shownValue(value) });
    return submitForApproval(tx, actor, regionalValueSignoff, {
      // the title is stored once, in Chinese: the inbox of a Chinese agency
      regionCode: input.region, title: render(title, 'zh-CN'), subjectKey: `parameter:${input.path}:${input.region}:${input.since}`,
      payload: { path: input.path, region: input.region, since: input.since, valueText, reference }, comment: input.comment ?? null,
    });
  });
}

let loadedNewest: bigint | null | undefined;

/** Takes the approved values into force in this process when they changed since the last look (one small query). */
export async function refreshRegionalValues(database: DatabaseHandle): Promise<void> {
  const newest = await database.db.transaction().execute((tx) => repository.newestValueId(tx));
  if (newest === loadedNewest) return;
  const rows = await database.db.transaction().execute((tx) => repository.allValues(tx));
  const values = rows.flatMap((row) => {
    const definition = getParameters().has(row.path) ? getParameters().definition(row.path) : undefined;
    if (!definition) return [];   // a parameter no longer in params/: its history stays in the table, nothing reads it
    try {
      return [{ path: row.path, regionCode: row.region_code, since: row.since, value: readValue(definition, row.since, row.value_text, row.reference), reference: row.reference }];
    } catch (error) {
      if (error instanceof AppError) return [];   // its unit changed in a later release of params/: the files' value applies
      throw error;
    }
  });
  setRegionalValues(values);
  loadedNewest = newest;
}

/** Who proposed and approved each value of a parameter set in the UI, newest first. */
export async function approvedValuesOf(database: DatabaseHandle, actor: Actor, path: string) {
  getParameters().definition(path);
  return inScope(database, actor, async (tx) => (await repository.valuesOfPath(tx, path)).map((row) => ({
    region: row.region_code, since: row.since, value: row.value_text, reference: row.reference, proposedBy: row.proposed_by,
    approvedBy: row.approved_by, approvedAt: row.approved_at.toISOString(), approvalItemId: row.approval_item_id?.toString() ?? null,
  })));
}
