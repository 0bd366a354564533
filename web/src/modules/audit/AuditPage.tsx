/**
 * 审计日志: filter the tamper-evident trail, page backwards with the list's cursor, and verify the hash chain. A security
 * auditor (auth.log.read) also switches to the sign-in log (登录日志); verifying needs audit.verify.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Segmented, Select, Space } from 'antd';
import { SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, ApiError } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import type { AuditRecord, AuditVerify } from '../../types.ts';
import type { ListAnswer } from '../../components/ListPage.tsx';
import { AuditTable } from '../../components/AuditTable.tsx';
import { useCan } from '../../permissions.ts';
import type { Translate } from '../../i18n.ts';
import { messages } from './messages.ts';

const PAGE = 50;
interface Filters { entityType?: string; entityId?: string; actor?: string; action?: string; range?: [Dayjs | null, Dayjs | null] | null }

type Source = 'trail' | 'signIns';

/** The codes this module names (`auditAction.auth.login` → auth.login) as choices labelled by name; the server filters by prefix. */
function namedCodes(t: Translate, prefix: 'auditAction.' | 'auditEntity.') {
  return Object.keys(messages).filter((key) => key.startsWith(prefix)).map((key) => ({ value: key.slice(prefix.length), label: t(key) }));
}

function query(filters: Filters, source: Source) {
  const [from, to] = filters.range ?? [];
  const common = { actor: filters.actor?.trim(), from: from?.startOf('day').toISOString(), to: to?.endOf('day').toISOString(), limit: PAGE };
  return source === 'signIns' ? common : { ...common, entityType: filters.entityType?.trim(), entityId: filters.entityId?.trim(), action: filters.action?.trim() };
}

export default function AuditPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<Filters>({});
  const [records, setRecords] = useState<AuditRecord[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [verify, setVerify] = useState<AuditVerify>();
  const [verifying, setVerifying] = useState(false);
  const can = useCan();
  const [source, setSource] = useState<Source>('trail');

  const load = async (append: boolean) => {
    setLoading(true);
    try {
      const after = append ? nextCursor ?? undefined : undefined;
      const page = await api.get<ListAnswer<AuditRecord>>(source === 'signIns' ? '/api/audit/sign-ins' : '/api/audit', { ...query(filters, source), after });
      setRecords(append ? [...records, ...page.items] : page.items);
      setNextCursor(page.nextCursor ?? null);
      setError(undefined);
    } catch (failure) {
      if (failure instanceof ApiError) setError(failure); else message.error(String(failure));
    } finally { setLoading(false); }
  };

  useEffect(() => { void load(false); }, [filters, source]); // eslint-disable-line react-hooks/exhaustive-deps

  const runVerify = async () => {
    setVerifying(true);
    try { setVerify(await api.get<AuditVerify>('/api/audit/verify')); } catch (failure) { message.error((failure as Error).message); } finally { setVerifying(false); }
  };

  return (
    <Page
      title={t('menu.audit')} testId="audit-page"
      extra={can('audit.verify') && <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={runVerify} data-testid="audit-verify">{t('audit.verify')}</Button>}
    >
      {can('auth.log.read') && (
        <Segmented<Source> style={{ marginBottom: 16 }} value={source} onChange={setSource} data-testid="audit-source"
          options={[{ value: 'trail', label: t('audit.trail') }, { value: 'signIns', label: t('audit.signIns') }]} />
      )}
      {verify && (
        <Alert
          style={{ marginBottom: 16 }} showIcon closable onClose={() => setVerify(undefined)} type={verify.ok ? 'success' : 'error'} data-testid="audit-verify-result"
          message={verify.ok ? t('audit.verifyOk', { n: verify.count }) : t('audit.verifyBroken', { id: verify.brokenAt?.id ?? '?', reason: verify.brokenAt?.reason ?? '', n: verify.count })}
        />
      )}
      <Form<Filters> layout="inline" onFinish={setFilters} style={{ marginBottom: 16, rowGap: 8 }} data-testid="audit-filters">
        {source === 'trail' && <Form.Item name="entityType" label={t('audit.entityType')}><Select allowClear showSearch optionFilterProp="label" options={namedCodes(t, 'auditEntity.')} style={{ width: 140 }} data-testid="audit-entity-type" /></Form.Item>}
        {source === 'trail' && <Form.Item name="entityId" label={t('audit.entityId')}><Input allowClear style={{ width: 160 }} /></Form.Item>}
        <Form.Item name="actor" label={t('audit.actor')}><Input allowClear style={{ width: 120 }} /></Form.Item>
        {source === 'trail' && <Form.Item name="action" label={t('audit.action')}><Select allowClear showSearch optionFilterProp="label" options={namedCodes(t, 'auditAction.')} style={{ width: 180 }} data-testid="audit-action" /></Form.Item>}
        <Form.Item name="range" label={t('audit.range')}><DatePicker.RangePicker allowEmpty={[true, true]} /></Form.Item>
        <Form.Item><Button type="primary" htmlType="submit" icon={<SearchOutlined />}>{t('common.search')}</Button></Form.Item>
      </Form>
      {error ? <ApiErrorView error={error} retry={() => load(false)} /> : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <AuditTable records={records} loading={loading} testId="audit-table" />
          {nextCursor && <Button block onClick={() => load(true)} loading={loading} data-testid="audit-more">{t('audit.more')}</Button>}
        </Space>
      )}
    </Page>
  );
}
