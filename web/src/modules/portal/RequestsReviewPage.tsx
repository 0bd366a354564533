/**
 * 员工变动审核: employers' online add / remove requests in the user's region, oldest pending first. Each request is a
 * sign-off item (employment.request): approving it registers the person (if new) and the hire, or the separation,
 * in the registry; returning it tells the employer why (the employer may resubmit or withdraw it). The buttons show
 * on the requests the user may decide now (the inbox's rule: the level's permission, not one's own request). The
 * list is paged by the API's cursor and exported whole; the status is in the URL (?status=, 待审核 when absent).
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Segmented, Space } from 'antd';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { changeFilters } from '../../components/list/list-state.ts';
import { ApprovalActions, decidableItems } from '../../platform/signoff/shared.tsx';
import { requestColumns } from './requests.tsx';
import type { EmploymentRequest, RequestStatus } from './types.ts';

const statuses = ['pending', 'returned', 'approved', 'cancelled', 'all'] as const;

export default function RequestsReviewPage() {
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const status = (statuses as readonly string[]).includes(search.get('status') ?? '') ? search.get('status') as RequestStatus | 'all' : 'pending';
  const [decided, setDecided] = useState(0);
  // the requests this user may decide now, as sign-off items
  const decidable = useLoad((signal) => decidableItems('employment.request', signal).then((items) => new Map(items.map((item) => [item.id, item]))), [status, decided]);
  const reload = () => setDecided((n) => n + 1);

  return (
    <ListPage<EmploymentRequest>
      listId="employment-requests" title={t('portal.review')} testId="requests-review" tableTestId="requests-table" endpoint="/api/portal/requests"
      rowKey="id" maxLimit={200} table={{ size: 'small' }} exports={['xlsx', 'csv']} refresh={decided}
      query={status === 'all' ? {} : { status }}
      header={(
        <>
          <Segmented
            style={{ marginBottom: 16 }} value={status} data-testid="requests-status"
            onChange={(value) => setSearch((previous) => changeFilters(previous, { status: value === 'pending' ? undefined : value }), { replace: true })}
            options={statuses.map((value) => ({ value, label: t(`portal.status.${value}`) }))}
          />
          {decidable.error && <ApiErrorView error={decidable.error} retry={decidable.reload} />}
        </>
      )}
      columns={[
        ...requestColumns(t, { withEmployer: true }),
        {
          title: t('common.actions'), key: 'actions', width: 210,
          render: (_: unknown, request: EmploymentRequest) => {
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
  );
}
