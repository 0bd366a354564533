import type { ReactNode } from 'react';
import { Card, Space, Typography } from 'antd';

/** A page: a title with actions on the right, then the content on a card. */
export function Page({ title, extra, children, testId }: { title: ReactNode; extra?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card data-testid={testId} title={<Typography.Title level={4} style={{ margin: 0 }}>{title}</Typography.Title>} extra={extra && <Space>{extra}</Space>}>
      {children}
    </Card>
  );
}
