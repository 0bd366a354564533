/**
 * One insured person: identity, then tabs (the open one in the URL, `?tab=`): employments and enrollments, contribution
 * bases, the contribution record (bill lines by month, paid or not) and the individual account's statement of a year
 * for holders of accounts.read, the tabs other modules add (the benefits module's 待遇: retirement month, awards,
 * overpayments, claims), and the change history. The ID and phone numbers come masked; 显示完整 asks the
 * server for them in full (personal.full.read; the view is audited).
 */
import { Suspense, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { Static } from '@sinclair/typebox';
import { App, Button, Descriptions, InputNumber, Space, Table, Tabs, Tag, Tooltip } from 'antd';
import { CheckOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useLoad, useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { formatDateTime, formatYuan } from '../../format.ts';
import { Page } from '../../components/Page.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { AuditTable } from '../../components/AuditTable.tsx';
import { useCan } from '../../permissions.ts';
import { Money, moneyColumn } from '../../components/Money.tsx';
import type { AccountStatement, ContributionRecord } from '../../../../src/modules/collection/collection.schemas.ts';
import type { BaseDeclaration, Employment, Enrollment, Person, PersonDetail } from '../../types.ts';
import { EmploymentFormModal } from './EmploymentFormModal.tsx';
import { SeparateModal, type SeparationTarget } from './SeparateModal.tsx';
import { BaseDeclarationModal } from './BaseDeclarationModal.tsx';
import { webModules } from '../../modules.ts';

/** The person page's tabs that other modules add, in their order (platform/module.ts PersonTab). */
const personTabs = webModules.flatMap((module) => module.personTabs ?? []).sort((a, b) => a.order - b.order);

type Contribution = Static<typeof ContributionRecord>['items'][number];
type Statement = Static<typeof AccountStatement>;
type Credit = Statement['credits'][number];

const thisYear = () => new Date().getFullYear();

function YearInput({ value, onChange, testId }: { value: number; onChange(year: number): void; testId: string }) {
  const { t } = useI18n();
  return <Space style={{ marginBottom: 12 }}>{t('base.year')}<InputNumber value={value} min={1990} max={thisYear() + 1} precision={0} onChange={(year) => year && onChange(year)} data-testid={testId} style={{ width: 110 }} /></Space>;
}

/** 缴费记录: the person's bill lines of a year, month by month and insurance by insurance, paid or not. */
function ContributionsTab({ personId }: { personId: string }) {
  const { t } = useI18n();
  const [year, setYear] = useState(thisYear);
  const record = useLoad((signal) => api.get<Static<typeof ContributionRecord>>(`/api/persons/${encodeURIComponent(personId)}/contributions`, { from: `${year}-01`, to: `${year}-12` }, signal), [personId, year]);
  return (
    <>
      <YearInput value={year} onChange={setYear} testId="person-contributions-year" />
      {record.error ? <ApiErrorView error={record.error} retry={record.reload} /> : (
        <Table<Contribution>
          rowKey={(c) => `${c.billNumber}-${c.insurance}`} size="small" loading={record.loading} dataSource={record.data?.items ?? []} pagination={false}
          locale={{ emptyText: t('portal.noContributions') }} data-testid="person-contributions"
          columns={[
            { title: t('portal.billPeriod'), dataIndex: 'period', width: 100 },
            { title: t('employment.employer'), dataIndex: 'employerName' },
            { title: t('portal.billNumber'), dataIndex: 'billNumber', width: 180 },
            { title: t('enrollment.insurance'), dataIndex: 'insurance', width: 110, render: (insurance: string) => t(`insurance.${insurance}`) },
            moneyColumn<Contribution>(t('portal.base'), 'base', 120),
            moneyColumn<Contribution>(t('portal.employeeAmount'), 'employeeAmount', 120),
            moneyColumn<Contribution>(t('portal.employerAmount'), 'employerAmount', 120),
            { title: t('portal.paid'), dataIndex: 'paid', width: 90, render: (paid: boolean) => (paid ? <Tag color="green">{t('portal.paidYes')}</Tag> : <Tag color="red">{t('portal.paidNo')}</Tag>) },
          ]}
        />
      )}
    </>
  );
}

/** 个人账户: the pension individual account's statement of a year (opening, credits, interest, closing). */
function AccountTab({ personId }: { personId: string }) {
  const { t } = useI18n();
  const [year, setYear] = useState(thisYear);
  const statement = useLoad((signal) => api.get<Statement>(`/api/persons/${encodeURIComponent(personId)}/account`, { year }, signal), [personId, year]);
  const data = statement.data;
  return (
    <>
      <YearInput value={year} onChange={setYear} testId="person-account-year" />
      {statement.error ? <ApiErrorView error={statement.error} retry={statement.reload} /> : (
        <>
          <Descriptions bordered size="small" column={4} style={{ marginBottom: 12 }} data-testid="person-account">
            <Descriptions.Item label={t('portal.opening')}><Money value={data?.opening} /></Descriptions.Item>
            <Descriptions.Item label={t('portal.creditsTotal')}><Money value={data?.creditsTotal} /></Descriptions.Item>
            <Descriptions.Item label={data?.rate ? t('portal.interestAt', { rate: data.rate }) : t('portal.interest')}><Money value={data?.interest} /></Descriptions.Item>
            <Descriptions.Item label={t('portal.closing')}><strong><Money value={data?.closing} testId="person-account-closing" /></strong></Descriptions.Item>
          </Descriptions>
          <Table<Credit>
            rowKey={(credit, index) => `${credit.billNumber ?? credit.kind}-${index}`} size="small" loading={statement.loading} dataSource={data?.credits ?? []} pagination={false}
            data-testid="person-account-credits"
            columns={[
              { title: t('portal.billPeriod'), dataIndex: 'period', width: 110 },
              { title: t('employment.employer'), dataIndex: 'employerName' },
              { title: t('portal.billNumber'), dataIndex: 'billNumber' },
              moneyColumn<Credit>(t('portal.credited'), 'amount', 140),
            ]}
          />
        </>
      )}
    </>
  );
}

export default function PersonDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const regionLabel = useRegionLabel();
  const can = useCan();
  const writer = can('registry.employment.write');
  const detail = useLoad((signal) => api.get<PersonDetail>(`/api/persons/${encodeURIComponent(id)}`, undefined, signal), [id]);
  const [hiring, setHiring] = useState(false);
  const [separating, setSeparating] = useState<SeparationTarget>();
  const [declaring, setDeclaring] = useState(false);
  // The full numbers of this person, once asked for (kept apart: reloading the record after a change is no new view).
  const [revealed, setRevealed] = useState<Person>();
  const [search, setSearch] = useSearchParams();

  if (detail.error) return <ApiErrorView error={detail.error} retry={detail.reload} />;
  if (!detail.data) return <PageSpinner />;
  const { person, employments, enrollments, baseDeclarations, history } = detail.data;
  const employerOf = new Map(employments.map((e) => [e.id, e]));
  const done = (text: string) => () => { message.success(text); detail.reload(); };
  const full = revealed?.id === person.id ? revealed : undefined;
  const shown = full ?? person;

  const reveal = async () => {
    try {
      setRevealed((await api.get<PersonDetail>(`/api/persons/${encodeURIComponent(person.id)}`, { reveal: '1' })).person);
      detail.reload();
    } catch (error) { message.error((error as Error).message); }
  };

  const confirmBase = async (base: BaseDeclaration) => {
    try {
      await api.post(`/api/base-declarations/${base.employerId}/${base.id}/confirm`);
      done(t('base.confirmed'))();
    } catch (error) { message.error((error as Error).message); }
  };

  const employmentsTab = (
    <>
      {writer && (
        <Space style={{ marginBottom: 12 }}>
          <Button icon={<PlusOutlined />} onClick={() => setHiring(true)} data-testid="person-hire">{t('employment.create')}</Button>
        </Space>
      )}
      <Table<Employment>
        rowKey="id" size="small" dataSource={employments} pagination={false} data-testid="person-employments"
        columns={[
          { title: t('employment.employer'), dataIndex: 'employerName', render: (name: string, e) => <Link to={`/employers/${e.employerId}`}>{name}</Link> },
          { title: t('employer.creditCode'), dataIndex: 'creditCode' },
          { title: t('employment.hiredOn'), dataIndex: 'hiredOn', width: 120 },
          { title: t('employment.separatedOn'), dataIndex: 'separatedOn', width: 120, render: (d: string | null) => d ?? <Tag color="green">{t('employment.current')}</Tag> },
          { title: t('employment.reason'), dataIndex: 'separationReason', render: (r: string | null) => (r ? t(`separation.${r}`) : '') },
          {
            title: t('common.actions'), key: 'actions', width: 100,
            render: (_, e) => !e.separatedOn && writer && (
              <Button size="small" danger onClick={() => setSeparating({ employerId: e.employerId, employmentId: e.id, hiredOn: e.hiredOn, label: `${person.name} @ ${e.employerName}` })}>
                {t('employment.separate')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );

  const enrollmentsTable = (
    <Table<Enrollment>
      rowKey="id" size="small" dataSource={enrollments} pagination={false} data-testid="person-enrollments" title={() => t('person.enrollments')}
      columns={[
        { title: t('enrollment.insurance'), dataIndex: 'insurance', render: (i: string) => <Tag color="blue">{t(`insurance.${i}`)}</Tag> },
        { title: t('employment.employer'), dataIndex: 'employmentId', render: (employmentId: string) => employerOf.get(employmentId)?.employerName ?? employmentId },
        { title: t('enrollment.validFrom'), dataIndex: 'validFrom' },
        { title: t('enrollment.validTo'), dataIndex: 'validTo', render: (d: string | null) => d ?? '—' },
      ]}
    />
  );

  const basesTab = (
    <>
      {can('registry.base.declare') && (
        <Space style={{ marginBottom: 12 }}>
          <Button icon={<PlusOutlined />} onClick={() => setDeclaring(true)} disabled={employments.length === 0} data-testid="person-declare-base">{t('base.declare')}</Button>
        </Space>
      )}
      <Table<BaseDeclaration>
        rowKey="id" size="small" dataSource={baseDeclarations} pagination={false} data-testid="person-bases"
        columns={[
          { title: t('base.year'), dataIndex: 'year', width: 80 },
          { title: t('base.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
          { title: t('employment.employer'), dataIndex: 'employerName' },
          { title: t('base.monthlyWage'), dataIndex: 'monthlyWage', align: 'right', render: formatYuan },
          { title: t('base.declaredAt'), dataIndex: 'declaredAt', render: formatDateTime },
          { title: t('base.reason'), dataIndex: 'reason' },
          {
            title: t('base.confirmedAt'), dataIndex: 'employeeConfirmedAt',
            render: (at: string | null, base) => (at ? <Tag color="green">{formatDateTime(at)}</Tag> : (
              <Space><Tag color="orange">{t('base.unconfirmed')}</Tag>{can('registry.base.confirm') && <Button size="small" icon={<CheckOutlined />} onClick={() => confirmBase(base)}>{t('base.confirm')}</Button>}</Space>
            )),
          },
        ]}
      />
    </>
  );

  return (
    <Page title={`${person.name} · ${shown.idNumber}`} testId="person-detail" extra={<Link to="/persons"><Button>{t('common.back')}</Button></Link>}>
      <Descriptions bordered size="small" column={3} data-testid="person-descriptions">
        <Descriptions.Item label={t('person.idNumber')}>
          <span data-testid="person-id-number">{shown.idNumber}</span>
          {!full && can('personal.full.read') && (
            <Tooltip title={t('person.revealHint')}>
              <Button type="link" size="small" icon={<EyeOutlined />} onClick={reveal} data-testid="person-reveal">{t('person.reveal')}</Button>
            </Tooltip>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('person.name')}><span data-testid="person-name">{person.name}</span></Descriptions.Item>
        <Descriptions.Item label={t('person.gender')}>{t(`gender.${person.gender}`)}</Descriptions.Item>
        <Descriptions.Item label={t('person.birthDate')}>{person.birthDate}</Descriptions.Item>
        <Descriptions.Item label={t('person.hukouType')}>{person.hukouType ? t(`hukou.${person.hukouType}`) : ''}</Descriptions.Item>
        <Descriptions.Item label={t('common.region')}>{regionLabel(person.regionCode, person.regionName)}</Descriptions.Item>
        <Descriptions.Item label={t('person.occupation')}>{person.occupation ?? ''}</Descriptions.Item>
        <Descriptions.Item label={t('person.phone')}><span data-testid="person-phone">{shown.phone ?? ''}</span></Descriptions.Item>
      </Descriptions>
      <Tabs
        style={{ marginTop: 16 }} data-testid="person-tabs" activeKey={search.get('tab') ?? 'employments'}
        onChange={(tab) => setSearch((previous) => { const next = new URLSearchParams(previous); if (tab === 'employments') next.delete('tab'); else next.set('tab', tab); return next; }, { replace: true })}
        items={[
          { key: 'employments', label: <span data-testid="tab-employments">{t('person.employments')} ({employments.length})</span>, children: <>{employmentsTab}<div style={{ marginTop: 16 }}>{enrollmentsTable}</div></> },
          { key: 'bases', label: <span data-testid="tab-bases">{t('person.bases')} ({baseDeclarations.length})</span>, children: basesTab },
          ...(can('accounts.read') ? [
            { key: 'contributions', label: <span data-testid="tab-contributions">{t('portal.contributions')}</span>, children: <ContributionsTab personId={person.id} /> },
            { key: 'account', label: <span data-testid="tab-account">{t('portal.account')}</span>, children: <AccountTab personId={person.id} /> },
          ] : []),
          // the tabs other modules add (待遇): loaded when opened
          ...personTabs.filter((tab) => can(tab.permission)).map((tab) => ({
            key: tab.key, label: <span data-testid={`tab-${tab.key}`}>{t(tab.label)}</span>,
            children: <Suspense fallback={<PageSpinner />}><tab.component personId={person.id} /></Suspense>,
          })),
          { key: 'history', label: <span data-testid="tab-history">{t('person.history')} ({history.length})</span>, children: <AuditTable records={history} testId="person-history" showEntity={false} /> },
        ]}
      />
      <EmploymentFormModal open={hiring} onClose={() => setHiring(false)} onCreated={done(t('employment.created'))} personId={person.id} />
      <SeparateModal target={separating} onClose={() => setSeparating(undefined)} onDone={done(t('employment.separated'))} />
      <BaseDeclarationModal open={declaring} onClose={() => setDeclaring(false)} onDone={done(t('base.declared'))} personId={person.id} employments={employments} />
    </Page>
  );
}
