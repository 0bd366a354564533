/** 审计日志: filter the tamper-evident trail, page backwards with `before`, and verify the hash chain. */
import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Space } from 'antd';
import { SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, ApiError } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import type { AuditVerify, List } from '../../types.ts';
import { AuditTrailTable, type AuditTrailRecord } from './AuditTrailTable.tsx';

const PAGE = 50;
interface Filters { entityType?: string; entityId?: string; actor?: string; action?: string; range?: [Dayjs | null, Dayjs | null] | null }

function query(filters: Filters) {
  const [from, to] = filters.range ?? [];
  return {
    entityType: filters.entityType?.trim(), entityId: filters.entityId?.trim(), actor: filters.actor?.trim(), action: filters.action?.trim(),
    from: from?.startOf('day').toISOString(), to: to?.endOf('day').toISOString(), limit: PAGE,
  };
}

export default function AuditPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<Filters>({});
  const [records, setRecords] = useState<AuditTrailRecord[]>([]);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [verify, setVerify] = useState<AuditVerify>();
  const [verifying, setVerifying] = useState(false);

  const load = async (append: boolean) => {
    setLoading(true);
    try {
      const before = append ? records[records.length - 1]?.id : undefined;
      const page = await api.get<List<AuditTrailRecord>>('/api/audit', { ...query(filters), before });
      setRecords(append ? [...records, ...page.items] : page.items);
      setMore(page.items.length === PAGE);
      setError(undefined);
    } catch (failure) {
      if (failure instanceof ApiError) setError(failure); else message.error(String(failure));
    } finally { setLoading(false); }
  };

  useEffect(() => { void load(false); }, [filters]); // eslint-disable-line react-hooks/exhaustive-deps

  const runVerify = async () => {
    setVerifying(true);
    try { setVerify(await api.get<AuditVerify>('/api/audit/verify')); } catch (failure) { message.error((failure as Error).message); } finally { setVerifying(false); }
  };

  return (
    <Page
      title={t('menu.audit')} testId="audit-page"
      extra={<Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={runVerify} data-testid="audit-verify">{t('audit.verify')}</Button>}
    >
      {verify && (
        <Alert
          style={{ marginBottom: 16 }} showIcon closable onClose={() => setVerify(undefined)} type={verify.ok ? 'success' : 'error'} data-testid="audit-verify-result"
          message={verify.ok ? t('audit.verifyOk', { n: verify.count }) : t('audit.verifyBroken', { id: verify.brokenAt?.id ?? '?', reason: verify.brokenAt?.reason ?? '', n: verify.count })}
        />
      )}
      <Form<Filters> layout="inline" onFinish={setFilters} style={{ marginBottom: 16, rowGap: 8 }} data-testid="audit-filters">
        <Form.Item name="entityType" label={t('audit.entityType')}><Input allowClear placeholder="person" style={{ width: 120 }} /></Form.Item>
        <Form.Item name="entityId" label={t('audit.entityId')}><Input allowClear style={{ width: 160 }} /></Form.Item>
        <Form.Item name="actor" label={t('audit.actor')}><Input allowClear style={{ width: 120 }} /></Form.Item>
        <Form.Item name="action" label={t('audit.action')}><Input allowClear style={{ width: 160 }} /></Form.Item>
        <Form.Item name="range" label={t('audit.range')}><DatePicker.RangePicker allowEmpty={[true, true]} /></Form.Item>
        <Form.Item><Button type="primary" htmlType="submit" icon={<SearchOutlined />}>{t('common.search')}</Button></Form.Item>
      </Form>
      {error ? <ApiErrorView error={error} retry={() => load(false)} /> : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <AuditTrailTable records={records} loading={loading} testId="audit-table" />
          {more && <Button block onClick={() => load(true)} loading={loading} data-testid="audit-more">{t('audit.more')}</Button>}
        </Space>
      )}
    </Page>
  );
}
