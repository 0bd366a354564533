/** A link of the header with a count on it (待办, 预警): the count's badge, an icon and label, a hint on hover. */
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Badge, Space, Tooltip } from 'antd';

/** `count` undefined while it loads: the link shows no count and carries no data-count yet. */
export function HeaderBadge({ to, testId, count, icon, label, hint }: { to: string; testId: string; count: number | undefined; icon: ReactNode; label: string; hint: string }) {
  return (
    <Tooltip title={hint}>
      <Link to={to} data-testid={testId} data-count={count}>
        <Badge count={count ?? 0} size="small" offset={[6, -2]} data-testid={`${testId}-badge`}>
          <Space size={4}>{icon}{label}</Space>
        </Badge>
      </Link>
    </Tooltip>
  );
}
