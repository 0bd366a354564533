/**
 * 案件详情: one supervision case (GET /api/supervision/cases/:id) — its subject, kind, amounts and status, the findings
 * it was opened from with their evidence, the conclusion, the amounts to recover per fund, the recoveries received
 * (an instalment-style list: when, which fund, how much, the bank reference and the ledger entry), and the timeline
 * of its steps, each sign-off step with who signed it (GET /api/approvals/:id of the opening and the conclusion).
 * Holders of supervision.case submit the conclusion, record a recovery, hand a person's pension-fund amount to the
 * payroll to keep back from their pension (抵扣待遇, with what the months kept back so far) and close a case with nothing outstanding
 * (结案, after a confirmation). Readers of supervision see the subject's credit grade and blacklist status (CreditPage.tsx).
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App, Button, Collapse, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Table, Timeline, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useLoad, useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { useMe } from '../../session.tsx';
import { fenToYuan, formatDateTime, toFen } from '../../format.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { Page } from '../../components/Page.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { Money } from '../../components/Money.tsx';
import { EvidenceView } from './EvidenceView.tsx';
import { CaseStatusTag, useRuleLabel } from './shared.tsx';
import { SubjectCreditTag } from './CreditPage.tsx';
import type { CaseAssignees, CaseDetail, ConcludeBody, OffsetBody, PenaltyProvisions, RecoveryBody } from './types.ts';

type Recovery = CaseDetail['recoveries'][number];
type FundAmount = CaseDetail['funds'][number];
interface ApprovalTimeline { timeline: { seq: number; action: string; levelLabel: string | null; username: string; comment: string | null; at: string }[] }

const yuanText = (value: number | string | null | undefined) => (value === null || value === undefined || value === '' ? '' : Number(value).toFixed(2));

/**
 * The penalty the server will compute, for the form's preview: the amounts to recover in fen × the multiple in
 * hundredths, rounded half up to the fen in whole numbers (the server's rounding rule, penalty.calc.ts, decides).
 */
function penaltyPreview(amounts: { amount?: number }[] | undefined, multiple: number | undefined) {
  if (!multiple) return null;
  const totalFen = (amounts ?? []).reduce((sum, a) => sum + Math.round((a?.amount ?? 0) * 100), 0);
  const fen = Math.floor((totalFen * Math.round(multiple * 100) + 50) / 100);
  return { total: (totalFen / 100).toFixed(2), amount: (fen / 100).toFixed(2) };
}

interface ConcludeValues {
  violation: ConcludeBody['violation']; amounts?: { fund: string; amount: number }[]; legalBasis: string; note?: string;
  penaltyProvision?: string; penaltyMultiple?: number;
}

function ConcludeForm({ detail, open, onClose, onDone }: { detail: CaseDetail; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const provisions = useLoad((signal) => api.get<PenaltyProvisions>('/api/supervision/penalty-provisions', undefined, signal), []);
  const rangeOf = (provision: string | undefined) => provisions.data?.provisions.find((p) => p.provision === provision);
  return (
    <FormModal<ConcludeValues, CaseDetail>
      title={`${t('supervision.case.conclude')}：${detail.number}`} open={open} onClose={onClose} onDone={onDone} testId="case-conclude-form" width={640}
      fields={['violation', 'amounts', 'legalBasis', 'note', 'fund', 'penaltyProvision', 'penaltyMultiple']}
      initialValues={{ violation: 'established', amounts: [{ fund: '', amount: Number(detail.amountInvolved) }] }}
      onSubmit={(values) => {
        const established = values.violation === 'established', penalty = established && values.penaltyProvision && values.penaltyMultiple !== undefined;
        return api.post<CaseDetail>(`/api/supervision/cases/${detail.id}/conclusion`, {
          violation: values.violation, legalBasis: values.legalBasis.trim(), note: values.note?.trim() || null,
          amounts: established ? (values.amounts ?? []).map((a) => ({ fund: a.fund.trim(), amount: yuanText(a.amount) })) : [],
          penaltyProvision: penalty ? values.penaltyProvision : null, penaltyMultiple: penalty ? String(values.penaltyMultiple) : null,
        } satisfies ConcludeBody);
      }}
    >
      {(form) => (
        <>
          <Typography.Paragraph type="secondary">{t('supervision.case.concludeExplain')}</Typography.Paragraph>
          <Form.Item name="violation" label={t('supervision.case.violation')} rules={[{ required: true }]}>
            <Select data-testid="case-violation" options={(['established', 'not_established'] as const).map((value) => ({ value, label: t(`supervision.case.violation.${value}`) }))} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(before, after) => before.violation !== after.violation}>
            {() => form.getFieldValue('violation') === 'established' && (
              <Form.List name="amounts">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((field, index) => (
                      <Space key={field.key} align="baseline">
                        <Form.Item name={[field.name, 'fund']} label={index === 0 ? t('supervision.case.fund') : undefined} rules={[{ required: true, whitespace: true }]}>
                          <Input placeholder="pension-990000" style={{ width: 220 }} data-testid={`case-amount-fund-${index}`} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'amount']} label={index === 0 ? t('supervision.case.amount') : undefined} rules={[{ required: true }]}>
                          <InputNumber min={0.01} precision={2} style={{ width: 180 }} data-testid={`case-amount-${index}`} />
                        </Form.Item>
                        {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} />}
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ fund: '', amount: undefined })}>{t('supervision.case.addFund')}</Button>
                  </>
                )}
              </Form.List>
            )}
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {() => {
              if (form.getFieldValue('violation') !== 'established') return null;
              const range = rangeOf(form.getFieldValue('penaltyProvision'));
              const preview = range && penaltyPreview(form.getFieldValue('amounts'), form.getFieldValue('penaltyMultiple'));
              return (
                <Space align="start" wrap style={{ marginTop: 16 }}>
                  <Form.Item name="penaltyProvision" label={t('supervision.case.penaltyProvision')} style={{ minWidth: 320 }}>
                    <Select
                      allowClear placeholder={t('supervision.case.penaltyProvision.none')} data-testid="case-penalty-provision" loading={provisions.loading}
                      options={(provisions.data?.provisions ?? []).map((p) => ({ value: p.provision, label: p.label }))}
                      onChange={(value?: string) => form.setFieldValue('penaltyMultiple', value ? Number(rangeOf(value)?.min) : undefined)}
                    />
                  </Form.Item>
                  {range && (
                    <Form.Item name="penaltyMultiple" label={t('supervision.case.penaltyMultiple')} rules={[{ required: true }]}
                      extra={t('supervision.case.penaltyRange', { min: range.min, max: range.max })}>
                      <InputNumber min={Number(range.min)} max={Number(range.max)} step={0.5} precision={2} style={{ width: 140 }} data-testid="case-penalty-multiple" />
                    </Form.Item>
                  )}
                  {preview && (
                    <Typography.Text type="secondary" data-testid="case-penalty-preview" style={{ display: 'block', maxWidth: 560 }}>
                      {t('supervision.case.penaltyPreview', { amount: preview.amount, total: preview.total, multiple: String(form.getFieldValue('penaltyMultiple')) })}
                    </Typography.Text>
                  )}
                </Space>
              );
            }}
          </Form.Item>
          <Form.Item name="legalBasis" label={t('supervision.case.legalBasis')} rules={[{ required: true, whitespace: true, min: 2, max: 200 }]} style={{ marginTop: 16 }}>
            <Input maxLength={200} data-testid="case-legal-basis" />
          </Form.Item>
          <Form.Item name="note" label={t('supervision.case.note')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} maxLength={500} data-testid="case-note" />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

/** The fund (with what it leaves to recover) and the amount: the recovery's and the offset's first two fields. */
function FundAmountFields({ owed, testId }: { owed: { fund: string; outstanding: string }[]; testId: string }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="fund" label={t('supervision.case.fund')} rules={[{ required: true }]}>
        <Select data-testid={`${testId}-fund`} options={owed.map((f) => ({ value: f.fund, label: `${f.fund}（${t('supervision.case.outstanding')} ${f.outstanding}）` }))} />
      </Form.Item>
      <Form.Item name="amount" label={t('supervision.case.amount')} rules={[{ required: true }]}>
        <InputNumber min={0.01} precision={2} style={{ width: 200 }} data-testid={`${testId}-amount`} />
      </Form.Item>
    </>
  );
}

/** A fund that may pay the person a pension (enterprise or public institutions' scheme): the server says whether it does. */
const isPensionFund = (fund: string) => /pension-/.test(fund);

/** What a fund of the case still leaves to recover in money or to hand to the payroll: outstanding less what is handed over. */
const recoverable = (fund: FundAmount) => fenToYuan(toFen(fund.outstanding) - toFen(fund.offsetting));

function RecoveryForm({ detail, open, onClose, onDone }: { detail: CaseDetail; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const owed = detail.funds.map((f) => ({ fund: f.fund, outstanding: recoverable(f) })).filter((f) => f.outstanding !== '0.00');
  return (
    <FormModal<{ fund: string; amount: number; recoveredOn: Dayjs; bankReference: string }, CaseDetail>
      title={`${t('supervision.case.recover')}：${detail.number}`} open={open} onClose={onClose} onDone={onDone} testId="case-recovery-form"
      fields={['fund', 'amount', 'recoveredOn', 'bankReference']}
      initialValues={{ fund: owed[0]?.fund, amount: owed[0] ? Number(owed[0].outstanding) : undefined, recoveredOn: dayjs() }}
      onSubmit={(values) => api.post<CaseDetail>(`/api/supervision/cases/${detail.id}/recoveries`, {
        fund: values.fund, amount: yuanText(values.amount), recoveredOn: values.recoveredOn.format('YYYY-MM-DD'), bankReference: values.bankReference.trim(),
      } satisfies RecoveryBody)}
    >
      <Typography.Paragraph type="secondary">{t('supervision.case.recoverExplain')}</Typography.Paragraph>
      <FundAmountFields owed={owed} testId="case-recovery" />
      <Form.Item name="recoveredOn" label={t('supervision.case.recoveredOn')} rules={[{ required: true }]}>
        <DatePicker disabledDate={(value) => value.isAfter(dayjs(), 'day')} data-testid="case-recovery-date" />
      </Form.Item>
      <Form.Item name="bankReference" label={t('supervision.case.bankReference')} rules={[{ required: true, whitespace: true, max: 60 }]}>
        <Input maxLength={60} data-testid="case-recovery-reference" />
      </Form.Item>
    </FormModal>
  );
}

/** 改派承办人: an inspector of the case's region or above it (GET …/assignees), with the reason; the timeline keeps it. */
function AssignForm({ detail, open, onClose, onDone }: { detail: CaseDetail; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const choices = useLoad((signal) => api.get<CaseAssignees>(`/api/supervision/cases/${detail.id}/assignees`, undefined, signal), [detail.id]);
  return (
    <FormModal<{ assignee: string; reason: string }>
      title={`${t('supervision.case.assign')}：${detail.number}`} open={open} onClose={onClose} onDone={onDone} testId="case-assign-form" fields={['assignee', 'reason']}
      onSubmit={(values) => api.post(`/api/supervision/cases/${detail.id}/assignment`, values)}
    >
      <Form.Item label={t('supervision.case.assignedTo')}>{detail.assignedTo}</Form.Item>
      <Form.Item name="assignee" label={t('supervision.case.assignTo')} rules={[{ required: true }]}>
        <Select loading={choices.loading} data-testid="case-assign-assignee" placeholder={t('supervision.case.assignToHint')}
          options={(choices.data?.items ?? []).filter((staff) => staff.username !== detail.assignedTo).map((staff) => ({ value: staff.username, label: `${staff.name}（${staff.username}，${staff.region}）` }))} />
      </Form.Item>
      <Form.Item name="reason" label={t('supervision.case.assignReason')} rules={[{ required: true, min: 2, max: 500 }]}>
        <Input.TextArea rows={2} data-testid="case-assign-reason" />
      </Form.Item>
    </FormModal>
  );
}

/**
 * 抵扣待遇: part of what a person's case leaves to recover for a pension fund handed to the payroll, which keeps it back
 * from the person's monthly pension (at most the province's share of a month) and books it as it does.
 */
function OffsetForm({ detail, open, onClose, onDone }: { detail: CaseDetail; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const owed = detail.funds.map((f) => ({ fund: f.fund, outstanding: recoverable(f) })).filter((f) => f.outstanding !== '0.00' && isPensionFund(f.fund));
  return (
    <FormModal<{ fund: string; amount: number }, CaseDetail>
      title={`${t('supervision.case.offset')}：${detail.number}`} open={open} onClose={onClose} onDone={onDone} testId="case-offset-form"
      fields={['fund', 'amount']}
      initialValues={{ fund: owed[0]?.fund, amount: owed[0] ? Number(owed[0].outstanding) : undefined }}
      onSubmit={(values) => api.post<CaseDetail>(`/api/supervision/cases/${detail.id}/offsets`, { fund: values.fund, amount: yuanText(values.amount) } satisfies OffsetBody)}
    >
      <Typography.Paragraph type="secondary">{t('supervision.case.offsetExplain')}</Typography.Paragraph>
      <FundAmountFields owed={owed} testId="case-offset" />
    </FormModal>
  );
}

/** Who signed each level of a sign-off item (the engine's timeline). */
function SignoffSteps({ itemId }: { itemId: string }) {
  const { t } = useI18n();
  const item = useLoad((signal) => api.get<ApprovalTimeline>(`/api/approvals/${itemId}`, undefined, signal), [itemId]);
  if (!item.data) return null;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid={`case-signoff-${itemId}`}>
      {item.data.timeline.map((step) => (
        <li key={step.seq}>{`${formatDateTime(step.at)} ${step.levelLabel ?? ''} ${t(`approvals.action.${step.action}`)} · ${step.username}${step.comment ? `：${step.comment}` : ''}`}</li>
      ))}
    </ul>
  );
}

export default function CasePage() {
  const { t } = useI18n();
  const can = useCan();
  const { modal, message } = App.useApp();
  const regionLabel = useRegionLabel();
  const ruleLabel = useRuleLabel();
  const { id = '' } = useParams();
  const loaded = useLoad((signal) => api.get<CaseDetail>(`/api/supervision/cases/${encodeURIComponent(id)}`, undefined, signal), [id]);
  const [form, setForm] = useState<'conclude' | 'recover' | 'offset' | 'assign'>();
  const me = useMe();
  if (loaded.error) return <ApiErrorView error={loaded.error} retry={loaded.reload} />;
  if (!loaded.data) return <PageSpinner />;
  const c = loaded.data;
  // the case's work is its inspector's (承办人); the head of inspections may give it to another
  const mayAct = can('supervision.case') && c.assignedTo === me.username;
  const mayAssign = can('supervision.case.approve') && ['filing', 'investigating', 'concluded', 'recovering'].includes(c.status);
  const close = () => modal.confirm({
    title: t('supervision.case.close'), content: t('supervision.case.closeConfirm', { number: c.number }), okButtonProps: { 'data-testid': 'confirm-ok' },
    onOk: async () => {
      try { await api.post(`/api/supervision/cases/${c.id}/close`, {}); loaded.reload(); } catch (failure) { message.error((failure as Error).message); }
    },
  });
  const done = () => { setForm(undefined); loaded.reload(); };
  return (
    <Page
      title={`${t('supervision.case.detail')}：${c.number}`} testId="case-page"
      extra={(mayAct || mayAssign) && (
        <Space>
          {mayAssign && <Button onClick={() => setForm('assign')} data-testid="case-assign">{t('supervision.case.assign')}</Button>}
          {mayAct && c.status === 'investigating' && !c.conclusionItemId && <Button onClick={() => setForm('conclude')} data-testid="case-conclude">{t('supervision.case.conclude')}</Button>}
          {mayAct && (c.status === 'concluded' || c.status === 'recovering') && c.funds.some((f) => recoverable(f) !== '0.00') && (
            <Button type="primary" onClick={() => setForm('recover')} data-testid="case-recover">{t('supervision.case.recover')}</Button>
          )}
          {mayAct && (c.status === 'concluded' || c.status === 'recovering') && c.subjectKind === 'person' && c.funds.some((f) => isPensionFund(f.fund) && recoverable(f) !== '0.00') && (
            <Button onClick={() => setForm('offset')} data-testid="case-offset">{t('supervision.case.offset')}</Button>
          )}
          {mayAct && c.canClose && <Button danger onClick={close} data-testid="case-close">{t('supervision.case.close')}</Button>}
        </Space>
      )}
    >
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} data-testid="case-header">
          <Descriptions.Item label={t('supervision.case.number')}><span data-testid="case-number">{c.number}</span></Descriptions.Item>
          <Descriptions.Item label={t('common.status')}><CaseStatusTag status={c.status} /></Descriptions.Item>
          <Descriptions.Item label={t('common.region')}>{regionLabel(c.regionCode)}</Descriptions.Item>
          <Descriptions.Item label={t('supervision.case.subject')}>
            <span data-testid="case-subject">{c.subject}</span>{`（${t(`supervision.case.subjectKind.${c.subjectKind}`)}）`}
          </Descriptions.Item>
          <Descriptions.Item label={t('supervision.case.kind')}>{c.kind === 'other' ? t('supervision.case.kind.other') : ruleLabel(c.kind, c.kindTitle ?? undefined)}</Descriptions.Item>
          <Descriptions.Item label={t('supervision.case.amountInvolved')}><Money value={c.amountInvolved} testId="case-amount-involved" /></Descriptions.Item>
          <Descriptions.Item label={t('supervision.case.toRecover')}><Money value={c.toRecover} testId="case-to-recover" /></Descriptions.Item>
          <Descriptions.Item label={t('supervision.case.recovered')}><Money value={c.recovered} testId="case-recovered" /></Descriptions.Item>
          <Descriptions.Item label={t('supervision.case.outstanding')}><Money value={c.outstanding} testId="case-outstanding" /></Descriptions.Item>
          {can('supervision.read') && (
            <Descriptions.Item label={t('supervision.credit.onCase')} span={3}><SubjectCreditTag kind={c.subjectKind} code={c.subject} /></Descriptions.Item>
          )}
          <Descriptions.Item label={t('supervision.case.assignedTo')}><span data-testid="case-assigned-to">{c.assignedTo}</span></Descriptions.Item>
          <Descriptions.Item label={t('supervision.case.reason')} span={2}>{c.reason}</Descriptions.Item>
        </Descriptions>

        {c.conclusion && (
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} title={t('supervision.case.conclusion')} data-testid="case-conclusion">
            <Descriptions.Item label={t('supervision.case.violation')}><span data-testid="case-violation-value" data-violation={c.conclusion.violation}>{c.conclusion.violationLabel}</span></Descriptions.Item>
            <Descriptions.Item label={t('supervision.case.legalBasis')}>{c.conclusion.legalBasis}</Descriptions.Item>
            {c.conclusion.penalty && (
              <Descriptions.Item label={t('supervision.case.penalty')} span={2}>
                <span data-testid="case-penalty-value">
                  {t('supervision.case.penaltyValue', { amount: c.conclusion.penalty.amount, provision: c.conclusion.penalty.provisionLabel, multiple: c.conclusion.penalty.multiple })}
                </span>
              </Descriptions.Item>
            )}
            {c.conclusion.note && <Descriptions.Item label={t('supervision.case.note')} span={2}>{c.conclusion.note}</Descriptions.Item>}
          </Descriptions>
        )}

        {c.funds.length > 0 && (
          <>
            <Typography.Title level={5} style={{ margin: 0 }}>{t('supervision.case.funds')}</Typography.Title>
            <Table<FundAmount>
              size="small" rowKey="fund" pagination={false} dataSource={c.funds} data-testid="case-funds"
              columns={[
                { key: 'fund', title: t('supervision.case.fund'), dataIndex: 'fund' },
                { key: 'amount', title: t('supervision.case.toRecover'), dataIndex: 'amount', align: 'right', render: (value: string) => <Money value={value} /> },
                { key: 'recovered', title: t('supervision.case.recovered'), dataIndex: 'recovered', align: 'right', render: (value: string) => <Money value={value} /> },
                { key: 'outstanding', title: t('supervision.case.outstanding'), dataIndex: 'outstanding', align: 'right', render: (value: string, row) => <Money value={value} testId={`case-fund-outstanding-${row.fund}`} /> },
                { key: 'offsetting', title: t('supervision.case.offsetting'), dataIndex: 'offsetting', align: 'right', render: (value: string, row) => <Money value={value} testId={`case-fund-offsetting-${row.fund}`} /> },
              ]}
            />
          </>
        )}

        {c.offsets.length > 0 && (
          <>
            <Typography.Title level={5} style={{ margin: 0 }}>{t('supervision.case.offsets')}</Typography.Title>
            <Table<CaseDetail['offsets'][number]>
              size="small" rowKey="overpaymentId" pagination={false} dataSource={c.offsets} data-testid="case-offsets"
              columns={[
                { key: 'openedAt', title: t('supervision.case.offsetOpenedAt'), dataIndex: 'openedAt', width: 170, render: (at: string) => formatDateTime(at) },
                { key: 'fund', title: t('supervision.case.fund'), dataIndex: 'fund', width: 180 },
                { key: 'amount', title: t('supervision.case.amount'), dataIndex: 'amount', align: 'right', render: (value: string) => <Money value={value} /> },
                { key: 'recovered', title: t('supervision.case.offsetKeptBack'), dataIndex: 'recovered', align: 'right', render: (value: string, row) => <Money value={value} testId={`case-offset-kept-${row.overpaymentId}`} /> },
                { key: 'outstanding', title: t('supervision.case.outstanding'), dataIndex: 'outstanding', align: 'right', render: (value: string) => <Money value={value} /> },
                { key: 'status', title: t('common.status'), dataIndex: 'status', width: 100, render: (status: string) => t(`supervision.case.offsetStatus.${status}`) },
              ]}
            />
          </>
        )}

        {c.conclusion?.violation === 'established' && (
          <>
            <Typography.Title level={5} style={{ margin: 0 }}>{t('supervision.case.recoveries')}</Typography.Title>
            <Table<Recovery>
              size="small" rowKey="id" pagination={false} dataSource={c.recoveries} data-testid="case-recoveries" locale={{ emptyText: t('supervision.case.recoveries.none') }}
              columns={[
                { key: 'recoveredOn', title: t('supervision.case.recoveredOn'), dataIndex: 'recoveredOn', width: 120 },
                { key: 'fund', title: t('supervision.case.fund'), dataIndex: 'fund', width: 180 },
                { key: 'amount', title: t('supervision.case.amount'), dataIndex: 'amount', align: 'right', width: 150, render: (value: string) => <Money value={value} /> },
                { key: 'bankReference', title: t('supervision.case.bankReference'), dataIndex: 'bankReference', width: 180 },
                { key: 'entryId', title: t('supervision.case.entry'), dataIndex: 'entryId', width: 200 },
                { key: 'recordedBy', title: t('supervision.case.recordedBy'), dataIndex: 'recordedBy' },
              ]}
            />
          </>
        )}

        <Typography.Title level={5} style={{ margin: 0 }}>{t('supervision.case.findings')}</Typography.Title>
        {c.findings.length > 0 && (
          <Collapse
            data-testid="case-findings"
            items={c.findings.map((f) => ({
              key: f.id,
              label: <span data-testid="case-finding" data-id={f.id}>{`${ruleLabel(f.rule, f.title)} · ${f.subject} · ${f.period} · ${f.amount}`}</span>,
              children: <><Typography.Paragraph type="secondary">{f.legalBasis}</Typography.Paragraph><EvidenceView evidence={f.evidence} /></>,
            }))}
          />
        )}

        <Typography.Title level={5} style={{ margin: 0 }}>{t('supervision.case.timeline')}</Typography.Title>
        <Timeline
          data-testid="case-timeline"
          items={c.steps.map((step) => ({
            children: (
              <div data-testid="case-step" data-step={step.step}>
                <Typography.Text strong>{t(`supervision.case.step.${step.step}`)}</Typography.Text>
                {` ${formatDateTime(step.at)} · ${step.username}${step.assignee ? ` → ${step.assignee}` : ''}${step.note ? `：${step.note}` : ''}`}
                {step.approvalItemId && (step.step === 'opening_approved' || step.step === 'concluded') && (
                  <div>
                    <Link to={`/approvals/${step.approvalItemId}`}>{t('supervision.case.signedBy')}</Link>
                    <SignoffSteps itemId={step.approvalItemId} />
                  </div>
                )}
              </div>
            ),
          }))}
        />
      </Space>
      {form === 'conclude' && <ConcludeForm detail={c} open onClose={() => setForm(undefined)} onDone={done} />}
      {form === 'recover' && <RecoveryForm detail={c} open onClose={() => setForm(undefined)} onDone={done} />}
      {form === 'offset' && <OffsetForm detail={c} open onClose={() => setForm(undefined)} onDone={done} />}
      {form === 'assign' && <AssignForm detail={c} open onClose={() => setForm(undefined)} onDone={done} />}
    </Page>
  );
}
