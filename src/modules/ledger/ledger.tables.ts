/** Kysely table types of the fund ledger (migrations/0004_ledger.sql). Money columns are bigint fen. */
import type { Generated } from 'kysely';

export const accountRoles = ['income_bank', 'special_bank', 'expense_bank', 'receivable', 'payable', 'investment', 'revenue', 'expense', 'fund_balance'] as const;
export type AccountRole = (typeof accountRoles)[number];
export const bankRoles: readonly AccountRole[] = ['income_bank', 'special_bank', 'expense_bank'];
export const entryKinds = ['business', 'manual', 'import', 'sweep', 'reversal'] as const;
export type EntryKind = (typeof entryKinds)[number];

declare module '../../platform/database.ts' {
  interface Tables {
    fund: { id: bigint; code: string; insurance: string; region_code: string; name: string; chart_year: number; created_at: Generated<Date> };
    fund_account: {
      fund_id: bigint; id: bigint; code: string; name: string; role: AccountRole; subject: string | null;
      bank_account_number: string | null; region_code: string; created_at: Generated<Date>;
    };
    fund_period: { fund_id: bigint; period: string; region_code: string; status: Generated<'open' | 'closed'>; closed_at: Date | null; closed_by: string | null };
    accounting_entry: {
      fund_id: bigint; id: bigint; region_code: string; period: string; value_date: string; kind: EntryKind; memo: string;
      source_type: string | null; source_id: string | null; idempotency_key: string; content_hash: string;
      reverses_entry_id: bigint | null; correction_of_period: string | null; line_count: number; total: bigint;
      created_by_id: bigint | null; created_by: string; approved_by_id: bigint | null; approved_by: string | null; posted_at: Generated<Date>;
      /** 凭证号: the entry's number in its fund and period, gap-free from 1 (0018_voucher_numbers.sql) */
      voucher_number: number;
    };
    voucher_counter: { fund_id: bigint; period: string; region_code: string; last_number: number };
    accounting_entry_line: {
      fund_id: bigint; entry_id: bigint; line_number: number; account_id: bigint; region_code: string; period: string; value_date: string;
      debit: bigint; credit: bigint; subject: string | null; reference: string | null; memo: string | null;
    };
    account_balance: { fund_id: bigint; account_id: bigint; period: string; region_code: string; debit: bigint; credit: bigint; line_count: bigint };
    bank_statement: {
      fund_id: bigint; id: bigint; account_id: bigint; region_code: string; format: 'csv' | 'camt053'; file_name: string; file_sha256: string;
      statement_reference: string | null; from_date: string; to_date: string; opening_balance: bigint; closing_balance: bigint;
      line_count: number; new_line_count: number; imported_at: Generated<Date>; imported_by: string;
    };
    bank_statement_line: {
      fund_id: bigint; id: bigint; statement_id: bigint; account_id: bigint; region_code: string; file_line: number; booking_date: string;
      value_date: string | null; amount: bigint; reference: string | null; counterparty_name: string | null; counterparty_account: string | null;
      description: string | null; bank_transaction_id: string | null; dedupe_key: string;
    };
    bank_match: {
      fund_id: bigint; id: bigint; account_id: bigint; region_code: string; method: 'auto' | 'manual'; rule: string | null;
      created_at: Generated<Date>; created_by: string; undone_at: Date | null; undone_by: string | null;
    };
    bank_match_member: {
      fund_id: bigint; match_id: bigint; member_number: number; region_code: string; bank_line_id: bigint | null;
      entry_id: bigint | null; line_number: number | null; active: Generated<boolean>;
    };
  }
}
