/**
 * 缴费到账: import the bank's collection file (CSV or XLSX; all rows or none, every bad row listed; previewed, then
 * recorded on 确认入账), record a payment by hand, and the payments (PaymentsList: where their money went, 冲正).
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Collapse, Descriptions, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n, type Translate } from '../../i18n.ts';
import { formatYuan } from '../../format.ts';
import { useMe } from '../../session.tsx';
import { can } from '../../permissions.ts';
import { ImportHistory, ImportPanel } from '../../components/FileUpload.tsx';
import { Money, moneyColumn } from '../../components/Money.tsx';
import { NO_PRINT } from '../../components/list/print.ts';
import { PaymentFormModal } from './PaymentFormModal.tsx';
import { PaymentsList } from './PaymentsList.tsx';
import type { CollectionPreview, PaymentImportResult } from './types.ts';

/** 确认入账之前: the payments the file holds, their total and how they would be allocated, per employer. */
function CollectionPreviewView({ preview }: { preview: CollectionPreview }) {
  const { t } = useI18n();
  return (
    <>
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} data-testid="payment-preview">
        <Descriptions.Item label={t('payment.preview.rows')}><span data-testid="payment-preview-rows">{preview.rows}</span></Descriptions.Item>
        <Descriptions.Item label={t('payment.preview.toRecord')}><span data-testid="payment-preview-to-record">{preview.toRecord}</span></Descriptions.Item>
        <Descriptions.Item label={t('payment.preview.alreadyRecorded')}>{preview.alreadyRecorded}</Descriptions.Item>
        <Descriptions.Item label={t('payment.preview.total')}><Money value={preview.amount} testId="payment-preview-total" /></Descriptions.Item>
        <Descriptions.Item label={t('payment.allocated')}><Money value={preview.allocated} testId="payment-preview-allocated" /></Descriptions.Item>
        <Descriptions.Item label={t('payment.credit')}><Money value={preview.credit} testId="payment-preview-credit" /></Descriptions.Item>
      </Descriptions>
      <Table<CollectionPreview['employers'][number]>
        data-testid="payment-preview-employers" size="small" rowKey="creditCode" dataSource={preview.employers} pagination={preview.employers.length > 20 ? { pageSize: 20 } : false}
        columns={[
          { title: t('employer.creditCode'), dataIndex: 'creditCode', width: 190 },
          { title: t('employer.name'), dataIndex: 'name' },
          { title: t('payment.preview.payments'), dataIndex: 'payments', width: 90, align: 'right' },
          moneyColumn(t('payment.amount'), 'amount'),
          moneyColumn(t('payment.allocated'), 'allocated'),
          moneyColumn(t('payment.credit'), 'credit'),
        ]}
      />
    </>
  );
}

/** The fields of the collection file (src/modules/collection/payments/collection-file.schema.ts) as this page labels them. */
const fileFields = (t: Translate) => ({
  date: t('payment.date'), creditCode: t('employer.creditCode'), amount: t('payment.amount'), reference: t('payment.remark'), transactionId: t('payment.transactionId'),
});

/** 导入银行到账文件: the file is previewed first and recorded only on 确认入账; below, the files imported. */
function BankFileImport({ onImported }: { onImported(): void }) {
  const { t } = useI18n();
  const [answers, setAnswers] = useState(0);
  return (
    <Card size="small" title={t('payment.import')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('payment.importRule')}</Typography.Text>
        <ImportPanel<PaymentImportResult, CollectionPreview>
          path="/api/payments/import" testId="payment-import" prompt={t('payment.choose')} fieldLabels={fileFields(t)}
          preview={{
            render: (preview) => <CollectionPreviewView preview={preview} />,
            confirm: { path: (importId) => `/api/payments/import/${importId}/confirm`, label: t('payment.confirmImport'), question: t('payment.confirmImportQuestion') },
          }}
          renderResult={(result) => (
            <Alert
              type="success" showIcon data-testid="payment-import-success"
              message={t('payment.imported', { rows: result.rows, n: result.recorded, amount: formatYuan(result.amount) })}
              description={(
                <>
                  {t('payment.importAllocated', { allocated: formatYuan(result.allocated), credit: formatYuan(result.credit) })}
                  {result.alreadyRecorded > 0 && <div>{t('payment.alreadyRecorded', { n: result.alreadyRecorded })}</div>}
                </>
              )}
            />
          )}
          onApplied={onImported} onAnswered={() => setAnswers((n) => n + 1)}
        />
        <Collapse
          size="small" items={[{
            key: 'history', label: t('fileImport.history'),
            children: <ImportHistory kind="payments" kindLabel={() => t('payment.fileKind')} refresh={answers} testId="payment-import-history" />,
          }]}
        />
      </Space>
    </Card>
  );
}

export default function PaymentsPage() {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const [recording, setRecording] = useState(false);
  const [recorded, setRecorded] = useState(0);
  const writer = can(me, 'payment.record');
  return (
    <PaymentsList
      title={t('payment.title')} testId="payments-page" refresh={recorded}
      extra={writer && <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="payment-record">{t('payment.record')}</Button>}
      header={writer && <div className={NO_PRINT} style={{ marginBottom: 16 }}><BankFileImport onImported={() => setRecorded((n) => n + 1)} /></div>}
    >
      <PaymentFormModal open={recording} onClose={() => setRecording(false)} onDone={() => { message.success(t('payment.recorded')); setRecorded((n) => n + 1); }} />
    </PaymentsList>
  );
}
