/**
 * 案件管理: the supervision cases in scope (GET /api/supervision/cases — number, subject as the API gives it, kind,
 * amount involved, to recover, recovered, outstanding, status), newest first, filtered by status; a case opens its
 * page. With no case, the page says to open one from a finding (稽核发现 → 立案).
 */
import { Link, useNavigate } from 'react-router-dom';
import { Empty, Typography } from 'antd';
import { useI18n } from '../../i18n.ts';
import { formatDateTime } from '../../format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { CaseStatusTag, useRuleLabel } from './shared.tsx';
import type { CaseList, CaseStatus, CaseSummary } from './types.ts';

const statuses: CaseStatus[] = ['filing', 'investigating', 'concluded', 'recovering', 'closed', 'withdrawn'];

export default function CasesPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const ruleLabel = useRuleLabel();
  const kindLabel = (kind: string) => (kind === 'other' ? t('supervision.case.kind.other') : ruleLabel(kind));
  return (
    <ListPage<CaseSummary, CaseList>
      listId="supervision-cases" title={t('supervision.cases.title')} testId="cases-page" tableTestId="cases-table" endpoint="/api/supervision/cases" rowKey="id"
      filters={[
        { kind: 'enum', param: 'status', label: t('common.status'), options: statuses.map((status) => ({ value: status, label: t(`supervision.case.status.${status}`) })), testId: 'cases-status' },
        { kind: 'enum', param: 'assignedTo', label: t('supervision.case.assignedTo'), options: [{ value: 'me', label: t('supervision.cases.mine') }], testId: 'cases-assigned' },
      ]}
      table={{
        onRow: (item) => ({ onClick: () => navigate(`/supervision/cases/${item.id}`), style: { cursor: 'pointer' } }),
        locale: {
          emptyText: (
            <Empty description={t('supervision.cases.empty')} data-testid="cases-empty">
              <Link to="/supervision/findings">{t('supervision.cases.toFindings')}</Link>
            </Empty>
          ),
        },
      }}
      columns={[
        { key: 'number', title: t('supervision.case.number'), dataIndex: 'number', width: 140, render: (number: string, item) => <Typography.Link data-testid="case-link" data-id={item.id}>{number}</Typography.Link> },
        { key: 'subject', title: t('supervision.case.subject'), dataIndex: 'subject', width: 200 },
        { key: 'kind', title: t('supervision.case.kind'), dataIndex: 'kind', width: 200, render: kindLabel },
        { key: 'amountInvolved', title: t('supervision.case.amountInvolved'), dataIndex: 'amountInvolved', width: 150, money: true },
        { key: 'toRecover', title: t('supervision.case.toRecover'), dataIndex: 'toRecover', width: 140, money: true },
        { key: 'recovered', title: t('supervision.case.recovered'), dataIndex: 'recovered', width: 140, money: true },
        { key: 'outstanding', title: t('supervision.case.outstanding'), dataIndex: 'outstanding', width: 140, money: true },
        { key: 'assignedTo', title: t('supervision.case.assignedTo'), dataIndex: 'assignedTo', width: 140 },
        { key: 'status', title: t('common.status'), dataIndex: 'status', width: 110, render: (status: CaseStatus) => <CaseStatusTag status={status} /> },
        { key: 'openedAt', title: t('supervision.case.openedAt'), dataIndex: 'openedAt', width: 170, render: formatDateTime },
      ]}
    />
  );
}
