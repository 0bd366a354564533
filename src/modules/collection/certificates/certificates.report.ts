/** A certificate as a report: JSON is the issued certificate, the PDF its printed page (certificates.page.ts). */
import { reportSection, type Report } from '../../../platform/reports/report.ts';
import { certificateKindNames } from './certificates.calc.ts';
import { certificatePage } from './certificates.page.ts';
import type { IssuedCertificate } from './certificates.service.ts';

/** 社会保险法 第七十四条: the agency records each person's rights and provides the record free of charge. */
const LEGAL_BASIS = '《中华人民共和国社会保险法》第七十四条';

interface MonthsRow { insurance: string; monthsPaid: number }

export function certificateReport(certificate: IssuedCertificate): Report<IssuedCertificate> {
  const { facts } = certificate;
  const rows: MonthsRow[] = facts.kind === 'participation'
    ? facts.insurances.map((item) => ({ insurance: item.insurance, monthsPaid: item.monthsPaid }))
    : facts.years.flatMap((year) => year.insurances.map((item) => ({ insurance: `${year.year} ${item.insurance}`, monthsPaid: item.monthsPaid })));
  return {
    title: certificateKindNames[certificate.kind], titleEnglish: certificate.kind === 'participation' ? 'Participation certificate' : 'Personal rights record',
    // never an ID number in a file name: the certificate's id
    fileName: `${certificateKindNames[certificate.kind]}-${certificate.id}`,
    parameters: [{ label: '姓名', value: facts.person.name }, { label: '出具日期', value: facts.issuedOn }, { label: '验证码', value: certificate.verificationCode }],
    legalBasis: LEGAL_BASIS, data: certificate, printablePage: () => certificatePage(certificate),
    sections: [reportSection<MonthsRow>({
      name: '实缴月数', title: '实缴月数 Months paid', main: true, rows,
      columns: [
        { key: 'insurance', title: '险种', titleEnglish: 'Insurance', unit: 'text', width: 20 },
        { key: 'monthsPaid', title: '实缴月数', titleEnglish: 'Months paid', unit: 'count' },
      ],
    })],
  };
}
