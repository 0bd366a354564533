/**
 * The detection rules double-enrolment, repeat-charging, identity-mismatch and bed-holding on a small demo city:
 * planted cases at each rule's edges are found, the clean ones beside them are not (precision and recall 1 — the
 * findings are exactly the planted ones), each with its evidence and amount; the CLI's `--rule` takes them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand } from '../../../platform/testing/cli.ts';
import { systemActor } from '../../../platform/actor.ts';
import { buildIdNumber } from '../../registry/demo/demo.calc.ts';
import { importClaimDetails } from '../external-data.service.ts';
import { listFindings, runDetection, type FindingView } from '../detection.service.ts';
import { registerSupervisionCommands } from '../supervision.cli.ts';
import { useDemoCity } from '../supervision.testing.ts';

const auditor = systemActor('supervision-test', ['supervision.import', 'supervision.run', 'supervision.read', 'personal.full.read']);
const { skip, db } = useDemoCity({ persons: 40, employers: 4, years: 1, seed: 21, password: 'demo-pass-2024', endMonth: '2026-06' });

const rows = async <T>(text: string, parameters: unknown[] = []) => (await db.owner.query(text, parameters)).rows as T[];
const csv = (lines: string[]) => ({ fileName: 'claims.csv', content: Buffer.from(['claimId,institution,idNumber,admitted,discharged,item,quantity,amount', ...lines].join('\n')) });
const findings = async (rule: string): Promise<FindingView[]> => (await listFindings(db.database, auditor, { rule }, { limit: 200 })).items;
const run = async (rule: string) => (await runDetection(db.database, auditor, { rule })).rules;
type Evidence = Record<string, unknown>;

/** Persons of the city with one open pension enrolment since before 2026 (and its employment open), by gender. */
async function enrolledPersons() {
  return rows<{ person_id: string; id_number: string; gender: string; employer_id: string; region_code: string }>(`
    select p.id as person_id, p.id_number, p.gender, min(n.employer_id)::text as employer_id, min(n.region_code) as region_code
      from person p join enrollment n on n.person_id = p.id and n.insurance = 'pension'
      join employment m on m.employer_id = n.employer_id and m.id = n.employment_id
     where n.valid_from <= '2026-01-01' and n.valid_to is null and m.separated_on is null
     group by p.id having count(*) = 1 order by p.id`);
}

let nextId = 990_000;
/** A second employment at `employerId` with an enrolment in `insurance` over [from, to]. */
async function enrolAgain(personId: string, employerId: string, regionCode: string, from: string, to: string | null, insurance = 'pension') {
  const employment = nextId++, enrolment = nextId++;
  await rows(`insert into employment (employer_id, id, person_id, region_code, hired_on, separated_on, separation_reason) values ($1, $2, $3, $4, $5, $6, $7)`,
    [employerId, employment, personId, regionCode, from, to, to ? 'voluntary' : null]);
  await rows(`insert into enrollment (employer_id, id, employment_id, person_id, insurance, region_code, valid_from, valid_to) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [employerId, enrolment, employment, personId, insurance, regionCode, from, to]);
  return String(enrolment);
}

test('double-enrolment: two employers\' pension enrolments over the same month\'s cut-off day (the 15th); a change of employer between two cut-off days is none', { skip }, async () => {
  const [longOverlap, fromCutoff, betweenCutoffs, medicalOnly] = await enrolledPersons();
  const otherEmployer = async (person: { employer_id: string }) =>
    (await rows<{ id: string; region_code: string }>(`select id::text as id, region_code from employer where id <> $1 order by id limit 1`, [person.employer_id]))[0];
  const second = await otherEmployer(longOverlap);
  const planted = await enrolAgain(longOverlap.person_id, second.id, second.region_code, '2026-03-01', '2026-06-30');
  const enrolElsewhere = async (person: { person_id: string; employer_id: string }, from: string, to: string | null, insurance?: string) => {
    const employer = await otherEmployer(person);
    return enrolAgain(person.person_id, employer.id, employer.region_code, from, to, insurance);
  };
  const edge = await enrolElsewhere(fromCutoff, '2026-04-15', '2026-05-20');        // covers 15 April and 15 May
  await enrolElsewhere(betweenCutoffs, '2026-04-16', '2026-05-14');                 // covers no 15th
  await enrolElsewhere(medicalOnly, '2026-03-01', null, 'medical');                 // not pension

  assert.deepEqual(await run('double-enrolment'), [{ rule: 'double-enrolment', findings: 2, amount: '0.00' }]);
  const found = await findings('double-enrolment');
  assert.deepEqual(found.map((f) => [f.subject, f.period, (f.evidence as Evidence).firstMonth, (f.evidence as Evidence).lastMonth, (f.evidence as Evidence).months]).sort(),
    [[longOverlap.id_number, '2026-03', '2026-03', '2026-06', 4], [fromCutoff.id_number, '2026-04', '2026-04', '2026-05', 2]].sort());
  const evidence = found.find((f) => f.subject === longOverlap.id_number)!.evidence as { enrolments: { enrolmentId: string; validFrom: string; validTo: string | null }[] };
  assert.equal(evidence.enrolments.length, 2);
  assert.ok(evidence.enrolments.some((e) => e.enrolmentId === planted && e.validFrom === '2026-03-01' && e.validTo === '2026-06-30'));
  assert.ok(evidence.enrolments.some((e) => e.enrolmentId !== planted && e.validTo === null));
  assert.ok((found.find((f) => f.subject === fromCutoff.id_number)!.evidence as typeof evidence).enrolments.some((e) => e.enrolmentId === edge));
});

test('repeat-charging: identical lines of one claim beyond the first; another quantity or amount is no repeat', { skip }, async () => {
  const [a, b, c, d] = await enrolledPersons();
  await importClaimDetails(db.database, auditor, csv([
    `R1,H990100101,${a.id_number},2026-05-03,2026-05-03,检查费,1,200.00`,
    `R1,H990100101,${a.id_number},2026-05-03,2026-05-03,检查费,1,200.00`,
    `R1,H990100101,${a.id_number},2026-05-03,2026-05-03,诊查费,1,20.00`,
    `R2,H990100101,${b.id_number},2026-05-04,2026-05-04,检查费,1,200.00`,
    `R2,H990100101,${b.id_number},2026-05-04,2026-05-04,检查费,2,400.00`,
    `R3,H990100102,${c.id_number},2026-06-01,2026-06-01,化验费,1,35.50`,
    `R3,H990100102,${c.id_number},2026-06-01,2026-06-01,化验费,1,35.50`,
    `R3,H990100102,${c.id_number},2026-06-01,2026-06-01,化验费,1,35.50`,
    `R4,H990100102,${d.id_number},2026-06-02,2026-06-02,检查费,1,200.00`,
    `R4,H990100102,${d.id_number},2026-06-02,2026-06-02,检查费,1,210.00`,
    `R5,H990100102,${d.id_number},2026-06-03,2026-06-03,检查费,1,200.00`,
  ]));
  assert.deepEqual(await run('repeat-charging'), [{ rule: 'repeat-charging', findings: 2, amount: '271.00' }]);
  const found = await findings('repeat-charging');
  assert.deepEqual(found.map((f) => [f.subject, (f.evidence as Evidence).claimId, f.period, f.amount]).sort(),
    [['H990100101', 'R1', '2026-05', '200.00'], ['H990100102', 'R3', '2026-06', '71.00']]);
  assert.deepEqual((found.find((f) => (f.evidence as Evidence).claimId === 'R3')!.evidence as Evidence).repeats,
    [{ item: '化验费', quantity: '1.00', amount: '35.50', times: 3, lines: [7, 8, 9] }]);
});

test('identity-mismatch: items for one sex charged to the other, newborn items to a patient of 1 year or more on admission', { skip }, async () => {
  const persons = await enrolledPersons();
  const woman = persons.find((p) => p.gender === 'F')!, man = persons.find((p) => p.gender === 'M')!;
  // a baby of the registry, born 2025-05-10: 0 years old on 2026-05-09, 1 year old on 2026-05-10
  const baby = buildIdNumber(woman.region_code.slice(0, 6), '2025-05-10', 996);
  await rows(`insert into person (id, id_number, name, gender, birth_date, region_code) values (990500, $1, '测试婴儿', 'F', '2025-05-10', $2)`, [baby, woman.region_code]);
  await importClaimDetails(db.database, auditor, csv([
    `S1,H990100201,${man.id_number},2026-05-01,2026-05-02,产科检查,1,80.00`,
    `S1,H990100201,${man.id_number},2026-05-01,2026-05-02,诊查费,1,20.00`,
    `S2,H990100201,${woman.id_number},2026-05-01,2026-05-02,阴道分娩,1,1500.00`,
    `S3,H990100201,${woman.id_number},2026-05-05,2026-05-05,前列腺特异抗原测定,1,60.00`,
    `S4,H990100201,${man.id_number},2026-05-06,2026-05-06,前列腺特异抗原测定,1,60.00`,
    `S5,H990100202,${baby},2026-05-09,2026-05-09,新生儿听力筛查,1,45.00`,
    `S6,H990100202,${baby},2026-05-10,2026-05-10,新生儿听力筛查,1,45.00`,
    `S7,H990100202,${woman.id_number},2026-05-11,2026-05-11,新生儿听力筛查,1,45.00`,
  ]));
  assert.deepEqual(await run('identity-mismatch'), [{ rule: 'identity-mismatch', findings: 4, amount: '230.00' }]);
  const found = await findings('identity-mismatch');
  assert.deepEqual(found.map((f) => [(f.evidence as Evidence).claimId, f.subject, f.amount]).sort(),
    [['S1', 'H990100201', '80.00'], ['S3', 'H990100201', '60.00'], ['S6', 'H990100202', '45.00'], ['S7', 'H990100202', '45.00']]);
  const s1 = found.find((f) => (f.evidence as Evidence).claimId === 'S1')!.evidence as Evidence;
  assert.deepEqual(s1.items, [{ item: '产科检查', quantity: '1.00', amount: '80.00', line: 2, word: '产科', allowedSex: 'F' }]);
  assert.equal((s1.patient as Evidence).sex, 'M');
  const s6 = found.find((f) => (f.evidence as Evidence).claimId === 'S6')!.evidence as Evidence;
  assert.deepEqual(s6.patient, { sex: 'F', birthDate: '2025-05-10', ageOnAdmission: 1 });
  assert.deepEqual(s6.items, [{ item: '新生儿听力筛查', quantity: '1.00', amount: '45.00', line: 8, word: '新生儿', ageFrom: 0, ageBelow: 1 }]);
});

test('bed-holding: stays of 3 days or more with fewer than 0.5 claim lines a day; exactly 0.5, or a shorter stay, is none', { skip }, async () => {
  const [a, b, c, d] = await enrolledPersons();
  await importClaimDetails(db.database, auditor, csv([
    `B1,H990100301,${a.id_number},2026-04-01,2026-04-05,床位费,4,240.00`,
    `B2,H990100301,${b.id_number},2026-04-01,2026-04-05,床位费,4,240.00`,
    `B2,H990100301,${b.id_number},2026-04-01,2026-04-05,护理费,4,100.00`,
    `B3,H990100302,${c.id_number},2026-04-10,2026-04-13,床位费,3,180.00`,
    `B4,H990100302,${d.id_number},2026-04-10,2026-04-12,床位费,2,120.00`,
  ]));
  const [result] = await run('bed-holding');
  const found = (await findings('bed-holding')).filter((f) => ['H990100301', 'H990100302'].includes(f.subject));
  assert.deepEqual(found.map((f) => [(f.evidence as Evidence).claimId, f.amount]).sort(), [['B1', '240.00'], ['B3', '180.00']]);
  // the other tests' claims are day cases or two-day stays: none of them is bed-holding
  assert.equal(result.findings, 2);
  const b3 = found.find((f) => (f.evidence as Evidence).claimId === 'B3')!.evidence as Evidence;
  assert.deepEqual([b3.inpatientDays, b3.claimLines, b3.linesPerDay, b3.linesPerDayBelow, b3.shortestStay], [3, 1, '0.33', '0.5', 3]);

  const cli = await runCommand(registerSupervisionCommands, ['supervision', 'run', '--rule', 'bed-holding', '--format', 'json']);
  assert.equal(cli.code, 0, cli.stderr);
  assert.deepEqual((JSON.parse(cli.stdout) as { rules: unknown }).rules, [{ rule: 'bed-holding', findings: 2, amount: '420.00' }]);
});
