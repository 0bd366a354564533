/**
 * 死亡停发与待遇追回: the death registry import (POST /api/pension/deaths, idNumber,dateOfDeath — all rows or none, a
 * file once): pensions suspended from the month after death, the months paid after it opened for recovery, the
 * survivors' funeral grant and survivor pension recorded; the overpayments in scope (GET /api/pension/overpayments)
 * with what is recovered, waiting for sign-off and still owed, and for holders of pension.recovery.record a form to
 * record money recovered (a refund or an instalment): it goes for 复核 and 审批 (kind benefit.recovery); the final
 * approval records it, posts it to the fund ledger and closes the overpayment when covered.
 */
import { useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { fenToYuan, toFen } from '../../format.ts';
import { useCan } from '../../permissions.ts';
import { useRegionLabel } from '../../hooks.ts';
import { ListPage, type ListColumn } from '../../components/ListPage.tsx';
import { ImportPanel } from '../../components/FileUpload.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { Money } from '../../components/Money.tsx';
import { approvalsChanged } from '../../platform/signoff/shared.tsx';
import type { ApprovalItem } from '../../platform/signoff/types.ts';
import type { DeathImport, Overpayment, OverpaymentStatus, RecoveryBody } from './types.ts';

const statuses: OverpaymentStatus[] = ['open', 'recovered'];
/** offset (抵扣) is refused by the API until the payroll path takes it */
const methods: Array<RecoveryBody['recoveryMethod']> = ['refund', 'instalment'];

interface RecoveryValues { recoveryMethod: RecoveryBody['recoveryMethod']; amount: string; recoveredOn: Dayjs; reference: string }

function RecoveryForm({ overpayment, onClose, onDone }: { overpayment: Overpayment | undefined; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const submitted = (item: ApprovalItem) => {
    approvalsChanged();
    message.success(t('deaths.recovery.submitted', { id: item.id }));
    onDone();
  };
  return (
    <FormModal<RecoveryValues, ApprovalItem>
      title={t('deaths.recovery.title', { name: overpayment?.name ?? '' })} open={overpayment !== undefined} onClose={onClose} onDone={submitted} testId="recovery-form"
      fields={['recoveryMethod', 'amount', 'recoveredOn', 'reference']} okText={t('deaths.recovery.submit')}
      confirm={(values) => t('deaths.recovery.confirm', { amount: fenToYuan(toFen(values.amount)) })}
      initialValues={{ recoveryMethod: 'refund', recoveredOn: dayjs(), amount: overpayment?.outstanding }}
      onSubmit={(values) => api.post<ApprovalItem>(`/api/pension/overpayments/${overpayment!.id}/recoveries`, {
        recoveryMethod: values.recoveryMethod, amount: fenToYuan(toFen(values.amount)), recoveredOn: values.recoveredOn.format('YYYY-MM-DD'), reference: values.reference.trim(),
      } satisfies RecoveryBody)}
    >
      {overpayment && (
        <Typography.Paragraph type="secondary">
          {t('deaths.recovery.owed', { amount: overpayment.amount, recovered: overpayment.recovered, pending: overpayment.pending, outstanding: overpayment.outstanding })}
        </Typography.Paragraph>
      )}
      <Form.Item name="recoveryMethod" label={t('deaths.recovery.method')} rules={[{ required: true }]}>
        <Select options={methods.map((value) => ({ value, label: t(`deaths.recovery.method.${value}`) }))} />
      </Form.Item>
      <Form.Item name="amount" label={t('deaths.recovery.amount')} rules={[{ required: true }, { pattern: /^\s*[\d,]+(\.\d{1,2})?\s*$/, message: t('deaths.recovery.amountFormat') }]}>
        <Input prefix="¥" data-testid="recovery-amount" />
      </Form.Item>
      <Form.Item name="recoveredOn" label={t('deaths.recovery.recoveredOn')} rules={[{ required: true }]}>
        <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="reference" label={t('deaths.recovery.reference')} extra={t('deaths.recovery.referenceHint')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={100} data-testid="recovery-reference" />
      </Form.Item>
    </FormModal>
  );
}

function DeathImportSummary({ result }: { result: DeathImport }) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} data-testid="death-import-result">
      <Descriptions.Item label={t('deaths.import.rows')}>{result.rows}</Descriptions.Item>
      <Descriptions.Item label={t('deaths.import.recorded')}><span data-testid="death-import-recorded">{result.recorded}</span></Descriptions.Item>
      <Descriptions.Item label={t('deaths.import.alreadyRecorded')}>{result.alreadyRecorded}</Descriptions.Item>
      <Descriptions.Item label={t('deaths.import.suspended')}><span data-testid="death-import-suspended">{result.suspended}</span></Descriptions.Item>
      <Descriptions.Item label={t('deaths.import.overpayments')}><span data-testid="death-import-overpayments">{result.overpayments}</span></Descriptions.Item>
      <Descriptions.Item label={t('deaths.import.overpaidAmount')}><Money value={result.overpaidAmount} testId="death-import-overpaid" /></Descriptions.Item>
      <Descriptions.Item label={t('deaths.import.funeralGrants')}><Money value={result.funeralGrants} /></Descriptions.Item>
      <Descriptions.Item label={t('deaths.import.survivorPensions')}><Money value={result.survivorPensions} /></Descriptions.Item>
    </Descriptions>
  );
}

export default function DeathsPage() {
  const { t } = useI18n();
  const can = useCan();
  const regionLabel = useRegionLabel();
  const [refresh, setRefresh] = useState(0);
  const [recovering, setRecovering] = useState<Overpayment>();
  const changed = () => setRefresh((n) => n + 1);

  const columns: Array<ListColumn<Overpayment>> = [
    { key: 'idNumber', title: t('award.idNumber'), dataIndex: 'idNumber', width: 190 },
    { key: 'name', title: t('award.name'), dataIndex: 'name', width: 100 },
    { key: 'region', title: t('common.region'), dataIndex: 'regionCode', render: (code: string) => regionLabel(code) },
    { key: 'cause', title: t('deaths.cause'), dataIndex: 'cause', width: 90, render: (cause: string) => t(`deaths.cause.${cause}`) },
    { key: 'dateOfDeath', title: t('deaths.dateOfDeath'), dataIndex: 'dateOfDeath', width: 110 },
    { key: 'periods', title: t('deaths.periods'), dataIndex: 'periods', render: (periods: string[]) => periods.join('、') },
    { key: 'amount', title: t('deaths.amount'), dataIndex: 'amount', money: true },
    { key: 'recovered', title: t('deaths.recovered'), dataIndex: 'recovered', money: true },
    { key: 'pending', title: t('deaths.pending'), dataIndex: 'pending', money: true },
    { key: 'outstanding', title: t('deaths.outstanding'), dataIndex: 'outstanding', money: true },
    { key: 'status', title: t('common.status'), dataIndex: 'status', width: 90, render: (status: OverpaymentStatus) => <Tag color={status === 'open' ? 'red' : 'green'} data-testid="overpayment-status">{t(`deaths.status.${status}`)}</Tag> },
    ...(can('pension.recovery.record') ? [{
      key: 'actions', title: t('common.actions'), width: 100,
      render: (_: unknown, row: Overpayment) => row.status === 'open' && (
        <Button size="small" type="link" onClick={() => setRecovering(row)} data-testid={`recover-${row.idNumber}`}>{t('deaths.recovery.record')}</Button>
      ),
    }] : []),
  ];

  return (
    <ListPage<Overpayment>
      listId="pension-overpayments" title={t('deaths.title')} testId="deaths-page" tableTestId="overpayments-table" endpoint="/api/pension/overpayments" rowKey="id"
      columns={columns} refresh={refresh}
      filters={[{ kind: 'enum', param: 'status', label: t('common.status'), options: statuses.map((value) => ({ value, label: t(`deaths.status.${value}`) })), testId: 'overpayments-status' }]}
      header={can('pension.death.import') && (
        <Card size="small" title={t('deaths.import.title')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('deaths.import.rule')}</Typography.Paragraph>
          <ImportPanel<DeathImport>
            path="/api/pension/deaths" testId="death-import" prompt={t('deaths.import.choose')}
            renderResult={(result) => <DeathImportSummary result={result} />} onApplied={changed}
          />
        </Card>
      )}
    >
      <RecoveryForm overpayment={recovering} onClose={() => setRecovering(undefined)} onDone={changed} />
    </ListPage>
  );
}
