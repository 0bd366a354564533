/**
 * 信用与黑名单: the credit grades of the subjects of supervision (GET /api/supervision/credit — the count per kind and
 * grade, the graded subjects worst first, filtered by kind and grade; a subject opens its history and listings, GET
 * /api/supervision/credit/:type/:code), a grading run for holders of supervision.run (POST /api/supervision/credit/runs,
 * confirmed), and the blacklist (严重失信人名单, GET /api/supervision/blacklist: in force, proposed or all) with the
 * proposal of a listing and an early removal (信用修复) for holders of supervision.case, each with its reason,
 * confirmed, and waiting for its sign-off.
 */
import { useState } from 'react';
import type { Static } from '@sinclair/typebox';
import { App, Button, DatePicker, Descriptions, Drawer, Form, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n, type Translate } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { Page } from '../../components/Page.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import type * as Credit from '../../../../src/modules/supervision/credit/credit.schemas.ts';

type CreditList = Static<typeof Credit.CreditList>;
type CreditGrade = Static<typeof Credit.CreditGrade>;
type SubjectCredit = Static<typeof Credit.SubjectCredit>;
type Listing = Static<typeof Credit.Listing>;
type ListingList = Static<typeof Credit.ListingList>;
type GradingRun = Static<typeof Credit.GradingRun>;
type InspectionPlan = Static<typeof Credit.InspectionPlan>;
type InspectionPlanItem = Static<typeof Credit.InspectionPlanItem>;
type Reason = CreditGrade['reasons'][number];
type SubjectKind = CreditGrade['subjectKind'];

const kinds: SubjectKind[] = ['employer', 'institution', 'person'];
const gradeColors = ['green', 'blue', 'orange', 'red'];

/** A grade as a tag: the worse its place in the scheme (the counts give the order A…D), the warmer its colour. */
export function CreditGradeTag({ grade, label }: { grade: string; label?: string | null }) {
  const index = Math.max(0, grade.charCodeAt(0) - 'A'.charCodeAt(0));
  return <Tag color={gradeColors[Math.min(index, gradeColors.length - 1)]} data-testid="credit-grade" data-grade={grade}>{label ? `${grade} ${label}` : grade}</Tag>;
}

/** The grade and blacklist status of a case's subject (case page); nothing while loading, for a subject never graded, or for a masked ID number. */
export function SubjectCreditTag({ kind, code }: { kind: SubjectKind; code: string }) {
  const { t } = useI18n();
  const loaded = useLoad((signal) => api.get<SubjectCredit>(`/api/supervision/credit/${kind}/${encodeURIComponent(code)}`, undefined, signal).catch(() => undefined), [kind, code]);
  const c = loaded.data;
  if (!c) return <span data-testid="case-credit">—</span>;
  return (
    <span data-testid="case-credit">
      <CreditGradeTag grade={c.grade} label={c.gradeLabel} />
      {c.listed && <Tag color="red" data-testid="case-credit-listed">{t('supervision.credit.listedUntil', { until: c.listedUntil ?? '' })}</Tag>}
    </span>
  );
}

const reasonText = (t: Translate, reason: Reason) => reason.threshold === 'listed' ? t('supervision.credit.reason.listed')
  : t(`supervision.credit.reason.${reason.threshold}`, {
    value: reason.threshold.endsWith('_yuan') ? (Number(reason.value) / 100).toFixed(2) : reason.value ?? '',
    bar: reason.threshold.endsWith('_yuan') ? (Number(reason.bar) / 100).toFixed(2) : reason.bar ?? '',
  });

function SubjectDrawer({ subject, onClose }: { subject: { kind: SubjectKind; code: string } | null; onClose(): void }) {
  const { t } = useI18n();
  const loaded = useLoad(
    (signal) => (subject ? api.get<SubjectCredit>(`/api/supervision/credit/${subject.kind}/${encodeURIComponent(subject.code)}`, undefined, signal) : Promise.resolve(undefined)),
    [subject?.kind, subject?.code],
  );
  const c = loaded.data;
  return (
    <Drawer open={subject !== null} onClose={onClose} width={760} title={t('supervision.credit.subjectTitle', { subject: subject?.code ?? '' })} data-testid="credit-subject">
      {loaded.error ? <ApiErrorView error={loaded.error} retry={loaded.reload} /> : !c ? <PageSpinner /> : (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label={t('supervision.credit.kind')}>{t(`supervision.case.subjectKind.${c.subjectKind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('supervision.credit.grade')}><CreditGradeTag grade={c.grade} label={c.gradeLabel} /></Descriptions.Item>
            <Descriptions.Item label={t('supervision.credit.blacklist')}>
              {c.listed ? <Tag color="red" data-testid="credit-listed">{t('supervision.credit.listedUntil', { until: c.listedUntil ?? '' })}</Tag> : t('supervision.credit.notListed')}
            </Descriptions.Item>
            <Descriptions.Item label={t('supervision.credit.rule')}>
              {c.blacklistGrounds.length ? c.blacklistGrounds.map((g) => t(`supervision.credit.ground.${g}`)).join('；') : t('supervision.credit.ruleNotMet', { cases: c.establishedCases, largest: c.largestCase })}
            </Descriptions.Item>
            <Descriptions.Item label={t('supervision.credit.reasons')} span={2}>{c.reasons.map((r) => reasonText(t, r)).join('；') || '—'}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ margin: 0 }}>{t('supervision.credit.history')}</Typography.Title>
          <Table
            size="small" pagination={false} rowKey="runId" dataSource={c.history} data-testid="credit-history"
            columns={[
              { title: t('supervision.credit.gradedOn'), dataIndex: 'gradedOn', width: 110 },
              { title: t('supervision.credit.change'), key: 'change', width: 160, render: (_, h) => <>{h.previousGrade ?? '—'} → <CreditGradeTag grade={h.grade} /></> },
              { title: t('supervision.credit.reasons'), key: 'reasons', render: (_, h) => h.reasons.map((r) => reasonText(t, r)).join('；') || '—' },
            ]}
          />
          <Typography.Title level={5} style={{ margin: 0 }}>{t('supervision.credit.listings')}</Typography.Title>
          <Table<Listing>
            size="small" pagination={false} rowKey="id" dataSource={c.listings} data-testid="credit-listings"
            columns={[
              { title: t('common.status'), dataIndex: 'statusLabel', width: 120 },
              { title: t('supervision.credit.listedOn'), key: 'term', width: 200, render: (_, l) => (l.listedOn ? `${l.listedOn} – ${l.listedUntil}` : '—') },
              { title: t('supervision.credit.listReason'), dataIndex: 'reason' },
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}

function GradesTab() {
  const { t } = useI18n();
  const can = useCan();
  const { modal, message } = App.useApp();
  const [subject, setSubject] = useState<{ kind: SubjectKind; code: string } | null>(null);
  const [refresh, setRefresh] = useState(0);
  const run = () => modal.confirm({
    title: t('supervision.credit.run'), content: t('supervision.credit.runConfirm'), okButtonProps: { 'data-testid': 'confirm-ok' },
    onOk: async () => {
      try {
        const result = await api.post<GradingRun>('/api/supervision/credit/runs', {});
        message.success(t('supervision.credit.runDone', { subjects: result.subjects, changed: result.changed }));
        setRefresh((n) => n + 1);
      } catch (failure) { message.error((failure as Error).message); }
    },
  });
  return (
    <>
      <ListPage<CreditGrade, CreditList>
        embedded listId="supervision-credit" testId="credit-grades" tableTestId="credit-table" endpoint="/api/supervision/credit" rowKey={(row) => `${row.subjectKind}:${row.subject}`}
        refresh={refresh}
        extra={can('supervision.run') && <Button type="primary" onClick={run} data-testid="credit-run">{t('supervision.credit.run')}</Button>}
        filters={[
          { kind: 'enum', param: 'subjectType', label: t('supervision.credit.kind'), options: kinds.map((k) => ({ value: k, label: t(`supervision.case.subjectKind.${k}`) })), testId: 'credit-kind' },
          { kind: 'text', param: 'grade', label: t('supervision.credit.grade'), width: 180, testId: 'credit-grade-filter' },
        ]}
        header={(answer) => (
          <Space wrap data-testid="credit-counts" style={{ marginBottom: 12 }}>
            {kinds.map((kind) => (
              <span key={kind}>
                <Typography.Text strong>{t(`supervision.case.subjectKind.${kind}`)}：</Typography.Text>
                {answer.counts.filter((c) => c.subjectKind === kind).map((c) => (
                  <span key={c.grade} data-testid={`credit-count-${kind}-${c.grade}`}><CreditGradeTag grade={c.grade} label={`${c.gradeLabel} ${c.subjects}`} /></span>
                ))}
                {answer.counts.every((c) => c.subjectKind !== kind) && '—'}
              </span>
            ))}
          </Space>
        )}
        table={{ onRow: (row) => ({ onClick: () => setSubject({ kind: row.subjectKind, code: row.subject }), style: { cursor: 'pointer' } }) }}
        columns={[
          { key: 'subject', title: t('supervision.case.subject'), dataIndex: 'subject', width: 220 },
          { key: 'kind', title: t('supervision.credit.kind'), dataIndex: 'subjectKind', width: 120, render: (kind: SubjectKind) => t(`supervision.case.subjectKind.${kind}`) },
          { key: 'grade', title: t('supervision.credit.grade'), dataIndex: 'grade', width: 140, render: (grade: string, row) => <CreditGradeTag grade={grade} label={row.gradeLabel} /> },
          { key: 'reasons', title: t('supervision.credit.reasons'), dataIndex: 'reasons', render: (reasons: Reason[]) => reasons.map((r) => reasonText(t, r)).join('；') || '—' },
          { key: 'gradedOn', title: t('supervision.credit.gradedOn'), dataIndex: 'gradedOn', width: 120 },
        ]}
      />
      <SubjectDrawer subject={subject} onClose={() => setSubject(null)} />
    </>
  );
}

/** 检查计划: the graded subjects by the day they are due for inspection, their grade's interval after their last case. */
function InspectionPlanTab() {
  const { t } = useI18n();
  return (
    <ListPage<InspectionPlanItem, InspectionPlan>
      embedded listId="supervision-inspection-plan" testId="inspection-plan" tableTestId="inspection-plan-table" endpoint="/api/supervision/inspection-plan"
      rowKey={(row) => `${row.subjectKind}:${row.subject}`}
      filters={[
        { kind: 'enum', param: 'subjectType', label: t('supervision.credit.kind'), options: kinds.map((k) => ({ value: k, label: t(`supervision.case.subjectKind.${k}`) })), testId: 'plan-kind' },
        { kind: 'enum', param: 'due', label: t('supervision.plan.show'), options: [{ value: 'true', label: t('supervision.plan.dueOnly') }], testId: 'plan-due' },
      ]}
      header={(answer) => <Typography.Paragraph type="secondary">{t('supervision.plan.explain', { asOf: answer.asOf })}</Typography.Paragraph>}
      columns={[
        { key: 'subject', title: t('supervision.case.subject'), dataIndex: 'subject', width: 220 },
        { key: 'kind', title: t('supervision.credit.kind'), dataIndex: 'subjectKind', width: 120, render: (kind: SubjectKind) => t(`supervision.case.subjectKind.${kind}`) },
        { key: 'grade', title: t('supervision.credit.grade'), dataIndex: 'grade', width: 140, render: (grade: string, row) => <CreditGradeTag grade={grade} label={row.gradeLabel} /> },
        { key: 'interval', title: t('supervision.plan.interval'), dataIndex: 'intervalMonths', width: 140, align: 'right', render: (months: number) => t('supervision.plan.months', { months }) },
        { key: 'lastInspected', title: t('supervision.plan.lastInspected'), dataIndex: 'lastInspected', width: 140, render: (day: string | null) => day ?? t('supervision.plan.never') },
        {
          key: 'dueOn', title: t('supervision.plan.dueOn'), dataIndex: 'dueOn', width: 160,
          render: (day: string, row) => <span data-testid="plan-due-on" data-overdue={row.overdue}>{day}{row.overdue && <Tag color="red" style={{ marginLeft: 8 }}>{t('supervision.plan.overdue')}</Tag>}</span>,
        },
      ]}
    />
  );
}

interface ProposeValues { subject: string; subjectType?: SubjectKind; notifiedOn: Dayjs; reason: string }

function BlacklistTab() {
  const { t } = useI18n();
  const can = useCan();
  const [proposing, setProposing] = useState(false);
  const [removing, setRemoving] = useState<Listing | null>(null);
  const [refresh, setRefresh] = useState(0);
  const done = () => { setProposing(false); setRemoving(null); setRefresh((n) => n + 1); };
  const mayAct = can('supervision.case');
  return (
    <>
      <ListPage<Listing, ListingList>
        embedded listId="supervision-blacklist" testId="blacklist" tableTestId="blacklist-table" endpoint="/api/supervision/blacklist" rowKey="id" refresh={refresh}
        extra={mayAct && <Button type="primary" onClick={() => setProposing(true)} data-testid="blacklist-propose">{t('supervision.credit.propose')}</Button>}
        filters={[{
          kind: 'enum', param: 'show', label: t('supervision.credit.show'), testId: 'blacklist-show',
          options: (['in_force', 'proposed', 'all'] as const).map((value) => ({ value, label: t(`supervision.credit.show.${value}`) })),
        }]}
        columns={[
          { key: 'subject', title: t('supervision.case.subject'), dataIndex: 'subject', width: 200 },
          { key: 'kind', title: t('supervision.credit.kind'), dataIndex: 'subjectKind', width: 110, render: (kind: SubjectKind) => t(`supervision.case.subjectKind.${kind}`) },
          { key: 'status', title: t('common.status'), dataIndex: 'statusLabel', width: 140, render: (label: string, row) => <Tag color={row.inForce ? 'red' : 'default'} data-testid="blacklist-status" data-status={row.status}>{label}</Tag> },
          { key: 'term', title: t('supervision.credit.listedOn'), width: 200, render: (_: unknown, row: Listing) => (row.listedOn ? `${row.listedOn} – ${row.listedUntil}` : '—') },
          { key: 'reason', title: t('supervision.credit.listReason'), dataIndex: 'reason' },
          { key: 'notifiedOn', title: t('supervision.credit.notifiedOn'), dataIndex: 'notifiedOn', width: 120 },
          {
            key: 'actions', title: '', width: 120,
            render: (_: unknown, row: Listing) => mayAct && row.inForce && !row.removalItemId
              ? <Button size="small" onClick={() => setRemoving(row)} data-testid={`blacklist-remove-${row.id}`}>{t('supervision.credit.remove')}</Button>
              : row.removalItemId && row.status === 'listed' ? <Tag>{t('supervision.credit.removalWaiting')}</Tag> : null,
          },
        ]}
      />
      <FormModal<ProposeValues>
        title={t('supervision.credit.propose')} open={proposing} onClose={() => setProposing(false)} onDone={done} testId="blacklist-propose-form"
        fields={['subject', 'subjectType', 'notifiedOn', 'reason']} initialValues={{ notifiedOn: dayjs() }}
        confirm={(values) => t('supervision.credit.proposeConfirm', { subject: values.subject.trim().toUpperCase() })}
        onSubmit={(values) => api.post('/api/supervision/blacklist', {
          subject: values.subject.trim(), ...(values.subjectType ? { subjectType: values.subjectType } : {}), notifiedOn: values.notifiedOn.format('YYYY-MM-DD'), reason: values.reason.trim(),
        })}
      >
        <Typography.Paragraph type="secondary">{t('supervision.credit.proposeExplain')}</Typography.Paragraph>
        <Form.Item name="subject" label={t('supervision.case.subject')} rules={[{ required: true, whitespace: true, max: 40 }]}>
          <Input maxLength={40} data-testid="blacklist-subject" />
        </Form.Item>
        <Form.Item name="subjectType" label={t('supervision.credit.kind')} extra={t('supervision.credit.kindExplain')}>
          <Select allowClear data-testid="blacklist-kind" options={kinds.map((k) => ({ value: k, label: t(`supervision.case.subjectKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="notifiedOn" label={t('supervision.credit.notifiedOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(value) => value.isAfter(dayjs(), 'day')} data-testid="blacklist-notified-on" />
        </Form.Item>
        <Form.Item name="reason" label={t('supervision.credit.listReason')} rules={[{ required: true, whitespace: true, min: 2, max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="blacklist-reason" />
        </Form.Item>
      </FormModal>
      <FormModal<{ reason: string }>
        title={t('supervision.credit.remove')} open={removing !== null} onClose={() => setRemoving(null)} onDone={done} testId="blacklist-remove-form" fields={['reason']} danger
        confirm={() => t('supervision.credit.removeConfirm', { subject: removing?.subject ?? '' })}
        onSubmit={(values) => api.post(`/api/supervision/blacklist/${removing!.id}/removal`, { reason: values.reason.trim() })}
      >
        <Typography.Paragraph type="secondary">{t('supervision.credit.removeExplain')}</Typography.Paragraph>
        <Form.Item name="reason" label={t('supervision.credit.removeReason')} rules={[{ required: true, whitespace: true, min: 2, max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="blacklist-remove-reason" />
        </Form.Item>
      </FormModal>
    </>
  );
}

export default function CreditPage() {
  const { t } = useI18n();
  return (
    <Page title={t('supervision.credit.title')} testId="credit-page">
      <Tabs
        items={[
          { key: 'grades', label: t('supervision.credit.grades'), children: <GradesTab /> },
          { key: 'blacklist', label: t('supervision.credit.blacklist'), children: <BlacklistTab /> },
          { key: 'plan', label: t('supervision.plan.title'), children: <InspectionPlanTab /> },
        ]}
      />
    </Page>
  );
}
