/**
 * 审计日志: the tamper-evident trail on the list page (filters in the URL, paged by the API's cursor, exported whole),
 * and verifying its hash chain (audit.verify). A security auditor (auth.log.read) also switches to the sign-in log
 * (登录日志, `?log=signIns`). Actions and entity types are named by the server (the records' names, the filters'
 * choices from GET /api/audit/codes), in the language of the UI.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Segmented } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useI18n, type Translate } from '../../i18n.ts';
import { useLoad } from '../../hooks.ts';
import { useCan } from '../../permissions.ts';
import { Page } from '../../components/Page.tsx';
import { ListPage, type ListFilter } from '../../components/ListPage.tsx';
import { auditColumns, auditExpandable } from '../../components/AuditTable.tsx';
import type { AuditCodes, AuditRecord, AuditVerify } from '../../types.ts';

type Log = 'trail' | 'signIns';

/** The server's codes as choices labelled by name (the server filters actions by prefix). */
const choicesOf = (codes: AuditCodes['actions'] = []) => codes.map(({ code, name }) => ({ value: code, label: name }));

/** What each log is filtered by: the sign-in log by who and when (its actions are the sign-in actions, by name). */
function filtersOf(t: Translate, log: Log, codes: AuditCodes | undefined): ListFilter[] {
  const who: ListFilter = { kind: 'text', param: 'actor', label: t('audit.actor'), width: 160, testId: 'audit-actor' };
  const when: ListFilter = { kind: 'dateRange', from: 'from', to: 'to', label: t('audit.range'), testId: 'audit-range' };
  if (log === 'signIns') return [who, when];
  return [
    { kind: 'enum', param: 'action', label: t('audit.action'), options: choicesOf(codes?.actions), testId: 'audit-action' },
    { kind: 'enum', param: 'entityType', label: t('audit.entityType'), options: choicesOf(codes?.entityTypes), testId: 'audit-entity-type' },
    { kind: 'text', param: 'entityId', label: t('audit.entityId'), width: 180, testId: 'audit-entity-id' },
    who, when,
  ];
}

export default function AuditPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const codes = useLoad((signal) => api.get<AuditCodes>('/api/audit/codes', undefined, signal), [lang]);
  const can = useCan();
  const [search, setSearch] = useSearchParams();
  const log: Log = can('auth.log.read') && search.get('log') === 'signIns' ? 'signIns' : 'trail';
  const [verify, setVerify] = useState<AuditVerify>();
  const [verifying, setVerifying] = useState(false);

  const switchLog = (next: Log) => setSearch((previous) => {
    const url = new URLSearchParams(previous);
    for (const param of ['page', 'after', 'action', 'entityType', 'entityId']) url.delete(param);
    if (next === 'signIns') url.set('log', next); else url.delete('log');
    return url;
  }, { replace: true });

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
        <Segmented<Log> style={{ marginBottom: 16 }} value={log} onChange={switchLog} data-testid="audit-source"
          options={[{ value: 'trail', label: t('audit.trail') }, { value: 'signIns', label: t('audit.signIns') }]} />
      )}
      {verify && (
        <Alert
          style={{ marginBottom: 16 }} showIcon closable onClose={() => setVerify(undefined)} type={verify.ok ? 'success' : 'error'} data-testid="audit-verify-result"
          message={verify.ok ? t('audit.verifyOk', { n: verify.count }) : t('audit.verifyBroken', { id: verify.brokenAt?.id ?? '?', reason: verify.brokenAt?.reason ?? '', n: verify.count })}
        />
      )}
      <ListPage<AuditRecord>
        key={`${log}-${lang}`} embedded listId={log === 'signIns' ? 'audit-sign-ins' : 'audit'} tableTestId="audit-table" rowKey="id" maxLimit={200}
        endpoint={log === 'signIns' ? '/api/audit/sign-ins' : '/api/audit'} filters={filtersOf(t, log, codes.data)} exports={['xlsx', 'csv']}
        columns={auditColumns(t, { showEntity: log === 'trail' })} table={{ expandable: auditExpandable, size: 'small' }}
      />
    </Page>
  );
}
