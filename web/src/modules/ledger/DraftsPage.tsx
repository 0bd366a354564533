/**
 * 凭证审核: manual entries and reversals of a fund are sign-off items (kind ledger.entry): drafted here or on an
 * entry's page, checked at once, and posted only when a second person — not the maker — approves them (maker-checker:
 * 不相容岗位相互分离; from the kind's amount threshold a third signs too). The same lists as the inbox, for one fund (the API filters by fund and pages by cursor).
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Segmented, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { ApprovalList } from '../../platform/signoff/ApprovalList.tsx';
import { approvalsChanged, inboxTabs, type InboxTab } from '../../platform/signoff/shared.tsx';
import type { ApprovalItem } from '../../platform/signoff/types.ts';
import { DraftLines, LedgerToolbar, useLedgerSelection } from './shared.tsx';
import { DraftFormModal } from './DraftFormModal.tsx';


export default function DraftsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const selection = useLedgerSelection();
  const { fund } = selection;
  const requested = selection.params.get('tab') as InboxTab | null;
  const tab: InboxTab = requested && inboxTabs.includes(requested) ? requested : 'pending';
  const [creating, setCreating] = useState(false);
  // another tab starts again at its first page
  const showTab = (next: InboxTab) => selection.update({ tab: next === 'pending' ? undefined : next, page: undefined, after: undefined });
  const entryLink = (id: string) => <Link to={`/ledger/balances/${fund}/entries/${id}`} data-testid="draft-entry-link">{id}</Link>;

  return (
    <Page
      title={t('ledger.drafts.title')} testId="ledger-drafts"
      extra={fund && can('ledger.entry.draft') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="draft-create">{t('ledger.drafts.create')}</Button>}
    >
      <LedgerToolbar selection={selection} period={false}>
        <Segmented
          value={tab} onChange={(value) => showTab(value as InboxTab)} data-testid="drafts-tabs"
          options={inboxTabs.map((value) => ({ value: value as string, label: t(`approvals.tab.${value}`) }))}
        />
      </LedgerToolbar>
      {selection.fundsError ? <ApiErrorView error={selection.fundsError} /> : fund && (
        <ApprovalList
          key={`${tab}:${fund}`} tab={tab} kind="ledger.entry" fund={fund} inlineActions testId="ledger-drafts-table"
          onTab={showTab}
          extraColumns={[
            {
              title: t('ledger.drafts.content'), key: 'content',
              render: (_: unknown, item: ApprovalItem) => (item.payload?.kind === 'reversal'
                ? <span><Tag>{t('ledger.drafts.kind.reversal')}</Tag>{t('ledger.drafts.reverses')} {entryLink(item.payload.reverses)}{item.payload.date ? ` · ${item.payload.date}` : ''}</span>
                : <span><Tag>{t('ledger.drafts.kind.manual')}</Tag>{item.payload?.entry?.date} {item.payload?.entry?.memo ?? ''}</span>),
            },
            {
              title: t('ledger.drafts.entry'), key: 'entry', width: 170,
              render: (_: unknown, item: ApprovalItem) => (item.status === 'approved' && item.result?.entryId ? entryLink(String(item.result.entryId)) : null),
            },
          ]}
          expandable={{
            rowExpandable: (item) => item.payload?.kind === 'manual',
            expandedRowRender: (item) => <DraftLines lines={item.payload?.entry?.lines ?? []} />,
          }}
        />
      )}
      {fund && (
        <DraftFormModal
          fund={fund} open={creating} onClose={() => setCreating(false)}
          onCreated={() => { message.success(t('ledger.drafts.created')); approvalsChanged(); showTab('mine'); }}
        />
      )}
    </Page>
  );
}
