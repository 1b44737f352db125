import type { DatabaseSync, SQLInputValue } from 'node:sqlite';

/** What the messages and contents tables share: rows keyed by SID, in insertion order (seq), listed a page at a time. */

/** Where a page starts: an offset (Page=N), or just before/after a known row (PageToken). */
export type Cursor = { offset: number } | { beforeSeq: number } | { afterSeq: number };

/** Newest first, as Twilio lists; `after` pages walk towards newer rows, so they are read oldest first and reversed. */
function pageClause(cursor: Cursor, limit: number): { where: string; order: string; params: SQLInputValue[]; reverse: boolean } {
	if ('beforeSeq' in cursor) return { where: 'seq < ?', order: 'seq DESC LIMIT ?', params: [cursor.beforeSeq, limit], reverse: false };
	if ('afterSeq' in cursor) return { where: 'seq > ?', order: 'seq ASC LIMIT ?', params: [cursor.afterSeq, limit], reverse: true };
	return { where: '1 = 1', order: 'seq DESC LIMIT ? OFFSET ?', params: [limit, cursor.offset], reverse: false };
}

export class SidTable<Row, T> {
	constructor(
		protected readonly db: DatabaseSync,
		private readonly table: string,
		/** The columns fromRow reads, comma-separated. */
		protected readonly columns: string,
		private readonly fromRow: (row: Row) => T,
		/** The inverse of fromRow: a row's values in `columns` order. */
		private readonly toValues: (item: T) => SQLInputValue[],
	) {}

	insert(item: T): void {
		const values = this.toValues(item);
		this.db.prepare(`INSERT INTO ${this.table} (${this.columns}) VALUES (${values.map(() => '?').join(', ')})`).run(...values);
	}

	get(sid: string): T | undefined {
		const row = this.db.prepare(`SELECT ${this.columns} FROM ${this.table} WHERE sid = ?`).get(sid);
		return row ? this.fromRow(row as unknown as Row) : undefined;
	}

	/** The row's position, for page tokens. */
	seq(sid: string): number | undefined {
		const row = this.db.prepare(`SELECT seq FROM ${this.table} WHERE sid = ?`).get(sid) as { seq: number } | undefined;
		return row?.seq;
	}

	/** Whether a row was deleted. */
	delete(sid: string): boolean {
		return this.db.prepare(`DELETE FROM ${this.table} WHERE sid = ?`).run(sid).changes > 0;
	}

	/** One page of the rows matching `where` (SQL with ? placeholders for `params`), newest first. */
	protected page(where: string, params: SQLInputValue[], cursor: Cursor, limit: number): T[] {
		const page = pageClause(cursor, limit);
		const rows = this.db
			.prepare(`SELECT ${this.columns} FROM ${this.table} WHERE ${where} AND ${page.where} ORDER BY ${page.order}`)
			.all(...params, ...page.params) as unknown as Row[];
		const items = rows.map(this.fromRow);
		return page.reverse ? items.reverse() : items;
	}
}
