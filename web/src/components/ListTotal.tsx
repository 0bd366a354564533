/** A list's total for its pagination line: "共 1,234 条"; a capped count "共 10,000+ 条" with the hint to narrow the search as its tooltip. */
import { Tooltip } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n.ts';
import { listTotalHint, listTotalLabel, type Counted } from '../counts.ts';

export function ListTotal({ list }: { list: Counted | undefined }) {
  const { t } = useI18n();
  const hint = listTotalHint(t, list);
  const label = listTotalLabel(t, list);
  return hint
    ? <Tooltip title={hint}><span data-testid="list-total" data-capped="true">{label} <InfoCircleOutlined /></span></Tooltip>
    : <span data-testid="list-total">{label}</span>;
}
