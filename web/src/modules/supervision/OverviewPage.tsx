/**
 * 监督总览: for a month, the control points of the register (GET /api/supervision/controls: risk grade, the control
 * its grade requires, the levels, counts fired and sampled), the open findings by rule (the findings list's count per
 * rule, each linking to the list), and the month's audit samples (GET /api/supervision/samples). Holders of
 * supervision.run take the sample (POST /api/supervision/samples) after a confirmation that shows the seed: the
 * month as a number unless they choose another, so the same seed draws the same sample again. Holders of
 * supervision.case review each sampled operation (POST /api/supervision/samples/:id/reviews): 核查无误, or 发现问题 with
 * a note, after a confirmation — a review is a record and is not changed afterwards.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, Modal, Radio, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { formatDateTime } from '../../format.ts';
import { Page } from '../../components/Page.tsx';
import { MonthPicker } from '../../components/MonthPicker.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { kindText } from '../../platform/signoff/shared.tsx';
import { GradeTag, useRuleLabel } from './shared.tsx';
import type { AuditSample, AuditSamples, ControlPoint, ControlRegister, DetectionRule, FindingList, SampleBody, SampledOperation, SampleReviewBody } from './types.ts';

/** The seed a sample takes when none is given: the month as a number (2026-07 → 202607), as the API defaults it. */
const monthSeed = (month: string) => Number(month.replace('-', ''));

function ControlsCard({ month }: { month: string }) {
  const { t, lang } = useI18n();
  const register = useLoad((signal) => api.get<ControlRegister>('/api/supervision/controls', { month }, signal), [month]);
  return (
    <Card size="small" title={t('supervision.controls.title')} data-testid="controls-card">
      <Typography.Paragraph type="secondary">{t('supervision.controls.explain')}</Typography.Paragraph>
      {register.error ? <ApiErrorView error={register.error} retry={register.reload} /> : (
        <Table<ControlPoint>
          size="small" rowKey="operation" loading={register.loading} dataSource={register.data?.controls} pagination={false} data-testid="controls-table" scroll={{ x: 'max-content' }}
          columns={[
            { key: 'operation', title: t('supervision.controls.operation'), render: (_, point) => <span data-testid="control-operation">{lang === 'en' ? point.labelEn : point.label}</span> },
            { key: 'grade', title: t('supervision.controls.grade'), width: 100, render: (_, point) => <GradeTag grade={point.grade} /> },
            {
              key: 'controls', title: t('supervision.controls.rule'),
              render: (_, point) => (
                <Space size={4} wrap>
                  {point.controls.map((control) => <Tag key={control}>{t(`supervision.control.${control}`)}</Tag>)}
                  {point.allLevelsFrom && <Typography.Text type="secondary">{t('supervision.controls.allLevelsFrom', { amount: point.allLevelsFrom })}</Typography.Text>}
                </Space>
              ),
            },
            { key: 'levels', title: t('supervision.controls.levels'), render: (_, point) => (point.checkPoint ? t('supervision.controls.byChecks') : `${point.kindLabel}：${point.levels.join(' → ')}`) },
            { key: 'basis', title: t('supervision.controls.basis'), dataIndex: 'basis', width: 260, ellipsis: { showTitle: true } },
            { key: 'fired', title: t('supervision.controls.fired'), dataIndex: 'fired', width: 90, align: 'right', render: (n: number) => <span data-testid="control-fired">{n}</span> },
            { key: 'overridden', title: t('supervision.controls.overridden'), dataIndex: 'overridden', width: 90, align: 'right', render: (n: number, point) => <span data-testid="control-overridden">{point.checkPoint ? n : '—'}</span> },
            { key: 'sampled', title: t('supervision.controls.sampled'), dataIndex: 'sampled', width: 90, align: 'right', render: (n: number) => <span data-testid="control-sampled">{n}</span> },
            { key: 'irregular', title: t('supervision.controls.irregular'), dataIndex: 'irregular', width: 90, align: 'right', render: (n: number) => <span data-testid="control-irregular">{n ? <Typography.Text type="danger">{n}</Typography.Text> : n}</span> },
          ]}
        />
      )}
    </Card>
  );
}

/** Open findings per rule: the findings list's count for each rule (limit 1: only the total is read). */
function OpenFindingsCard() {
  const { t } = useI18n();
  const ruleLabel = useRuleLabel();
  const counts = useLoad(async (signal) => {
    const rules = await api.get<DetectionRule[]>('/api/supervision/rules', undefined, signal);
    return Promise.all(rules.map(async (rule) => {
      const answer = await api.get<FindingList>('/api/supervision/findings', { rule: rule.rule, status: 'open', limit: 1 }, signal);
      return { ...rule, open: answer.total, capped: answer.totalCapped };
    }));
  }, []);
  return (
    <Card size="small" title={t('supervision.openFindings.title')} data-testid="open-findings-card" extra={<Link to="/supervision/findings?status=open">{t('supervision.openFindings.all')}</Link>}>
      {counts.error ? <ApiErrorView error={counts.error} retry={counts.reload} /> : (
        <Row gutter={[16, 16]}>
          {(counts.data ?? []).map((rule) => (
            <Col key={rule.rule} flex="1 0 180px">
              <Link to={`/supervision/findings?rule=${encodeURIComponent(rule.rule)}&status=open`}>
                <Card size="small" hoverable>
                  <Statistic title={ruleLabel(rule.rule, rule.title)} value={rule.capped ? `${rule.open}+` : rule.open} valueStyle={{ color: rule.open > 0 ? '#cf1322' : undefined }} />
                  <span data-testid={`open-findings-${rule.rule}`} hidden>{rule.open}</span>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}

/** 抽样核查 of one sampled operation: the verdict and, when irregular, what was found; confirmed before it is recorded. */
function ReviewModal({ sample, operation, onClose, onReviewed }: { sample: AuditSample; operation: SampledOperation; onClose: () => void; onReviewed: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [verdict, setVerdict] = useState<SampleReviewBody['verdict']>('conforming');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const missingNote = verdict === 'irregular' && note.trim() === '';
  const save = async () => {
    setBusy(true);
    try {
      await api.post<AuditSample>(`/api/supervision/samples/${sample.id}/reviews`, { position: operation.position, verdict, ...(note.trim() ? { note: note.trim() } : {}) } satisfies SampleReviewBody);
      onReviewed();
    } catch (failure) {
      message.error((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open title={t('supervision.review.title', { position: operation.position, subject: operation.subject })} okText={t('supervision.review.save')} onOk={save} onCancel={onClose}
      okButtonProps={{ loading: busy, disabled: missingNote, 'data-testid': 'review-ok' } as never} destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group value={verdict} onChange={(event) => setVerdict(event.target.value)} data-testid="review-verdict">
          <Radio value="conforming">{t('supervision.review.conforming')}</Radio>
          <Radio value="irregular">{t('supervision.review.irregular')}</Radio>
        </Radio.Group>
        <Input.TextArea value={note} maxLength={500} showCount rows={3} onChange={(event) => setNote(event.target.value)}
          placeholder={t(verdict === 'irregular' ? 'supervision.review.noteRequired' : 'supervision.review.noteOptional')} data-testid="review-note" />
        <Typography.Text type="secondary">{t('supervision.review.final')}</Typography.Text>
      </Space>
    </Modal>
  );
}

function SampleTable({ sample, onReviewed }: { sample: AuditSample; onReviewed: () => void }) {
  const { t, lang } = useI18n();
  const can = useCan();
  const [reviewing, setReviewing] = useState<SampledOperation | null>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="audit-sample" data-seed={sample.seed}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('supervision.sample.seed')}><span data-testid="sample-seed">{sample.seed}</span></Descriptions.Item>
        <Descriptions.Item label={t('supervision.sample.size')}>{sample.size}</Descriptions.Item>
        <Descriptions.Item label={t('supervision.sample.population')}><span data-testid="sample-population">{sample.population}</span></Descriptions.Item>
        <Descriptions.Item label={t('common.region')}>{sample.region || t('common.national')}</Descriptions.Item>
        <Descriptions.Item label={t('supervision.sample.takenBy')}>{sample.takenBy}</Descriptions.Item>
        <Descriptions.Item label={t('supervision.sample.takenAt')}>{formatDateTime(sample.takenAt)}</Descriptions.Item>
        <Descriptions.Item label={t('supervision.review.progress')}>
          <span data-testid="sample-progress">{t('supervision.review.progressText', { reviewed: sample.progress.reviewed, total: sample.sample.length, irregular: sample.progress.irregular })}</span>
        </Descriptions.Item>
      </Descriptions>
      <Table<SampledOperation>
        size="small" rowKey={(row) => `${row.kind}/${row.id}`} dataSource={sample.sample} pagination={false} data-testid="sample-items"
        columns={[
          { key: 'kind', title: t('supervision.sample.kind'), render: (_, operation) => kindText(t, lang, operation.kind, operation.kindLabel) },
          { key: 'id', title: t('supervision.sample.item'), dataIndex: 'id', render: (id: string) => <Link to={`/approvals/${id}`}>{id}</Link> },
          { key: 'subject', title: t('supervision.sample.subject'), dataIndex: 'subject' },
          { key: 'by', title: t('supervision.sample.by'), dataIndex: 'by' },
          { key: 'at', title: t('supervision.sample.at'), dataIndex: 'at', render: formatDateTime },
          {
            key: 'review', title: t('supervision.review.column'),
            render: (_, operation) => operation.review ? (
              <Space direction="vertical" size={0} data-testid="sample-review">
                <Tag color={operation.review.verdict === 'irregular' ? 'red' : 'green'}>{t(`supervision.review.${operation.review.verdict}`)}</Tag>
                {operation.review.note && <Typography.Text>{operation.review.note}</Typography.Text>}
                <Typography.Text type="secondary">{operation.review.reviewedBy} · {formatDateTime(operation.review.reviewedAt)}</Typography.Text>
              </Space>
            ) : can('supervision.case')
              ? <Button size="small" onClick={() => setReviewing(operation)} data-testid="sample-review-open">{t('supervision.review.open')}</Button>
              : <Typography.Text type="secondary">{t('supervision.review.pending')}</Typography.Text>,
          },
        ]}
      />
      {reviewing && <ReviewModal sample={sample} operation={reviewing} onClose={() => setReviewing(null)} onReviewed={() => { setReviewing(null); onReviewed(); }} />}
    </Space>
  );
}

function SampleCard({ month }: { month: string }) {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const samples = useLoad((signal) => api.get<AuditSamples>('/api/supervision/samples', { month }, signal), [month]);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [seed, setSeed] = useState<number | null>(null);
  const [size, setSize] = useState<number | null>(null);
  const chosenSeed = seed ?? monthSeed(month);
  const take = async () => {
    setBusy(true);
    try {
      await api.post<AuditSample>('/api/supervision/samples', { month, seed: chosenSeed, ...(size ? { size } : {}) } satisfies SampleBody);
      setAsking(false);
      samples.reload();
    } catch (failure) {
      message.error((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const taken = samples.data?.items ?? [];
  return (
    <Card
      size="small" title={t('supervision.sample.title')} data-testid="sample-card"
      extra={can('supervision.run') && <Button icon={<ExperimentOutlined />} onClick={() => setAsking(true)} data-testid="sample-take">{t('supervision.sample.take')}</Button>}
    >
      <Typography.Paragraph type="secondary">{t('supervision.sample.explain')}</Typography.Paragraph>
      {samples.error ? <ApiErrorView error={samples.error} retry={samples.reload} />
        : taken.length === 0 ? <Empty description={t('supervision.sample.none', { month })} data-testid="sample-none" />
          : taken.map((sample) => <SampleTable key={sample.id} sample={sample} onReviewed={samples.reload} />)}
      <Modal
        open={asking} title={t('supervision.sample.takeTitle', { month })} okText={t('supervision.sample.take')} onOk={take} onCancel={() => setAsking(false)}
        okButtonProps={{ loading: busy, 'data-testid': 'confirm-ok' } as never} destroyOnHidden
      >
        <Typography.Paragraph data-testid="sample-confirm">{t('supervision.sample.takeConfirm', { month, seed: chosenSeed })}</Typography.Paragraph>
        <Form layout="inline">
          <Form.Item label={t('supervision.sample.seed')}>
            <InputNumber value={chosenSeed} min={0} max={4_294_967_295} precision={0} onChange={(value) => setSeed(value)} data-testid="sample-seed-input" />
          </Form.Item>
          <Form.Item label={t('supervision.sample.size')}>
            <InputNumber value={size} min={1} max={1000} precision={0} placeholder={t('supervision.sample.sizeDefault')} onChange={(value) => setSize(value)} style={{ width: 160 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

export default function OverviewPage() {
  const { t } = useI18n();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  return (
    <Page title={t('supervision.overview.title')} testId="supervision-overview" extra={<><Typography.Text>{t('supervision.month')}</Typography.Text><MonthPicker value={month} onChange={setMonth} testId="overview-month" /></>}>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <OpenFindingsCard />
        <ControlsCard month={month} />
        <SampleCard month={month} />
      </Space>
    </Page>
  );
}
