/**
 * 稽核发现: the detection rules' findings in scope (GET /api/supervision/findings — rule, subject as the API gives it:
 * ID numbers masked for staff without personal.full.read, period, amount, legal basis, status), filtered by rule and
 * status; a finding opens in a drawer with its evidence rows. Holders of supervision.run start a run of one rule or
 * all (POST /api/supervision/runs, a job, after a confirmation) and follow it with <JobProgress>; the list reloads
 * when it finishes. A finding taken up in a case shows the case's number (a link to its page); holders of
 * supervision.case open a case (立案) from an open finding's row, with the reason, after which the case page opens. The
 * subject's credit grade and blacklist status show beside it (the API's `credit`).
 */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App, Button, Descriptions, Drawer, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { PlayCircleOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useLoad, useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { formatDateTime } from '../../format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { Money } from '../../components/Money.tsx';
import { JobProgress, type Job } from '../../components/JobProgress.tsx';
import { CreditGradeTag } from './CreditPage.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { EvidenceView } from './EvidenceView.tsx';
import { FindingStatusTag, useRuleLabel } from './shared.tsx';
import type { CaseDetail, DetectionRule, Finding, FindingList, FindingStatus, OpenCaseBody } from './types.ts';

const statuses: FindingStatus[] = ['open', 'case', 'dismissed'];

function FindingDetail({ finding }: { finding: Finding }) {
  const { t } = useI18n();
  const ruleLabel = useRuleLabel();
  const regionLabel = useRegionLabel();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="finding-detail">
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t('supervision.rule')}>{ruleLabel(finding.rule, finding.title)}</Descriptions.Item>
        <Descriptions.Item label={t('common.status')}><FindingStatusTag status={finding.status} /></Descriptions.Item>
        <Descriptions.Item label={t('supervision.findings.subject')}><span data-testid="finding-subject">{finding.subject}</span></Descriptions.Item>
        <Descriptions.Item label={t('common.region')}>{regionLabel(finding.regionCode)}</Descriptions.Item>
        <Descriptions.Item label={t('supervision.findings.period')}>{finding.period}</Descriptions.Item>
        <Descriptions.Item label={t('supervision.findings.amount')}><Money value={finding.amount} testId="finding-amount" /></Descriptions.Item>
        <Descriptions.Item label={t('supervision.legalBasis')} span={2}>{finding.legalBasis}</Descriptions.Item>
        <Descriptions.Item label={t('supervision.findings.foundAt')} span={2}>{formatDateTime(finding.foundAt)}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t('supervision.findings.evidence')}</Typography.Title>
      <EvidenceView evidence={finding.evidence} />
    </Space>
  );
}

/** 立案 from one finding: the reason, then the case (waiting for its sign-off) opens. */
function OpenCaseForm({ finding, onClose, onDone }: { finding: Finding; onClose(): void; onDone(opened: CaseDetail): void }) {
  const { t } = useI18n();
  const ruleLabel = useRuleLabel();
  return (
    <FormModal<{ reason: string }, CaseDetail>
      title={t('supervision.case.openTitle')} open onClose={onClose} onDone={onDone} testId="open-case-form" fields={['reason', 'findingIds']}
      onSubmit={(values) => api.post<CaseDetail>('/api/supervision/cases', { findingIds: [finding.id], reason: values.reason.trim() } satisfies OpenCaseBody)}
    >
      <Typography.Paragraph>{`${ruleLabel(finding.rule, finding.title)} · ${finding.subject} · ${finding.period} · ${finding.amount}`}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('supervision.case.openExplain')}</Typography.Paragraph>
      <Form.Item name="reason" label={t('supervision.case.reason')} rules={[{ required: true, whitespace: true, min: 2, max: 500 }]}>
        <Input.TextArea rows={3} maxLength={500} data-testid="open-case-reason" />
      </Form.Item>
    </FormModal>
  );
}

/** 运行稽核规则: one rule or all, after a confirmation; the job followed until it finishes. */
function RunRules({ rules, onFinished }: { rules: readonly DetectionRule[]; onFinished(): void }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const ruleLabel = useRuleLabel();
  const [rule, setRule] = useState<string>();
  const [job, setJob] = useState<Job>();
  const start = () => modal.confirm({
    title: t('supervision.run.title'), okText: t('supervision.run.button'), okButtonProps: { 'data-testid': 'confirm-ok' },
    content: <><Typography.Paragraph>{rule ? ruleLabel(rule) : t('supervision.run.allRules')}</Typography.Paragraph>{t('supervision.run.confirm')}</>,
    onOk: async () => {
      try { setJob(await api.post<Job>('/api/supervision/runs', rule ? { rule } : {})); } catch (failure) { message.error((failure as Error).message); }
    },
  });
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: job ? 16 : 0 }}>
      <Space>
        <Select
          allowClear placeholder={t('supervision.run.allRules')} value={rule} onChange={setRule} style={{ width: 260 }} data-testid="run-rule"
          options={rules.map((r) => ({ value: r.rule, label: ruleLabel(r.rule, r.title) }))}
        />
        <Button type="primary" icon={<PlayCircleOutlined />} onClick={start} data-testid="run-rules">{t('supervision.run.button')}</Button>
      </Space>
      {job && <JobProgress job={job} testId="run-progress" onFinished={onFinished} />}
    </Space>
  );
}

export default function FindingsPage() {
  const { t } = useI18n();
  const can = useCan();
  const ruleLabel = useRuleLabel();
  const rules = useLoad((signal) => api.get<DetectionRule[]>('/api/supervision/rules', undefined, signal), []);
  const [refresh, setRefresh] = useState(0);
  const [open, setOpen] = useState<Finding>();
  const [opening, setOpening] = useState<Finding>();
  const navigate = useNavigate();
  return (
    <ListPage<Finding, FindingList>
      listId="supervision-findings" title={t('supervision.findings.title')} testId="findings-page" tableTestId="findings-table" endpoint="/api/supervision/findings"
      rowKey="id" refresh={refresh}
      filters={[
        { kind: 'enum', param: 'rule', label: t('supervision.rule'), options: (rules.data ?? []).map((r) => ({ value: r.rule, label: ruleLabel(r.rule, r.title) })), testId: 'findings-rule' },
        { kind: 'enum', param: 'status', label: t('common.status'), options: statuses.map((status) => ({ value: status, label: t(`supervision.status.${status}`) })), testId: 'findings-status' },
      ]}
      header={can('supervision.run') ? <RunRules rules={rules.data ?? []} onFinished={() => setRefresh((n) => n + 1)} /> : undefined}
      table={{ onRow: (finding) => ({ onClick: () => setOpen(finding), style: { cursor: 'pointer' } }) }}
      columns={[
        { key: 'rule', title: t('supervision.rule'), dataIndex: 'rule', width: 200, render: (rule: string, finding) => <Typography.Link data-testid="finding-link">{ruleLabel(rule, finding.title)}</Typography.Link> },
        { key: 'subject', title: t('supervision.findings.subject'), dataIndex: 'subject', width: 200 },
        {
          key: 'credit', title: t('supervision.credit.grade'), dataIndex: 'credit', width: 150,
          render: (credit: Finding['credit']) => (credit ? <span data-testid="finding-credit" data-watched={credit.watched}>
            {credit.grade && <CreditGradeTag grade={credit.grade} label={credit.gradeLabel} />}{credit.listed && <Tag color="red">{t('supervision.credit.blacklist')}</Tag>}
          </span> : '—'),
        },
        { key: 'period', title: t('supervision.findings.period'), dataIndex: 'period', width: 100 },
        { key: 'amount', title: t('supervision.findings.amount'), dataIndex: 'amount', width: 150, money: true },
        { key: 'legalBasis', title: t('supervision.legalBasis'), dataIndex: 'legalBasis', minWidth: 240, ellipsis: { showTitle: true } },
        { key: 'status', title: t('common.status'), dataIndex: 'status', width: 110, render: (status: FindingStatus) => <FindingStatusTag status={status} /> },
        {
          key: 'case', title: t('supervision.findings.case'), dataIndex: 'case', width: 130,
          render: (found: Finding['case'], finding) => (found
            ? <Link to={`/supervision/cases/${found.id}`} onClick={(event) => event.stopPropagation()} data-testid="finding-case">{found.number}</Link>
            : finding.status === 'open' && can('supervision.case') && (
              <Button size="small" onClick={(event) => { event.stopPropagation(); setOpening(finding); }} data-testid="finding-open-case">{t('supervision.findings.open')}</Button>
            )),
        },
      ]}
    >
      <Drawer title={t('supervision.findings.detail')} width={820} open={open !== undefined} onClose={() => setOpen(undefined)} destroyOnHidden>
        {open && <FindingDetail finding={open} />}
      </Drawer>
      {opening && <OpenCaseForm finding={opening} onClose={() => setOpening(undefined)} onDone={(opened) => navigate(`/supervision/cases/${opened.id}`)} />}
    </ListPage>
  );
}
