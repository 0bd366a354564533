/**
 * 社会保险费缴费通知单: one bill on screen — the employer and the period, the total in figures and in capitals
 * (大写金额), the totals per insurance (一单征收, 分别记账) and a line per person and insurance (base × rate). 打印 opens
 * the notice as the agency prints it (the API's PDF: summary page with the payee accounts and the seal area, annex of
 * persons), so the employer's paper is the agency's.
 */
import { Link, useParams } from 'react-router-dom';
import { Button, Descriptions, Space, Table, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { formatDateTime, formatYuan, toFen } from '../../format.ts';
import { yuanInChineseCapitals } from '../../../../src/shared/capitals.ts';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { moneyColumn } from './shared.tsx';
import type { Bill, BillItem, BillLine } from './types.ts';

/** "0.16" → "16%", "0.005" → "0.5%": the decimal point moved two places, exactly (rates are decimal strings). */
function percent(rate: string | null): string {
  if (rate === null) return '';
  const [whole, fraction = ''] = rate.split('.');
  const padded = fraction.padEnd(2, '0');
  const rest = padded.slice(2);
  return `${Number(whole + padded.slice(0, 2))}${rest ? `.${rest}` : ''}%`;
}

export default function BillNoticePage() {
  const { number = '' } = useParams();
  const { t } = useI18n();
  const bill = useLoad((signal) => api.get<Bill>(`/api/bills/${encodeURIComponent(number)}`, undefined, signal), [number]);
  if (bill.error) return <ApiErrorView error={bill.error} retry={bill.reload} />;
  if (!bill.data) return <PageSpinner />;
  const { data } = bill;
  const lines = data.lines ?? [];
  // a person's lines come together (the API orders them by ID number): the person's cells span them
  const linesOf = new Map<string, number>();
  for (const line of lines) linesOf.set(line.personId, (linesOf.get(line.personId) ?? 0) + 1);
  const span = (line: BillLine, index: number) => (index > 0 && lines[index - 1].personId === line.personId ? 0 : linesOf.get(line.personId));

  return (
    <div id="bill-notice" data-testid="bill-notice" style={{ background: '#fff', padding: 24 }}>
      <Space style={{ marginBottom: 16 }}>
        <Link to="/portal/employer/bills"><Button>{t('common.back')}</Button></Link>
        <Button type="primary" icon={<PrinterOutlined />} href={`/api/bills/${encodeURIComponent(data.number)}?format=pdf`} target="_blank" data-testid="bill-print">{t('portal.print')}</Button>
      </Space>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>{t('portal.noticeTitle')}</Typography.Title>
      <Descriptions bordered size="small" column={3} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('employer.name')}>{data.employerName}</Descriptions.Item>
        <Descriptions.Item label={t('employer.creditCode')}>{data.creditCode}</Descriptions.Item>
        <Descriptions.Item label={t('portal.billNumber')}><span data-testid="bill-number">{data.number}</span></Descriptions.Item>
        <Descriptions.Item label={t('portal.billPeriod')}>{data.period}</Descriptions.Item>
        <Descriptions.Item label={t('portal.dueDate')}>{data.dueDate}</Descriptions.Item>
        <Descriptions.Item label={t('portal.issuedAt')}>{formatDateTime(data.issuedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('portal.persons')}>{data.persons}</Descriptions.Item>
        <Descriptions.Item label={t('portal.billKind')}>{t(`portal.billKind.${data.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('portal.billTotal')}>
          <Typography.Text strong data-testid="bill-total">{formatYuan(data.total)}</Typography.Text>
          <div><Typography.Text type="secondary" data-testid="bill-total-capitals">{yuanInChineseCapitals(toFen(data.total))}</Typography.Text></div>
        </Descriptions.Item>
      </Descriptions>

      <Typography.Title level={5}>{t('portal.itemsTitle')}</Typography.Title>
      <Table<BillItem>
        rowKey="insurance" size="small" pagination={false} dataSource={data.items} data-testid="bill-items" style={{ marginBottom: 16 }}
        columns={[
          { title: t('enrollment.insurance'), dataIndex: 'insurance', render: (insurance: string) => t(`insurance.${insurance}`) },
          moneyColumn<BillItem>(t('portal.employerAmount'), 'employerAmount'),
          moneyColumn<BillItem>(t('portal.employeeAmount'), 'employeeAmount'),
          moneyColumn<BillItem>(t('portal.amount'), 'total'),
        ]}
        summary={() => (
          <Table.Summary.Row style={{ fontWeight: 600 }}>
            <Table.Summary.Cell index={0} colSpan={3}>{t('portal.billTotal')}</Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">{formatYuan(data.total)}</Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />

      <Typography.Title level={5}>{t('portal.linesTitle')}</Typography.Title>
      <Table<BillLine>
        rowKey={(line) => `${line.personId}-${line.insurance}`} size="small" bordered pagination={false} dataSource={lines} data-testid="bill-lines"
        columns={[
          { title: t('person.idNumber'), dataIndex: 'idNumber', width: 190, onCell: (line, index = 0) => ({ rowSpan: span(line, index) }) },
          { title: t('person.name'), dataIndex: 'name', width: 100, onCell: (line, index = 0) => ({ rowSpan: span(line, index) }) },
          { title: t('enrollment.insurance'), dataIndex: 'insurance', width: 110, render: (insurance: string) => t(`insurance.${insurance}`) },
          moneyColumn<BillLine>(t('portal.base'), 'base', 120),
          { title: t('portal.employerRate'), dataIndex: 'employerRate', width: 90, align: 'right', render: percent },
          moneyColumn<BillLine>(t('portal.employerAmount'), 'employerAmount', 120),
          { title: t('portal.employeeRate'), dataIndex: 'employeeRate', width: 90, align: 'right', render: percent },
          moneyColumn<BillLine>(t('portal.employeeAmount'), 'employeeAmount', 120),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>{t('portal.noticeFooter', { due: data.dueDate })}</Typography.Paragraph>
    </div>
  );
}
