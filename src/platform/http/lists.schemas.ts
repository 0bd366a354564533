/**
 * The query and the answer every list endpoint shares (./lists.ts does the work). TypeBox only: the web imports
 * their types.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { Nullable } from './schemas.ts';

/** The query of a list: `...listQuery(maxLimit)` inside its `Type.Object`. */
export const listQuery = (maxLimit = 200) => ({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: maxLimit })),
  after: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]+$', maxLength: 400, description: 'the `nextCursor` of the page before: the page after it (reaches every row)' })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, description: 'rows to skip (after `after` when both are given)' })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx'), Type.Literal('csv')], {
    description: 'json (default: a page); xlsx or csv: every matching row, without paging',
  })),
});

/** A page of a list: its items, how many match (exact up to 10,000), and the cursor of the next page. */
export const ListAnswer = <T extends TSchema>(item: T) => Type.Object({
  items: Type.Array(item),
  total: Type.Integer({ description: 'rows that match; with totalCapped, the count stopped here (more than 10,000 match)' }),
  totalCapped: Type.Boolean({ description: 'the count stopped at `total`: there are more' }),
  nextCursor: Nullable(Type.String({ description: 'pass as `after` for the next page; null on the last page' })),
});
