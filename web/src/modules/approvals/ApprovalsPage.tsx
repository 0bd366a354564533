/**
 * 待办: every sign-off item in one inbox — what waits for my decision now (my level's permission, not drafted or
 * signed by me), what I submitted, what went back to its drafter, and what is finished (approved or withdrawn).
 * The tab, the kind and the page are kept in the URL; each tab is a list page paged by the API's cursor.
 */
import { useSearchParams } from 'react-router-dom';
import { Badge, Select, Space, Tabs, Typography } from 'antd';
import { useLoad } from '../../hooks.ts';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { ApprovalList } from '../../platform/signoff/ApprovalList.tsx';
import { inboxTabs, kindText, type InboxTab } from '../../platform/signoff/shared.tsx';
import { approvalKinds, type ApprovalCounts } from '../../platform/signoff/types.ts';

export default function ApprovalsPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab') as InboxTab | null;
  const tab: InboxTab = requested && inboxTabs.includes(requested) ? requested : 'pending';
  const kind = params.get('kind') ?? undefined;
  const counts = useLoad((signal) => api.get<ApprovalCounts>('/api/approvals/counts', undefined, signal), [tab, kind]);
  // another tab or kind starts again at its first page
  const update = (changes: Record<string, string | undefined>) => setParams((previous) => {
    const next = new URLSearchParams(previous);
    next.delete('page');
    next.delete('after');
    for (const [key, value] of Object.entries(changes)) if (value) next.set(key, value); else next.delete(key);
    return next;
  }, { replace: true });
  const badge = (n: number | undefined, color?: string) => (n ? <Badge count={n} size="small" color={color} style={{ marginInlineStart: 6 }} /> : null);

  return (
    <Page
      title={t('approvals.inbox')} testId="approvals-page"
      extra={(
        <Space>
          <Typography.Text type="secondary">{t('approvals.kind')}</Typography.Text>
          <Select
            allowClear placeholder={t('approvals.allKinds')} value={kind} onChange={(value?: string) => update({ kind: value })} style={{ width: 200 }} data-testid="approvals-kind"
            options={approvalKinds.map((value) => ({ value, label: kindText(t, lang, value) }))}
          />
        </Space>
      )}
    >
      <Tabs
        activeKey={tab} onChange={(key) => update({ tab: key === 'pending' ? undefined : key })} data-testid="approvals-tabs"
        items={inboxTabs.map((key) => ({
          key,
          label: (
            <span data-testid={`approvals-tab-${key}`}>
              {t(`approvals.tab.${key}`)}
              {key === 'pending' && badge(counts.data?.toDecide)}
              {key === 'returned' && badge(counts.data?.returnedToMe, 'orange')}
            </span>
          ),
        }))}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>{t(`approvals.tabHint.${tab}`)}</Typography.Paragraph>
      <ApprovalList key={`${tab}:${kind ?? ''}`} tab={tab} kind={kind} inlineActions={tab === 'returned' || tab === 'mine'} onTab={(next) => update({ tab: next === 'pending' ? undefined : next })} />
    </Page>
  );
}
