/**
 * 员工变动审核: employers' online add / remove requests in the user's region, oldest pending first. Each request is a
 * sign-off item (employment.request): approving it registers the person (if new) and the hire, or the separation,
 * in the registry; returning it tells the employer why (the employer may resubmit or withdraw it). The buttons show
 * on the requests the user may decide now (the inbox's rule: the level's permission, not one's own request).
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Segmented, Space, Table } from 'antd';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { ApprovalActions, decidableItems } from '../../platform/signoff/shared.tsx';
import { requestColumns } from './requests.tsx';
import type { EmploymentRequest, RequestPage, RequestStatus } from './types.ts';

const PAGE_SIZE = 50;
const statuses = ['pending', 'returned', 'approved', 'cancelled', 'all'] as const;

export default function RequestsReviewPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<RequestStatus | 'all'>('pending');
  const [page, setPage] = useState(1);
  const requests = useLoad((signal) => api.get<RequestPage>('/api/portal/requests', { status: status === 'all' ? undefined : status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal), [status, page]);
  // the requests this user may decide now, as sign-off items
  const decidable = useLoad((signal) => decidableItems('employment.request', signal).then((items) => new Map(items.map((item) => [item.id, item]))), [status, page]);
  const reload = () => { requests.reload(); decidable.reload(); };
  const error = requests.error ?? decidable.error;

  return (
    <Page title={t('portal.review')} testId="requests-review">
      <Segmented
        style={{ marginBottom: 16 }} value={status} onChange={(value) => { setStatus(value as RequestStatus | 'all'); setPage(1); }} data-testid="requests-status"
        options={statuses.map((value) => ({ value, label: t(`portal.status.${value}`) }))}
      />
      {error ? <ApiErrorView error={error} retry={reload} /> : (
        <Table<EmploymentRequest>
          rowKey="id" size="small" loading={requests.loading} dataSource={requests.data?.items ?? []} data-testid="requests-table"
          pagination={{ current: page, pageSize: PAGE_SIZE, total: requests.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { n }) }}
          columns={[
            ...requestColumns(t, { withEmployer: true }),
            {
              title: t('common.actions'), key: 'actions', width: 210,
              render: (_, request) => {
                const item = request.status === 'pending' ? decidable.data?.get(request.approvalItemId) : undefined;
                return (
                  <Space wrap>
                    {item && (
                      <ApprovalActions
                        size="small" item={item} onDone={reload}
                        approveNote={t(request.kind === 'hire' ? 'portal.approveHire' : 'portal.approveSeparation', { name: request.name, employer: request.employerName })}
                      />
                    )}
                    <Link to={`/approvals/${request.approvalItemId}`} data-testid="request-approval-link">{t('common.detail')}</Link>
                  </Space>
                );
              },
            },
          ]}
        />
      )}
    </Page>
  );
}
