/** 政策参数 policy parameters: the UI's words, `key: [中文, English]`. */
import type { Messages } from '../../platform/module.ts';

export const messages = {
  'menu.params': ['政策参数', 'Policy parameters'],

  'params.title': ['政策参数', 'Policy parameters'],
  'params.date': ['生效日期', 'As of'],
  'params.path': ['参数', 'Parameter'],
  'params.description': ['说明', 'Description'],
  'params.value': ['取值', 'Value'],
  'params.unit': ['单位', 'Unit'],
  'params.since': ['起始日期', 'Since'],
  'params.reference': ['政策依据', 'Legal reference'],
  'params.history': ['历史取值', 'Value history'],
  'params.filter': ['按参数名筛选', 'Filter by name'],
  'params.override': ['地区覆盖', 'Regional override'],
  'params.notInForce': ['该日期无有效取值', 'No value in force on that date'],
} satisfies Messages;
