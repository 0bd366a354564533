/** Employment requests (增减员申报) as table columns: the employer's own list and the agency's review list show the same facts. */
import { Tag, Tooltip } from 'antd';
import type { ListColumn } from '../../components/ListPage.tsx';
import type { Translate } from '../../i18n.ts';
import { formatDateTime } from '../../format.ts';
import type { EmploymentRequest, RequestStatus } from './types.ts';

const requestStatusColor: Record<RequestStatus, string> = { pending: 'gold', returned: 'red', approved: 'green', cancelled: 'default' };

export function requestColumns(t: Translate, options: { withEmployer: boolean }): ListColumn<EmploymentRequest>[] {
  return [
    { key: 'requestedAt', title: t('portal.requestedAt'), dataIndex: 'requestedAt', width: 170, render: formatDateTime },
    ...(options.withEmployer ? [{
      key: 'employer', title: t('employment.employer'), dataIndex: 'employerName',
      render: (name: string, request: EmploymentRequest) => <>{name}<br /><small>{request.creditCode}</small></>,
    }] : []),
    { key: 'kind', title: t('portal.requestKind'), dataIndex: 'kind', width: 90, render: (kind: string) => <Tag color={kind === 'hire' ? 'blue' : 'purple'}>{t(`portal.kind.${kind}`)}</Tag> },
    { key: 'idNumber', title: t('person.idNumber'), dataIndex: 'idNumber', width: 190 },
    { key: 'name', title: t('person.name'), dataIndex: 'name', width: 100 },
    {
      key: 'date', title: t('portal.requestDate'), width: 150,
      render: (_, request) => (request.kind === 'hire'
        ? `${t('employment.hiredOn')} ${request.hiredOn}`
        : <>{`${t('employment.separatedOn')} ${request.separatedOn}`}<br /><small>{t(`separation.${request.separationReason}`)}</small></>),
    },
    { key: 'requestedBy', title: t('portal.requestedBy'), dataIndex: 'requestedBy', width: 110 },
    {
      key: 'status', title: t('common.status'), dataIndex: 'status', width: 160,
      render: (status: RequestStatus, request) => (
        <Tooltip title={request.reviewedAt ? `${request.reviewedBy} ${formatDateTime(request.reviewedAt)}` : undefined}>
          <Tag color={requestStatusColor[status]} data-testid="request-status">{t(`portal.status.${status}`)}</Tag>
          {request.reviewReason && <div><small>{request.reviewReason}</small></div>}
        </Tooltip>
      ),
    },
  ];
}
