/**
 * 从参保记录带出: the pension quote's person and what sifund cannot know (系统外缴费月数 with its index and note, 个人账户
 * 建账余额), and the record's figures beside the form — each year's months and index with the average wage parameter
 * it came from, the record, the outside part and the quote's totals (GET /api/pension/record, which adds them up).
 */
import type { HTMLAttributes } from 'react';
import { Alert, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Space, Table, Typography } from 'antd';
import { DatabaseOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n.ts';
import type { PensionRecord } from './types.ts';

/** The outside part as the record was read with it: what the award sends back beside the record's figures. */
export interface OutsidePart { outsideMonths?: number; outsideAverageIndex?: string; openingAccountBalance?: string }

/** The record's fields of the quote form (named as the API names them, so a refusal shows under the field). */
export const recordFields = ['idNumber', 'outsideMonths', 'outsideAverageIndex', 'outsideNote', 'openingAccountBalance'];

/** The person and the outside part, in the quote form: the button reads the record. */
export function RecordFields({ busy, filled, onFill, onManual }: { busy: boolean; filled: boolean; onFill(): void; onManual(): void }) {
  const { t } = useI18n();
  return (
    <Row gutter={16} align="bottom">
      <Col xs={24} md={8} xl={6}>
        <Form.Item name="idNumber" label={t('record.idNumber')} rules={[{ pattern: /^[0-9]{17}[0-9Xx]$/, message: t('record.idNumberRule') }]}>
          <Input maxLength={18} data-testid="record-idNumber" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8} xl={4}>
        <Form.Item name="outsideMonths" label={t('record.outsideMonths')} tooltip={t('record.outsideMonthsHint')}>
          <InputNumber min={0} max={1200} precision={0} style={{ width: '100%' }} data-testid="record-outsideMonths" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8} xl={4}>
        <Form.Item name="outsideAverageIndex" label={t('record.outsideAverageIndex')} rules={[{ pattern: /^\d+(\.\d+)?$/, message: t('quote.decimalRule') }]}>
          <Input inputMode="decimal" data-testid="record-outsideAverageIndex" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8} xl={4}>
        <Form.Item name="openingAccountBalance" label={t('record.openingAccountBalance')} rules={[{ pattern: /^\d+(\.\d{1,2})?$/, message: t('quote.yuanRule') }]}>
          <Input inputMode="decimal" addonAfter={t('quote.yuan')} data-testid="record-openingAccountBalance" />
        </Form.Item>
      </Col>
      <Col xs={24} md={16} xl={6}>
        <Form.Item name="outsideNote" label={t('record.outsideNote')} tooltip={t('record.outsideNoteHint')}>
          <Input maxLength={200} data-testid="record-outsideNote" />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item extra={t('record.fillHint')}>
          <Space>
            <Button icon={<DatabaseOutlined />} onClick={onFill} loading={busy} data-testid="record-fill">{t('record.fill')}</Button>
            {filled && <Button type="link" onClick={onManual} data-testid="record-manual">{t('record.manual')}</Button>}
          </Space>
        </Form.Item>
      </Col>
    </Row>
  );
}

/** The record beside the form: the parts and the totals, the years with their sources, or the empty state. */
export function RecordSummary({ record, outside }: { record: PensionRecord; outside: OutsidePart }) {
  const { t } = useI18n();
  const history = record.quoteHistory;
  const parts = [
    { key: 'record', part: t('record.inSifund'), months: record.months, averageIndex: record.averageIndex ?? '—', accountBalance: record.accountBalance },
    { key: 'outside', part: t('record.outside'), months: outside.outsideMonths ?? 0, averageIndex: outside.outsideAverageIndex ?? '—', accountBalance: outside.openingAccountBalance ?? '0.00' },
    { key: 'total', part: t('record.total'), months: history.contributionMonths, averageIndex: history.averageIndex, accountBalance: history.accountBalance },
  ];
  const sources = record.trace.filter((step) => ['recordMonths', 'recordIndex', 'accountInterest', 'accountBalance'].includes(step.step));
  const sourceLabel = (step: PensionRecord['trace'][number]) => ({
    recordMonths: t('record.months'), recordIndex: t('record.averageIndex'), accountInterest: t('record.accountInterest', { year: step.name ?? '' }),
  } as Record<string, string>)[step.step] ?? t('record.accountBalance');
  return (
    <Card size="small" title={t('record.title')} data-testid="record-summary">
      <Space direction="vertical" size="small" style={{ width: '100%' }}>
        <Typography.Text data-testid="record-person">{t('record.person', { name: record.name, idNumber: record.idNumber, date: record.retirementDate })}</Typography.Text>
        {record.months === 0 && <Alert type="info" showIcon message={t('record.empty')} data-testid="record-empty" />}
        <Table
          rowKey="key" size="small" pagination={false} dataSource={parts} data-testid="record-parts"
          onRow={(row) => ({ 'data-testid': `record-row-${row.key}` } as HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('record.part'), dataIndex: 'part' },
            { title: t('record.months'), dataIndex: 'months', align: 'right' },
            { title: t('record.averageIndex'), dataIndex: 'averageIndex', align: 'right' },
            { title: t('record.accountBalance'), dataIndex: 'accountBalance', align: 'right' },
          ]}
        />
        {record.years.length > 0 && (
          <Table
            rowKey="year" size="small" pagination={false} dataSource={record.years} data-testid="record-years"
            columns={[
              { title: t('record.year'), dataIndex: 'year' },
              { title: t('record.months'), dataIndex: 'months', align: 'right' },
              { title: t('record.baseTotal'), dataIndex: 'baseTotal', align: 'right' },
              { title: t('record.yearIndex'), dataIndex: 'averageIndex', align: 'right' },
              {
                title: t('record.averageWage'), key: 'averageWages',
                render: (_, year) => (
                  <Space direction="vertical" size={0}>
                    {year.averageWages.map((wage) => (
                      <Typography.Text key={wage.parameter} style={{ fontSize: 12 }}>
                        {wage.value} · {t('record.monthsOf', { n: wage.months })} · <Typography.Text type="secondary" style={{ fontSize: 12 }}>{wage.parameter}</Typography.Text>
                      </Typography.Text>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        )}
        <Descriptions size="small" column={1} title={<Typography.Text type="secondary">{t('record.sources')}</Typography.Text>}>
          {sources.map((step) => (
            <Descriptions.Item key={`${step.step}${step.name ?? ''}`} label={sourceLabel(step)}>
              <Typography.Text style={{ fontSize: 12 }} data-testid={`record-source-${step.step}${step.name ? `-${step.name}` : ''}`}>{[step.formula, step.reference, step.parameter].filter(Boolean).join('；')}</Typography.Text>
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Space>
    </Card>
  );
}
