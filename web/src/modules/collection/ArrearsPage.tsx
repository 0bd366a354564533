/**
 * 欠费催缴: the dunning list as of a date (employers owing, biggest first in the API's order, every one reached by
 * paging) with the ageing buckets, the principal in total, an XLSX export and the printed list (the API's PDF); an
 * employer opens its arrears month by month with the late fee (?employer=).
 */
import { useSearchParams } from 'react-router-dom';
import { Col, Drawer, Row, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { fenToYuan, toFen } from '../../format.ts';
import { Money } from '../../components/Money.tsx';
import { StatCard } from './shared.tsx';
import { ArrearsDetail } from './ArrearsDetail.tsx';
import type { Dunning, DunningItem } from './types.ts';

export default function ArrearsPage() {
  const { t } = useI18n();
  const regionLabel = useRegionLabel();
  const [search, setSearch] = useSearchParams();
  const employer = search.get('employer') ?? '';
  const today = dayjs().format('YYYY-MM-DD');
  const asOf = search.get('asOf') ?? today;
  const openEmployer = (creditCode: string | undefined) => setSearch((previous) => {
    const next = new URLSearchParams(previous);
    if (creditCode) next.set('employer', creditCode); else next.delete('employer');
    return next;
  }, { replace: true });
  return (
    <ListPage<DunningItem, Dunning>
      listId="dunning" title={t('arrears.title')} testId="arrears-page" tableTestId="arrears-table" endpoint="/api/arrears/dunning" rowKey="creditCode"
      exports={['xlsx']} print="pdf" defaults={{ asOf: today }}
      filters={[
        { kind: 'date', param: 'asOf', label: t('arrears.asOf'), required: true, testId: 'arrears-as-of' },
        { kind: 'region', param: 'region', label: t('common.region') },
      ]}
      // the ageing buckets cover every employer in arrears, so their principal is the list's whole principal
      totals={(dunning) => ({ principal: fenToYuan(dunning.buckets.reduce((sum, bucket) => sum + toFen(bucket.principal), 0n)) })}
      header={(dunning) => (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="arrears-buckets">
          {dunning.buckets.map((bucket) => (
            <Col key={bucket.bucket} flex="1 0 200px">
              <StatCard
                title={`${t('arrears.age')} ${t('arrears.days', { bucket: bucket.bucket })}`} testId={`arrears-bucket-${bucket.bucket}`}
                value={<><Money value={bucket.principal} /> <Typography.Text type="secondary" style={{ fontSize: 14 }}>{t('arrears.employers', { n: bucket.employers })}</Typography.Text></>}
              />
            </Col>
          ))}
        </Row>
      )}
      table={{ onRow: (item) => ({ onClick: () => openEmployer(item.creditCode), style: { cursor: 'pointer' } }) }}
      columns={[
        { key: 'creditCode', title: t('employer.creditCode'), dataIndex: 'creditCode', width: 190, render: (code: string) => <Typography.Link data-testid="arrears-employer">{code}</Typography.Link> },
        { key: 'employerName', title: t('employer.name'), dataIndex: 'employerName', minWidth: 220, ellipsis: { showTitle: true } },
        { key: 'region', title: t('common.region'), dataIndex: 'regionCode', render: (code: string) => regionLabel(code) },
        { key: 'principal', title: t('arrears.principal'), dataIndex: 'principal', money: true },
        { key: 'lateFee', title: t('arrears.lateFee'), dataIndex: 'lateFee', width: 130, money: true },
        { key: 'oldestPeriod', title: t('arrears.oldestPeriod'), dataIndex: 'oldestPeriod', width: 100 },
        { key: 'daysOverdue', title: t('arrears.daysOverdue'), dataIndex: 'daysOverdue', width: 90, align: 'right' },
        { key: 'bucket', title: t('arrears.age'), dataIndex: 'bucket', width: 110, render: (bucket: string) => <Tag color="volcano">{t('arrears.days', { bucket })}</Tag> },
      ]}
    >
      <Drawer title={t('arrears.detail')} width={720} open={Boolean(employer)} onClose={() => openEmployer(undefined)} destroyOnHidden>
        {employer && <ArrearsDetail creditCode={employer} asOf={asOf} />}
      </Drawer>
    </ListPage>
  );
}
