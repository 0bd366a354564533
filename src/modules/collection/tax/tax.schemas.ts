/** Answers of the tax-model routes (/api/tax/…). TypeBox only. */
import { Type } from '@sinclair/typebox';
import { Money, Month } from '../../../platform/http/schemas.ts';
import { ImportAnswer } from '../../../platform/imports/imports.schemas.ts';

/** A tax bureau's collection file previewed: what applying would record. */
export const TaxCollectionsPreview = ImportAnswer({
  fileName: Type.String(), rows: Type.Integer(), toRecord: Type.Integer(), alreadyRecorded: Type.Integer(), amount: Money,
  employers: Type.Integer({ description: 'employers whose bills the new rows settle' }),
});

/** A tax bureau's collection file applied (or applied before: alreadyImported, its first answer). */
export const TaxCollectionsResult = ImportAnswer({
  fileName: Type.String(), rows: Type.Integer(), recorded: Type.Integer(), alreadyRecorded: Type.Integer(), amount: Money,
  payments: Type.Integer({ description: 'payments (source tax) made: one per employer, period and day' }),
});

const ReconciliationItem = Type.Object({
  creditCode: Type.String(), idNumber: Type.String(), insurance: Type.String(), assessed: Money, collected: Money,
  difference: Money,
});

export const TaxReconciliation = Type.Object({
  period: Month, region: Type.String(), regions: Type.Array(Type.String(), { description: 'the regions in the tax collection model on the period' }),
  assessedNotCollected: Type.Array(ReconciliationItem, { description: '已核未征: less collected than assessed; difference = what is missing' }),
  collectedNotAssessed: Type.Array(ReconciliationItem, { description: '已征未核: more collected than assessed (or nothing assessed); difference = the excess' }),
});
