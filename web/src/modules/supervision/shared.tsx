/** What the supervision pages share: a rule's name, a finding's and a case's status and a control point's risk grade as tags. */
import { Tag } from 'antd';
import { hasMessage, useI18n } from '../../i18n.ts';
import type { CaseStatus, FindingStatus, RiskGrade } from './types.ts';

const statusColor: Record<FindingStatus, string> = { open: 'orange', case: 'blue', dismissed: 'default' };
const gradeColor: Record<RiskGrade, string> = { high: 'red', medium: 'orange', low: 'green' };
const caseColor: Record<CaseStatus, string> = { filing: 'gold', investigating: 'orange', concluded: 'blue', recovering: 'purple', closed: 'green', withdrawn: 'default' };

/** The rule in the reader's language; a rule the UI does not know yet by the title the API gives (Chinese). */
export function useRuleLabel(): (rule: string, title?: string) => string {
  const { t } = useI18n();
  return (rule, title) => (hasMessage(`supervision.rule.${rule}`) ? t(`supervision.rule.${rule}`) : title ?? rule);
}

export function FindingStatusTag({ status }: { status: FindingStatus }) {
  const { t } = useI18n();
  return <Tag color={statusColor[status]} data-testid="finding-status" data-status={status}>{t(`supervision.status.${status}`)}</Tag>;
}

export function GradeTag({ grade }: { grade: RiskGrade }) {
  const { t } = useI18n();
  return <Tag color={gradeColor[grade]} data-testid="control-grade" data-grade={grade}>{t(`supervision.grade.${grade}`)}</Tag>;
}

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const { t } = useI18n();
  return <Tag color={caseColor[status]} data-testid="case-status" data-status={status}>{t(`supervision.case.status.${status}`)}</Tag>;
}
