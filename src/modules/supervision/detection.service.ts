/**
 * Detection runs (稽核规则运行) on the job runner: one job per run, one chunk per rule, each chunk in one transaction
 * that replaces the rule's open findings in the run's scope with what the rule finds now. A finding already taken up
 * as a case or dismissed stays as it is and is not added again (the same rule and key), so a re-run never adds a
 * finding twice. The rules' parameters are resolved once when the run is created (the job's snapshot).
 *
 * The rules read the pension payroll, which belongs to the province-pooled fund: the job works in the province's
 * scope (widened, like the death import), and every rule keeps to the subjects of the actor's own region prefix.
 */
import type { DatabaseHandle } from '../../platform/database.ts';
import { inScope, scopePrefix, widenToPooledFunds, type Actor, type Tx } from '../../platform/actor.ts';
import { invalid } from '../../platform/errors.ts';
import { fieldRules } from '../../platform/fields.messages.ts';
import { newId } from '../../platform/ids.ts';
import { formatYuan } from '../../platform/money.ts';
import { can } from '../../platform/access/permissions.ts';
import { getParameters, todayInChina } from '../../platform/params/index.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { listPage, type ListAnswer, type ListRequest, type SortKey } from '../../platform/http/lists.ts';
import { maskIdNumbersDeep, maskIdNumbersIn } from '../../platform/personal-data.ts';
import { createOrFindJob, getJob, runOrAttach, throwIfFailed, type JobContext, type JobDefinition, type JobView } from '../../platform/jobs/index.ts';
import { render } from '../../platform/messages.ts';
import { detectionRules, ruleNamed } from './rules/index.ts';
import type { RuleParameters } from './rules/rule.ts';
import { supervisionSaid as said } from './supervision.messages.ts';
import { findingStatuses, type FindingStatus } from './supervision.statuses.ts';
import * as repository from './supervision.repository.ts';
import { creditOfSubjects, type SubjectCredit } from './credit/credit.service.ts';

/** The detection runs cross into the province-pooled payroll (see above). */
const DETECTION_ACROSS_POOLS = '稽核比对需核对省级统筹基金的养老金发放记录 (the detection rules read the payroll of the province-pooled fund)';

interface DetectionParameters { rules: string[]; scope: string; asOf: string; values: RuleParameters }
interface DetectionChunk { rule: string }

export interface RuleRunView { rule: string; title: string; legalBasis: string; found: number; added: number; replaced: number }
export interface DetectionResult { asOf: string; scope: string; rules: { rule: string; findings: number; amount: string }[] }

async function runRule(tx: Tx, context: JobContext<DetectionParameters>, { payload }: { chunk: number; payload: DetectionChunk }) {
  const started = performance.now();
  const rule = ruleNamed(payload.rule)!;
  const { scope, values } = context.parameters;
  const replaced = await repository.deleteOpenFindings(tx, rule.name, scope);
  const found = await rule.find(tx, { scope, parameters: values });
  const added = await repository.insertFindings(tx, found.map((finding) => ({
    id: newId(), rule: rule.name, finding_key: finding.key, subject: finding.subject, region_code: finding.regionCode, period: finding.period, amount: finding.amount,
    evidence: JSON.stringify(finding.evidence), legal_basis: rule.legalBasis, job_id: context.job.id,
  })));
  await recordAudit(tx, context.actor, {
    action: 'supervision.rule.run', entityType: 'job', entityId: String(context.job.id), regionCode: context.job.region_code,
    after: { rule: rule.name, scope: scope || '*', found: found.length, added, replaced, parameters: values, seconds: Math.round(performance.now() - started) / 1000 },
  });
}

async function finishDetection(database: DatabaseHandle, context: JobContext<DetectionParameters>): Promise<DetectionResult> {
  const counts = new Map((await inScope(database, context.actor, (tx) => repository.findingsOfJob(tx, context.job.id))).map((c) => [c.rule, c]));
  return {
    asOf: context.parameters.asOf, scope: context.parameters.scope,
    rules: context.parameters.rules.map((rule) => ({ rule, findings: counts.get(rule)?.findings ?? 0, amount: formatYuan(counts.get(rule)?.amount ?? 0n) })),
  };
}

/**
 * Two rules at a time, each on a connection of its own: the rules share nothing (each replaces its own findings), and
 * most of them are one PostgreSQL statement, one core's work (docs/decisions.md, "Detection rules two at a time").
 */
export const detectionJob: JobDefinition<DetectionParameters, DetectionChunk> = {
  kind: 'supervision.detection', label: '稽核规则运行', permission: 'supervision.run', workers: 2, runChunk: runRule, finish: finishDetection,
};

/** The rules a run works: the one named, or all of them. */
function rulesOf(rule: string | undefined): string[] {
  if (rule === undefined) return detectionRules.map((r) => r.name);
  if (!ruleNamed(rule)) throw invalid('rule', said.ruleUnknown({ rule, rules: detectionRules.map((r) => r.name).join(', ') }));
  return [rule];
}

/** The rules' parameters in force today for the actor's region (the national value for a national actor). */
function ruleParameters(regionCode: string | null, asOf: string): RuleParameters {
  const store = getParameters();
  return {
    baseUnderreportingShare: store.lookup('supervision.base_underreporting_share', asOf, regionCode).value as string,
    readmissionDays: store.integer('supervision.readmission_days', asOf, regionCode),
    midMonthCutoffDay: store.integer('contribution.mid_month_cutoff_day', asOf, regionCode),
    repeatChargingLines: store.integer('supervision.repeat_charging_lines', asOf, regionCode),
    itemSex: store.table('supervision.item_sex', asOf, regionCode) as Record<string, string>,
    itemAge: store.table('supervision.item_age', asOf, regionCode) as Record<string, { from: number; below: number }>,
    bedHoldingDays: store.integer('supervision.bed_holding_days', asOf, regionCode),
    bedHoldingItemsPerDay: store.lookup('supervision.bed_holding_items_per_day', asOf, regionCode).value as string,
  };
}

/** Creates a detection run over the actor's region subtree: a job of one chunk per rule, worked by whoever runs it. */
export async function startDetection(database: DatabaseHandle, actor: Actor, input: { rule?: string }): Promise<JobView> {
  const rules = rulesOf(input.rule);
  const asOf = todayInChina();
  const parameters: DetectionParameters = { rules, scope: scopePrefix(actor.regionCode), asOf, values: ruleParameters(actor.regionCode, asOf) };
  const worker = widenToPooledFunds(actor, DETECTION_ACROSS_POOLS);
  // every run is a run of its own: the data compared (imports, payrolls) change between two runs of one day
  const { job } = await inScope(database, worker, (tx) => createOrFindJob(tx, worker, detectionJob, {
    key: `${asOf}/${actor.regionCode ?? '*'}/${rules.length === 1 ? rules[0] : 'all'}/${newId()}`, regionCode: worker.widenedScope!.regionCode, parameters,
    chunks: rules.map((rule) => ({ rule })),
  }));
  return getJob(database, worker, job.id);
}

/** `sifund supervision run`: a run worked here to its end; its result per rule. */
export async function runDetection(database: DatabaseHandle, actor: Actor, input: { rule?: string }, onProgress?: (progress: { done: number; total: number }) => void) {
  const started = await startDetection(database, actor, input);
  const worker = widenToPooledFunds(actor, DETECTION_ACROSS_POOLS);
  const job = throwIfFailed(await runOrAttach(database, worker, BigInt(started.id), { onProgress }));
  return { job: job.id, ...(job.result as DetectionResult) };
}

export interface FindingView {
  id: string; rule: string; title: string; subject: string; regionCode: string; period: string; amount: string; evidence: unknown; legalBasis: string;
  status: FindingStatus; jobId: string; foundAt: string;
  /** the case it was taken up in (the open one, else the latest) */
  case: { id: string; number: string } | null;
  /** the subject's credit grade and blacklist status (credit/: watched = the worst grade or listed); null when never graded */
  credit: SubjectCredit | null;
}

const byRuleAndPeriod: SortKey[] = [{ by: 'rule', direction: 'asc' }, { by: 'period', direction: 'asc' }, { by: 'id', direction: 'asc' }];

/** The findings in the actor's scope; ID numbers masked (subject and evidence) for staff without personal.full.read. */
export async function listFindings(database: DatabaseHandle, actor: Actor, filter: repository.FindingFilter, request: ListRequest): Promise<ListAnswer<FindingView>> {
  if (filter.rule !== undefined) rulesOf(filter.rule);
  const masked = !can(actor, 'personal.full.read');
  return inScope(database, actor, (tx) => listPage(tx, repository.findingsQuery(tx, filter), byRuleAndPeriod, request, async (rows) => {
    const credit = await creditOfSubjects(tx, rows.map((row) => row.subject), actor.regionCode);
    return rows.map((row) => {
      const evidence = typeof row.evidence === 'string' ? JSON.parse(row.evidence) : row.evidence;
      const rule = ruleNamed(row.rule);
      return {
        id: String(row.id), rule: row.rule, title: rule ? render(rule.title(), 'zh-CN') : row.rule, subject: masked ? maskIdNumbersIn(row.subject) : row.subject,
        regionCode: row.region_code, period: row.period, amount: formatYuan(row.amount), evidence: masked ? maskIdNumbersDeep(evidence) : evidence,
        legalBasis: row.legal_basis, status: row.status, jobId: String(row.job_id), foundAt: row.found_at.toISOString(),
        case: row.case_ref ? { id: row.case_ref.split(' ')[0], number: row.case_ref.split(' ')[1] } : null,
        credit: credit.get(row.subject) ?? null,
      };
    });
  }));
}

/** The rules, for the CLI and the API: name, title and legal basis. */
export const ruleCatalog = () => detectionRules.map((rule) => ({ rule: rule.name, title: render(rule.title(), 'zh-CN'), legalBasis: rule.legalBasis, parameters: [...rule.parameters] }));

export const checkFindingStatus = (status: string | undefined): FindingStatus | undefined => {
  if (status === undefined) return undefined;
  if (!(findingStatuses as readonly string[]).includes(status)) throw invalid('status', fieldRules.oneOf({ values: findingStatuses.join(', ') }));
  return status as FindingStatus;
};
