/**
 * Printing a page (window.print): the menu, the header, the page tabs and anything marked `NO_PRINT` (toolbars,
 * buttons, the pager) stay off the paper; the content takes the whole width.
 */
export const NO_PRINT = 'sifund-no-print';

export const PRINT_CSS = `@media print {
  .ant-layout-sider, .ant-layout-header, .ant-layout-footer, .ant-breadcrumb, .ant-tabs-nav, .ant-pagination, .${NO_PRINT} { display: none !important; }
  .ant-layout-content { margin: 0 !important; padding: 0 !important; }
  .ant-card { border: none !important; box-shadow: none !important; }
  .ant-table-selection-column { display: none !important; }
}`;
