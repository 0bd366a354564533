/** The frame of the public pages (no sign-in): one narrow column that reads on a phone, the disclosure's title on top. */
import type { ReactNode } from 'react';
import { Layout, Typography } from 'antd';
import { useI18n } from '../../i18n.ts';

export function PublicFrame({ children, testId }: { children: ReactNode; testId: string }) {
  const { t } = useI18n();
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <Layout.Header style={{ background: '#1558d6', padding: '0 16px', height: 'auto', lineHeight: 1.4 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: '14px 0' }}>{t('public.title')}</Typography.Title>
      </Layout.Header>
      <Layout.Content style={{ width: '100%', maxWidth: 860, margin: '0 auto', padding: 12 }} data-testid={testId}>
        {children}
      </Layout.Content>
    </Layout>
  );
}
