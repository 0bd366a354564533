/** The header's 待办 link with the number of items waiting for the user's decision (refreshed on every navigation and decision). */
import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { CheckSquareOutlined } from '@ant-design/icons';
import { HeaderBadge } from '../../components/HeaderBadge.tsx';
import { useI18n } from '../../i18n.ts';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { APPROVALS_CHANGED } from '../../platform/signoff/shared.tsx';
import type { ApprovalCounts } from '../../platform/signoff/types.ts';

export function InboxBadge() {
  const { t } = useI18n();
  const location = useLocation();
  const counts = useLoad((signal) => api.get<ApprovalCounts>('/api/approvals/counts', undefined, signal), [location.pathname, location.search]);
  const { reload } = counts;
  useEffect(() => {
    window.addEventListener(APPROVALS_CHANGED, reload);
    return () => window.removeEventListener(APPROVALS_CHANGED, reload);
  }, [reload]);
  const n = counts.data?.toDecide;
  return <HeaderBadge to="/approvals" testId="header-approvals" count={n} icon={<CheckSquareOutlined />} label={t('header.approvals')} hint={t('header.approvalsHint', { n: n ?? 0 })} />;
}
