/**
 * 养老金发放: the payroll of a month (the period filter, kept in the URL): its payees, total and status
 * (GET /api/payroll/summary, also as the 养老金发放汇总表 in XLSX or PDF), the batches per pension fund (GET /api/payroll/batches) with their sign-off, and for
 * holders of the permissions: 发放计算 (POST /api/payroll/run, after a confirmation: a job per fund followed by
 * <JobProgress>; each batch then goes to 复核 and 审批 in the 待办 inbox, and its 用款申请 to finance), 下载银行代发文件
 * (GET /api/payroll/bank-file, refused naming the step still missing) and 银行回盘导入 (POST /api/payroll/bank-result
 * through the import pipeline: all rows or none).
 */
import { useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Descriptions, Row, Space, Statistic, Typography } from 'antd';
import { CalculatorOutlined, DownloadOutlined, FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, downloadFile, withQuery, type ApiError } from '../../api.ts';
import { useLoad, useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { formatDateTime, formatYuan } from '../../format.ts';
import { useCan } from '../../permissions.ts';
import { ListPage, type ListColumn } from '../../components/ListPage.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { ImportPanel } from '../../components/FileUpload.tsx';
import { JobProgress, type Job } from '../../components/JobProgress.tsx';
import { Money } from '../../components/Money.tsx';
import { BatchStatusTag } from './status.tsx';
import type { BankResult, Batch, PayrollSummary } from './types.ts';

const thisMonth = () => dayjs().format('YYYY-MM');

function SummaryCards({ summary }: { summary: PayrollSummary }) {
  const { t } = useI18n();
  const card = (title: string, value: ReactNode, testId: string) => (
    <Card size="small"><Statistic title={title} valueRender={() => <span data-testid={testId}>{value}</span>} /></Card>
  );
  return (
    <Row gutter={[16, 16]} data-testid="payroll-summary">
      <Col xs={24} md={8}>{card(t('payroll.payees'), summary.payees.toLocaleString('en-US'), 'payroll-payees')}</Col>
      <Col xs={24} md={8}>{card(t('payroll.total'), formatYuan(summary.total), 'payroll-total')}</Col>
      <Col xs={24} md={8}>
        {card(t('payroll.status'), summary.status === 'none' ? t('payroll.status.none') : t(`payroll.status.${summary.status}`), 'payroll-status')}
      </Col>
    </Row>
  );
}

function BankResultSummary({ result }: { result: BankResult }) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} data-testid="bank-result">
      <Descriptions.Item label={t('payroll.bank.rows')}>{result.rows}</Descriptions.Item>
      <Descriptions.Item label={t('payroll.bank.paid')}><span data-testid="bank-result-paid">{result.paid}</span></Descriptions.Item>
      <Descriptions.Item label={t('payroll.bank.returned')}><span data-testid="bank-result-returned">{result.returned}</span></Descriptions.Item>
      <Descriptions.Item label={t('payroll.bank.paidAmount')}><Money value={result.paidAmount} /></Descriptions.Item>
      <Descriptions.Item label={t('payroll.bank.alreadyRecorded')}>{result.alreadyRecorded}</Descriptions.Item>
      <Descriptions.Item label={t('payroll.bank.suspended')}>{result.suspended}</Descriptions.Item>
      <Descriptions.Item label={t('payroll.bank.entries')}>{result.entries}</Descriptions.Item>
    </Descriptions>
  );
}

export default function PayrollPage() {
  const { t } = useI18n();
  const can = useCan();
  const { modal, message } = App.useApp();
  const regionLabel = useRegionLabel();
  const [search] = useSearchParams();
  const period = search.get('period') || thisMonth();
  const [refresh, setRefresh] = useState(0);
  const [jobs, setJobs] = useState<Job[]>([]);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<ApiError>();
  const summary = useLoad((signal) => api.get<PayrollSummary>('/api/payroll/summary', { period }, signal), [period, refresh]);
  const changed = () => setRefresh((n) => n + 1);

  const run = () => modal.confirm({
    title: t('payroll.runTitle', { period }),
    content: t('payroll.runConfirm', { period }),
    okText: t('payroll.run'), cancelText: t('common.cancel'), okButtonProps: { 'data-testid': 'confirm-ok' },
    onOk: async () => {
      try {
        setJobs((await api.post<{ jobs: Job[] }>('/api/payroll/run', { period })).jobs);
        changed();
      } catch (failure) {
        message.error((failure as Error).message);
      }
    },
  });

  const downloadBankFile = async () => {
    setDownloading(true); setDownloadError(undefined);
    try {
      message.success(t('payroll.bankFileDownloaded', { file: await downloadFile('/api/payroll/bank-file', { period }, `payroll-${period}.csv`) }));
      changed();
    } catch (failure) {
      setDownloadError(failure as ApiError);
    } finally {
      setDownloading(false);
    }
  };

  const columns: Array<ListColumn<Batch>> = [
    { key: 'period', title: t('payroll.period'), dataIndex: 'period', width: 90 },
    { key: 'fund', title: t('payroll.fund'), dataIndex: 'fund', width: 160 },
    { key: 'region', title: t('common.region'), dataIndex: 'regionCode', render: (code: string) => regionLabel(code) },
    { key: 'payees', title: t('payroll.payees'), dataIndex: 'payees', align: 'right', width: 100, render: (n: number) => n.toLocaleString('en-US') },
    { key: 'total', title: t('payroll.total'), dataIndex: 'total', money: true },
    { key: 'status', title: t('payroll.status'), width: 110, render: (_, batch) => <BatchStatusTag batch={batch} /> },
    { key: 'createdBy', title: t('payroll.createdBy'), dataIndex: 'createdBy', width: 140 },
    { key: 'createdAt', title: t('payroll.createdAt'), dataIndex: 'createdAt', width: 170, render: formatDateTime },
    { key: 'lines', title: t('common.actions'), width: 90, render: (_, batch) => <Link to={`/benefits/payroll/${batch.id}`} data-testid="batch-lines-link">{t('payroll.lines')}</Link> },
  ];

  return (
    <ListPage<Batch>
      listId="payroll-batches" title={t('payroll.title')} testId="payroll-page" tableTestId="payroll-batches" endpoint="/api/payroll/batches" rowKey="id"
      columns={columns} refresh={refresh}
      filters={[{ kind: 'month', param: 'period', label: t('payroll.period'), required: true, testId: 'payroll-period' }]}
      defaults={{ period: thisMonth() }}
      extra={(
        <>
          {can('payroll.run') && <Button type="primary" icon={<CalculatorOutlined />} onClick={run} data-testid="payroll-run">{t('payroll.run')}</Button>}
          <Button icon={<FileExcelOutlined />} href={withQuery('/api/payroll/summary', { period, format: 'xlsx' })} data-testid="payroll-summary-xlsx">{t('payroll.summaryXlsx')}</Button>
          <Button icon={<PrinterOutlined />} href={withQuery('/api/payroll/summary', { period, format: 'pdf' })} target="_blank" data-testid="payroll-summary-pdf">{t('payroll.summaryPdf')}</Button>
          {can('payroll.bank') && <Button icon={<DownloadOutlined />} loading={downloading} onClick={downloadBankFile} data-testid="payroll-bank-file">{t('payroll.bankFile')}</Button>}
        </>
      )}
      header={(
        <Space direction="vertical" size="middle" style={{ width: '100%', marginBottom: 16 }}>
          {summary.error ? <ApiErrorView error={summary.error} retry={summary.reload} /> : summary.data && <SummaryCards summary={summary.data} />}
          {jobs.map((job) => (
            <div key={job.id}>
              <Typography.Text strong>{t('payroll.jobOf', { key: job.key })}</Typography.Text>
              <JobProgress job={job} testId="payroll-progress" onFinished={changed} />
            </div>
          ))}
          {downloadError && <Alert type="error" showIcon closable message={t('payroll.bankFileRefused')} description={downloadError.message} data-testid="bank-file-error" />}
        </Space>
      )}
    >
      {can('payroll.bank') && (
        <Card size="small" title={t('payroll.bankResult')} style={{ marginTop: 16 }}>
          <Typography.Paragraph type="secondary">{t('payroll.bankResultRule')}</Typography.Paragraph>
          <ImportPanel<BankResult>
            path="/api/payroll/bank-result" testId="bank-result-import" prompt={t('payroll.bankResultChoose')}
            renderResult={(result) => <BankResultSummary result={result} />} onApplied={changed}
          />
        </Card>
      )}
    </ListPage>
  );
}
