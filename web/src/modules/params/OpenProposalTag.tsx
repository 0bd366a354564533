import { Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n.ts';
import { withPercent } from './values.ts';
import type { OpenProposal } from './proposals.ts';

/** 待审批 (or 已退回) · region from date: value, linking to its sign-off item. */
export function OpenProposalTag({ proposal, unit }: { proposal: OpenProposal; unit?: string }) {
  const { t } = useI18n();
  const summary = t('params.open.summary', { region: proposal.region, since: proposal.since, value: unit ? withPercent(proposal.value, unit) : proposal.value });
  return (
    <Link to={`/approvals/${proposal.itemId}`} data-testid="params-open-proposal" data-status={proposal.status}>
      <Tag color={proposal.status === 'pending' ? 'orange' : 'red'} style={{ marginInlineEnd: 0, cursor: 'pointer' }}>
        {t(proposal.status === 'pending' ? 'params.pending' : 'params.returned')} · {summary}
      </Tag>
    </Link>
  );
}
