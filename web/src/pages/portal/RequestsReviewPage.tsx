/**
 * 员工变动审核: employers' online add / remove requests in the user's region, oldest pending first. Approving one
 * registers the person (if new) and the hire, or the separation, in the registry; rejecting one tells the employer why.
 */
import { useState } from 'react';
import { App, Button, Form, Input, Segmented, Space, Table } from 'antd';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useMe } from '../../session.tsx';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { requestColumns } from './requests.tsx';
import type { EmploymentRequest, RequestPage, RequestStatus } from './types.ts';

const PAGE_SIZE = 50;
const reviewerRoles = ['operator', 'reviewer', 'admin'];

export default function RequestsReviewPage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const me = useMe();
  const [status, setStatus] = useState<RequestStatus | 'all'>('pending');
  const [page, setPage] = useState(1);
  const [rejecting, setRejecting] = useState<EmploymentRequest>();
  const requests = useLoad((signal) => api.get<RequestPage>('/api/portal/requests', { status: status === 'all' ? undefined : status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal), [status, page]);
  const canReview = reviewerRoles.includes(me.role);

  const approve = (request: EmploymentRequest) => modal.confirm({
    title: t('portal.approve'),
    content: t(request.kind === 'hire' ? 'portal.approveHire' : 'portal.approveSeparation', { name: request.name, employer: request.employerName }),
    okButtonProps: { 'data-testid': 'confirm-ok' },
    onOk: async () => {
      try {
        await api.post(`/api/portal/requests/${request.id}/approve`);
        message.success(t('portal.approved'));
      } catch (error) {
        message.error((error as Error).message);
      }
      requests.reload();
    },
  });

  return (
    <Page title={t('portal.review')} testId="requests-review">
      <Segmented
        style={{ marginBottom: 16 }} value={status} onChange={(value) => { setStatus(value as RequestStatus | 'all'); setPage(1); }} data-testid="requests-status"
        options={(['pending', 'approved', 'rejected', 'all'] as const).map((value) => ({ value, label: t(`portal.status.${value}`) }))}
      />
      {requests.error ? <ApiErrorView error={requests.error} retry={requests.reload} /> : (
        <Table<EmploymentRequest>
          rowKey="id" size="small" loading={requests.loading} dataSource={requests.data?.items ?? []} data-testid="requests-table"
          pagination={{ current: page, pageSize: PAGE_SIZE, total: requests.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { n }) }}
          columns={[
            ...requestColumns(t, { withEmployer: true }),
            {
              title: t('common.actions'), key: 'actions', width: 150,
              render: (_, request) => canReview && request.status === 'pending' && (
                <Space>
                  <Button size="small" type="primary" onClick={() => approve(request)} data-testid="request-approve">{t('portal.approve')}</Button>
                  <Button size="small" danger onClick={() => setRejecting(request)} data-testid="request-reject">{t('portal.reject')}</Button>
                </Space>
              ),
            },
          ]}
        />
      )}
      <FormModal<{ reason: string }>
        title={`${t('portal.reject')}${rejecting ? ` — ${rejecting.name}` : ''}`} open={Boolean(rejecting)} onClose={() => setRejecting(undefined)} danger
        testId="reject-form" fields={['reason']} onDone={() => { message.success(t('portal.rejected')); requests.reload(); }}
        onSubmit={(values) => api.post(`/api/portal/requests/${rejecting!.id}/reject`, { reason: values.reason.trim() })}
      >
        <Form.Item name="reason" label={t('portal.rejectReason')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="reject-form-reason" />
        </Form.Item>
      </FormModal>
    </Page>
  );
}
