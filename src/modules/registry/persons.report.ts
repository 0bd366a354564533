/** 参保人员名册 as a report: the persons list exported (every match), ID numbers masked as the list shows them. */
import { reportSection, type Report } from '../../platform/reports/report.ts';
import type { searchPersons } from './registry.service.ts';

type PersonList = Awaited<ReturnType<typeof searchPersons>>;
type PersonRow = PersonList['items'][number];

const genderNames: Record<PersonRow['gender'], string> = { M: '男', F: '女' };
const hukouNames: Record<string, string> = { urban: '城镇', rural: '农村' };

export function personsReport(list: PersonList, filter: { q?: string }): Report<PersonList> {
  const rows = list.items.map((person) => ({ ...person, gender: genderNames[person.gender], hukouType: person.hukouType ? hukouNames[person.hukouType] ?? person.hukouType : '' }));
  return {
    title: '参保人员名册', titleEnglish: 'Insured persons', fileName: '参保人员名册',
    parameters: [{ label: '查询条件', value: filter.q?.trim() ? '按身份证号或姓名' : '全部' }, { label: '人数', value: String(list.items.length) }],
    legalBasis: '《中华人民共和国个人信息保护法》第五十一条：公民身份号码去标识化展示（privacy.list_masking）',
    data: list,
    sections: [
      reportSection<(typeof rows)[number]>({
        name: '参保人员', rows,
        columns: [
          { key: 'idNumber', title: '公民身份号码', titleEnglish: 'ID number', unit: 'text', width: 22 },
          { key: 'name', title: '姓名', titleEnglish: 'Name', unit: 'text', width: 14 },
          { key: 'gender', title: '性别', titleEnglish: 'Gender', unit: 'text', width: 6 },
          { key: 'hukouType', title: '户籍性质', titleEnglish: 'Hukou type', unit: 'text', width: 10 },
          { key: 'regionName', title: '所属区划', titleEnglish: 'Region', unit: 'text', width: 16 },
        ],
      }),
    ],
  };
}
