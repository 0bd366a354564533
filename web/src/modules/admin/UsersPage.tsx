/**
 * 用户: named accounts only (no shared accounts) on the list page — by username or name, role, region and status in
 * the URL, paged by the API's cursor, 用户名单 exported whole (no password in it); a generated password is shown once;
 * disabling and resetting a password ask first (a reset password must be changed at the next sign-in).
 */
import { useState } from 'react';
import { App, Button, Form, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useLoad, useRegions } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useMe } from '../../session.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { roles, type Agency, type CreatedUser, type List, type User } from '../../types.ts';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { searchEmployers, searchPersons } from '../registry/index.ts';

const statuses: Array<User['status']> = ['active', 'disabled'];

interface Values { username: string; displayName: string; password?: string; role: User['role']; regionCode?: string; agencyId?: string; employerId?: string; personId?: string }

export default function UsersPage() {
  const { t } = useI18n();
  const me = useMe();
  const { message, modal } = App.useApp();
  const agencies = useLoad((signal) => api.get<List<Agency>>('/api/agencies', undefined, signal), []);
  const regions = useRegions();
  const regionName = new Map(regions.map((r) => [r.code, r.name]));
  const agencyName = new Map((agencies.data?.items ?? []).map((a) => [a.id, a.name]));
  const [creating, setCreating] = useState(false);
  const [changes, setChanges] = useState(0);
  const reload = () => setChanges((n) => n + 1);

  const setStatus = async (user: User, status: User['status']) => {
    try {
      await api.post(`/api/users/${user.id}/status`, { status });
      message.success(t('common.saved'));
      reload();
    } catch (error) { message.error((error as Error).message); }
  };

  const resetPassword = async (user: User) => {
    try {
      const result = await api.post<CreatedUser>(`/api/users/${user.id}/password`, {});
      showPassword(t('user.passwordReset'), result);
    } catch (error) { message.error((error as Error).message); }
  };

  const created = (result: CreatedUser) => {
    reload();
    if (!result.generatedPassword) { message.success(t('user.created')); return; }
    showPassword(t('user.created'), result);
  };

  const showPassword = (title: string, result: CreatedUser) => {
    modal.info({
      title: `${title}: ${result.user.username}`, width: 480, okText: t('common.close'),
      content: (
        <>
          <p>{t('user.generatedPassword')}</p>
          <Typography.Paragraph copyable code style={{ fontSize: 18 }} data-testid="generated-password">{result.generatedPassword}</Typography.Paragraph>
        </>
      ),
    });
  };

  return (
    <ListPage<User>
      listId="users" title={t('menu.users')} testId="users-page" tableTestId="users-table" endpoint="/api/users" rowKey="id" refresh={changes} exports={['xlsx', 'csv']}
      table={{ size: 'small' }}
      extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="users-create">{t('user.create')}</Button>}
      filters={[
        { kind: 'text', param: 'q', label: t('user.search'), width: 240, testId: 'users-search' },
        { kind: 'enum', param: 'role', label: t('user.role'), options: roles.map((value) => ({ value, label: t(`role.${value}`) })), testId: 'users-role' },
        { kind: 'region', param: 'region', label: t('common.region') },
        { kind: 'enum', param: 'status', label: t('common.status'), options: statuses.map((value) => ({ value, label: t(`user.status.${value}`) })), testId: 'users-status' },
      ]}
      columns={[
        { key: 'username', title: t('user.username'), dataIndex: 'username' },
        { key: 'displayName', title: t('user.displayName'), dataIndex: 'displayName' },
        { key: 'role', title: t('user.role'), dataIndex: 'role', render: (role: string) => <Tag color="blue">{t(`role.${role}`)}</Tag> },
        { key: 'region', title: t('common.region'), dataIndex: 'regionCode', render: (code: string | null) => (code ? `${regionName.get(code) ?? ''}（${code}）` : t('common.national')) },
        { key: 'agency', title: t('user.agency'), dataIndex: 'agencyId', render: (id: string | null) => (id ? agencyName.get(id) ?? id : '') },
        { key: 'status', title: t('common.status'), dataIndex: 'status', width: 90, render: (s: string) => <Tag color={s === 'active' ? 'green' : 'default'}>{t(`user.status.${s}`)}</Tag> },
        {
          key: 'actions', title: t('common.actions'), width: 190,
          render: (_: unknown, user: User) => user.id === me.id ? null : (
            <Space size="small">
              {user.status === 'active' ? (
                <Popconfirm title={t('user.disableConfirm')} okButtonProps={{ danger: true }} onConfirm={() => setStatus(user, 'disabled')}>
                  <Button size="small" danger>{t('user.disable')}</Button>
                </Popconfirm>
              ) : <Button size="small" onClick={() => setStatus(user, 'active')}>{t('user.enable')}</Button>}
              <Popconfirm title={t('user.resetConfirm')} onConfirm={() => resetPassword(user)}>
                <Button size="small" data-testid={`users-reset-${user.username}`}>{t('user.resetPassword')}</Button>
              </Popconfirm>
            </Space>
          ),
        },
      ]}
    >
      <FormModal<Values, CreatedUser>
        title={t('user.create')} open={creating} onClose={() => setCreating(false)} testId="user-form" initialValues={{ role: 'operator' }}
        fields={['username', 'displayName', 'password', 'role', 'regionCode', 'agencyId', 'employerId', 'personId']}
        onSubmit={(values) => api.post<CreatedUser>('/api/users', {
          ...values, password: values.password || undefined, regionCode: values.regionCode ?? null, agencyId: values.agencyId ?? null,
          employerId: values.role === 'employer' ? values.employerId ?? null : null, personId: values.role === 'person' ? values.personId ?? null : null,
        })}
        onDone={created}
      >
        <Form.Item name="username" label={t('user.username')} rules={[{ required: true, min: 3, max: 64 }]}><Input autoComplete="off" /></Form.Item>
        <Form.Item name="displayName" label={t('user.displayName')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
        <Form.Item name="password" label={t('user.password')} extra={t('user.passwordHint')}><Input.Password autoComplete="new-password" /></Form.Item>
        <Form.Item name="role" label={t('user.role')} rules={[{ required: true }]}>
          <Select options={roles.map((value) => ({ value, label: t(`role.${value}`) }))} />
        </Form.Item>
        <Form.Item noStyle dependencies={['role']}>
          {({ getFieldValue }) => {
            const role = getFieldValue('role') as User['role'];
            return (
              <>
                <Form.Item name="regionCode" label={t('common.region')} rules={[{ required: role !== 'admin', message: t('user.regionRequired') }]}><RegionSelect /></Form.Item>
                {role === 'employer' && (
                  <Form.Item name="employerId" label={t('role.employer')} rules={[{ required: true }]}>
                    <RemoteSelect search={searchEmployers} placeholder={t('employment.searchEmployer')} />
                  </Form.Item>
                )}
                {role === 'person' && (
                  <Form.Item name="personId" label={t('role.person')} rules={[{ required: true }]}>
                    <RemoteSelect search={searchPersons} placeholder={t('employment.searchPerson')} />
                  </Form.Item>
                )}
                {/* the form's binding of the new account: staff to an agency, portal accounts to their employer or person */}
                {role !== 'employer' && role !== 'person' && (
                  <Form.Item name="agencyId" label={t('user.agency')}>
                    <Select allowClear showSearch optionFilterProp="label" options={(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.name}（${a.regionName ?? a.regionCode}）` }))} />
                  </Form.Item>
                )}
              </>
            );
          }}
        </Form.Item>
      </FormModal>
    </ListPage>
  );
}
