import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { rowFault, type RowFault } from '../../platform/http/row-faults.ts';
import { ACTIVITY_CHANNELS } from './facts.ts';

/*
 * The two files core banking sends, row by row: what each column must hold, and how checked rows
 * are written (one statement over column arrays per batch; a row for a key already held replaces
 * it, and is counted as a correction).
 */

export type { RowFault };

export const fault = (line: number, column: string | null, en: string, zh: string): RowFault => rowFault(line, column, en, zh);

/** A kind of file: its columns (the first is always `customer`), how many of them make a row's key, the check of a row, the write. */
export type FactRowSpec = {
  columns: readonly string[];
  keyLength: number;
  /** The values of the columns after `customer`, as text for the database, or the row's faults. */
  check(raw: Record<string, string>, line: number, today: string): { values: string[] } | { faults: RowFault[] };
  /** Writes column arrays (in `columns` order); returns how many rows replaced one already held. */
  write(trx: Transaction<Database>, columns: string[][], importId: string): Promise<number>;
};

const AMOUNT = /^\d{1,16}(\.\d{1,2})?$/;

function dayFault(raw: string, column: string, line: number, today: string): RowFault | null {
  const day = raw.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
    return fault(line, column, `"${raw}" is not a date (YYYY-MM-DD).`, `“${raw}”不是日期（YYYY-MM-DD）。`);
  }
  if (day > today) return fault(line, column, `${day} has not happened yet.`, `${day} 尚未到来。`);
  return null;
}

function amountFault(raw: string, column: string, line: number): RowFault | null {
  return AMOUNT.test(raw.trim()) ? null : fault(line, column, `"${raw}" is not an amount in yuan of 0 or more, with at most 2 decimals.`, `“${raw}”不是非负金额（元，最多两位小数）。`);
}

/** A customer's activity on a day through a channel: how many transactions and their amount (money moved either way). */
export const ACTIVITY_SPEC: FactRowSpec = {
  columns: ['customer', 'day', 'channel', 'transactions', 'amount'],
  keyLength: 3,
  check(raw, line, today) {
    const faults: RowFault[] = [];
    const day = dayFault(raw.day ?? '', 'day', line, today);
    if (day) faults.push(day);
    const channel = (raw.channel ?? '').trim().toLowerCase();
    if (!(ACTIVITY_CHANNELS as readonly string[]).includes(channel)) faults.push(fault(line, 'channel', `"${raw.channel}" is not a channel; use one of ${ACTIVITY_CHANNELS.join(', ')}.`, `“${raw.channel}”不是渠道；应为 ${ACTIVITY_CHANNELS.join('、')} 之一。`));
    const transactions = (raw.transactions ?? '').trim();
    if (!/^\d{1,9}$/.test(transactions)) faults.push(fault(line, 'transactions', `"${raw.transactions}" is not a whole number of 0 or more.`, `“${raw.transactions}”不是非负整数。`));
    const amount = amountFault(raw.amount ?? '', 'amount', line);
    if (amount) faults.push(amount);
    if (faults.length) return { faults };
    if (Number(transactions) === 0 && /[1-9]/.test(raw.amount!)) return { faults: [fault(line, 'amount', 'A day without transactions has no amount.', '交易笔数为 0 时交易金额应为 0。')] };
    return { values: [raw.day!.trim(), channel, transactions, raw.amount!.trim()] };
  },
  async write(trx, [customers, days, channels, transactions, amounts], importId) {
    const result = await sql<{ replaced: boolean }>`
      insert into customer_activity_day (customer_id, day, channel, transactions, amount, import_id)
      select customer, day, channel, transactions, amount, ${importId}
      from unnest(${customers}::text[], ${days}::date[], ${channels}::text[], ${transactions}::int[], ${amounts}::numeric[]) as r(customer, day, channel, transactions, amount)
      on conflict (customer_id, day, channel) do update set transactions = excluded.transactions, amount = excluded.amount, import_id = excluded.import_id
      returning (xmax <> 0) as replaced`.execute(trx);
    return result.rows.filter((r) => r.replaced).length;
  },
};

/** A customer's assets under management at the end of a day: a core-banking snapshot. */
export const BALANCE_SPEC: FactRowSpec = {
  columns: ['customer', 'as_of', 'aum'],
  keyLength: 2,
  check(raw, line, today) {
    const faults = [dayFault(raw.as_of ?? '', 'as_of', line, today), amountFault(raw.aum ?? '', 'aum', line)].filter((f): f is RowFault => f !== null);
    return faults.length ? { faults } : { values: [raw.as_of!.trim(), raw.aum!.trim()] };
  },
  async write(trx, [customers, days, aums], importId) {
    const result = await sql<{ replaced: boolean }>`
      insert into customer_balance (customer_id, as_of, aum, import_id)
      select customer, as_of, aum, ${importId}
      from unnest(${customers}::text[], ${days}::date[], ${aums}::numeric[]) as r(customer, as_of, aum)
      on conflict (customer_id, as_of) do update set aum = excluded.aum, import_id = excluded.import_id
      returning (xmax <> 0) as replaced`.execute(trx);
    return result.rows.filter((r) => r.replaced).length;
  },
};
