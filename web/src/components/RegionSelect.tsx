import { useMemo, type CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import { useRegions } from '../hooks.ts';
import type { Region } from '../types.ts';

interface Node { value: string; title: string; children: Node[] }

export function regionTree(regions: Region[]): Node[] {
  const nodes = new Map(regions.map((region) => [region.code, { value: region.code, title: `${region.name}（${region.code}）`, children: [] as Node[] }]));
  const roots: Node[] = [];
  for (const region of [...regions].sort((a, b) => a.code.localeCompare(b.code))) {
    const node = nodes.get(region.code)!;
    const parent = region.parentCode ? nodes.get(region.parentCode) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** A region picker over the user's region subtree (GET /api/regions is already scoped by the API). */
export function RegionSelect(props: { value?: string; onChange?: (value: string | undefined) => void; placeholder?: string; allowClear?: boolean; style?: CSSProperties; testId?: string }) {
  const regions = useRegions();
  const tree = useMemo(() => regionTree(regions), [regions]);
  return (
    <TreeSelect
      value={props.value} onChange={props.onChange} treeData={tree} showSearch treeNodeFilterProp="title" allowClear={props.allowClear ?? true}
      placeholder={props.placeholder} style={{ minWidth: 200, ...props.style }} treeDefaultExpandAll data-testid={props.testId} popupMatchSelectWidth={false}
    />
  );
}
