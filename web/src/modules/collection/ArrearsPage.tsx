/**
 * 欠费催缴: the dunning list as of a date (employers owing, oldest debt first in the API's order) with the ageing
 * buckets and an XLSX export; an employer opens its arrears month by month with the late fee (?employer=).
 */
import { Button, Col, DatePicker, Descriptions, Drawer, Row, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, withQuery } from '../../api.ts';
import { useLoad, useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { Money, moneyColumn } from '../../components/Money.tsx';
import { StatCard, useUrlFilters } from './shared.tsx';
import type { Arrears, ArrearsPeriod, Dunning, DunningItem } from './types.ts';

const LIMIT = 500;

function ArrearsDetail({ creditCode, asOf }: { creditCode: string; asOf: string }) {
  const { t } = useI18n();
  const arrears = useLoad((signal) => api.get<Arrears>('/api/arrears', { employer: creditCode, asOf }, signal), [creditCode, asOf]);
  if (arrears.error) return <ApiErrorView error={arrears.error} retry={arrears.reload} />;
  const data = arrears.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="arrears-detail">
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label={t('employer.name')}>{data?.employerName}</Descriptions.Item>
        <Descriptions.Item label={t('employer.creditCode')}>{creditCode}</Descriptions.Item>
        <Descriptions.Item label={t('arrears.asOf')}>{asOf}</Descriptions.Item>
        <Descriptions.Item label={t('arrears.principal')}><Money value={data?.principal} testId="arrears-detail-principal" /></Descriptions.Item>
        <Descriptions.Item label={t('arrears.lateFee')}><Money value={data?.lateFee} /></Descriptions.Item>
      </Descriptions>
      <Table<ArrearsPeriod>
        rowKey="period" size="small" pagination={false} loading={arrears.loading} dataSource={data?.periods ?? []}
        columns={[
          { title: t('bill.period'), dataIndex: 'period', width: 90 },
          moneyColumn(t('arrears.principal'), 'principal', 130),
          { title: t('bill.dueDate'), dataIndex: 'dueDate', width: 110 },
          { title: t('arrears.daysOverdue'), dataIndex: 'daysOverdue', width: 90, align: 'right' },
          moneyColumn(t('arrears.lateFee'), 'lateFee', 120),
        ]}
      />
      <Typography.Text type="secondary">{t('arrears.lateFeeRule')}</Typography.Text>
    </Space>
  );
}

export default function ArrearsPage() {
  const { t } = useI18n();
  const regionLabel = useRegionLabel();
  const { params, update } = useUrlFilters();
  const asOf = params.get('asOf') ?? dayjs().format('YYYY-MM-DD');
  const region = params.get('region') ?? '';
  const employer = params.get('employer') ?? '';
  const query = { asOf, region, limit: LIMIT };
  const dunning = useLoad((signal) => api.get<Dunning>('/api/arrears/dunning', query, signal), [asOf, region]);

  return (
    <Page
      title={t('arrears.title')} testId="arrears-page"
      extra={<Button icon={<DownloadOutlined />} href={withQuery('/api/arrears/dunning', { ...query, format: 'xlsx' })} data-testid="arrears-xlsx">{t('collection.xlsx')}</Button>}
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{t('arrears.asOf')}</Typography.Text>
          <DatePicker allowClear={false} value={dayjs(asOf)} onChange={(date) => date && update({ asOf: date.format('YYYY-MM-DD') })} data-testid="arrears-as-of" />
          <RegionSelect value={region || undefined} onChange={(value) => update({ region: value })} placeholder={t('common.region')} style={{ width: 260 }} />
        </Space>
        {dunning.error ? <ApiErrorView error={dunning.error} retry={dunning.reload} /> : (
          <>
            <Row gutter={[16, 16]} data-testid="arrears-buckets">
              {(dunning.data?.buckets ?? []).map((bucket) => (
                <Col key={bucket.bucket} flex="1 0 200px">
                  <StatCard
                    title={`${t('arrears.age')} ${t('arrears.days', { bucket: bucket.bucket })}`} testId={`arrears-bucket-${bucket.bucket}`}
                    value={<><Money value={bucket.principal} /> <Typography.Text type="secondary" style={{ fontSize: 14 }}>{t('arrears.employers', { n: bucket.employers })}</Typography.Text></>}
                  />
                </Col>
              ))}
            </Row>
            <Table<DunningItem>
              data-testid="arrears-table" rowKey="creditCode" size="middle" loading={dunning.loading} dataSource={dunning.data?.items ?? []}
              pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => t(n >= LIMIT ? 'common.totalCapped' : 'common.total', { n }) }}
              onRow={(item) => ({ onClick: () => update({ employer: item.creditCode }), style: { cursor: 'pointer' } })}
              columns={[
                { title: t('employer.creditCode'), dataIndex: 'creditCode', width: 190, render: (code: string) => <Typography.Link data-testid="arrears-employer">{code}</Typography.Link> },
                { title: t('employer.name'), dataIndex: 'employerName' },
                { title: t('common.region'), dataIndex: 'regionCode', render: (code: string) => regionLabel(code) },
                moneyColumn(t('arrears.principal'), 'principal'),
                moneyColumn(t('arrears.lateFee'), 'lateFee', 130),
                { title: t('arrears.oldestPeriod'), dataIndex: 'oldestPeriod', width: 100 },
                { title: t('arrears.daysOverdue'), dataIndex: 'daysOverdue', width: 90, align: 'right' },
                { title: t('arrears.age'), dataIndex: 'bucket', width: 110, render: (bucket: string) => <Tag color="volcano">{t('arrears.days', { bucket })}</Tag> },
              ]}
            />
          </>
        )}
      </Space>
      <Drawer title={t('arrears.detail')} width={720} open={Boolean(employer)} onClose={() => update({ employer: undefined })} destroyOnHidden>
        {employer && <ArrearsDetail creditCode={employer} asOf={asOf} />}
      </Drawer>
    </Page>
  );
}
