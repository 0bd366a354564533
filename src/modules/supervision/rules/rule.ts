/**
 * A detection rule (稽核规则) as data plus code: its name (what `--rule` takes), its title, its legal basis (shown with
 * every finding), the parameters it reads, and `find`, which reads the imported data and the system's records in the
 * run's scope and returns what it found. Findings are exceptions: few rows, each with the evidence that shows why.
 */
import type { Tx } from '../../../platform/actor.ts';
import type { Said } from '../../../platform/messages.ts';

/** The dated parameters of a run, resolved once when the run is created (the job's snapshot). */
export interface RuleParameters {
  /** supervision.base_underreporting_share: how far below the tax wage a declared base may sit, e.g. "0.10". */
  baseUnderreportingShare: string;
  /** supervision.readmission_days: a readmission within this many days of discharge is a split admission. */
  readmissionDays: number;
  /** contribution.mid_month_cutoff_day: an enrolment in force on this day of a month counts for the month. */
  midMonthCutoffDay: number;
  /** supervision.repeat_charging_lines: identical lines of one claim allowed before the rest are repeats. */
  repeatChargingLines: number;
  /** supervision.item_sex: item word → the sex ('M' | 'F') the item is for. */
  itemSex: Record<string, string>;
  /** supervision.item_age: item word → the ages in whole years on admission it is for, from ≤ age < below. */
  itemAge: Record<string, { from: number; below: number }>;
  /** supervision.bed_holding_days: the shortest stay screened for bed-holding, in inpatient days. */
  bedHoldingDays: number;
  /** supervision.bed_holding_items_per_day: claim lines per inpatient day below which a stay is bed-holding, e.g. "0.5". */
  bedHoldingItemsPerDay: string;
}

export interface RuleContext {
  /** The region prefix of the subjects the run inspects ('' = every region). */
  scope: string;
  parameters: RuleParameters;
}

/** One finding as a rule gives it; `key` makes it the same finding on a re-run (unique per rule). */
export interface FoundFinding {
  key: string;
  subject: string;
  regionCode: string;
  period: string;
  /** fen: what the finding is worth (contributions short, benefits paid wrongly, the claim's amount). */
  amount: bigint;
  evidence: Record<string, unknown>;
}

export interface DetectionRule {
  name: string;
  title: () => Said;
  legalBasis: string;
  /** The parameter namespaces it reads (params/…). */
  parameters: readonly string[];
  find(tx: Tx, context: RuleContext): Promise<FoundFinding[]>;
}

/** A LIKE pattern for the region codes under a scope prefix. */
export const inScopePattern = (scope: string) => `${scope}%`;
