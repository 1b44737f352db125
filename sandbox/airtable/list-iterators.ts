import { describeValue, unprocessable } from './errors';
import { newId } from './ids';

/**
 * Offset paging as Airtable does it: the first page fixes the full ordered list of ids in an
 * in-memory iterator, and the opaque offset "itr…/rec…" names the iterator and the next record,
 * so later pages are stable and never repeat a record. Iterators live 10 minutes after last use.
 */

const ITERATOR_TTL_MS = 10 * 60_000;
const MAX_ITERATORS = 1_000;
const OFFSET = /^(itr[A-Za-z0-9]{14})\/(rec[A-Za-z0-9]{14})$/;

interface ListIterator {
	tableId: string;
	ids: string[];
	expires: number;
}

export class ListIterators {
	private readonly iterators = new Map<string, ListIterator>();

	/**
	 * The iterator and position an offset names. Throws 422 INVALID_OFFSET_VALUE for a malformed
	 * offset, LIST_RECORDS_ITERATOR_NOT_AVAILABLE for an expired, unknown or other table's one.
	 */
	resume(tableId: string, offset: string): { iteratorId: string; ids: string[]; position: number } {
		const match = OFFSET.exec(offset);
		if (!match) throw unprocessable('INVALID_OFFSET_VALUE', `The value of offset ${describeValue(offset)} is invalid; pass the offset of the previous page as it was returned.`);
		const [, iteratorId, recordId] = match;
		this.expire();
		const iterator = this.iterators.get(iteratorId);
		const position = iterator && iterator.tableId === tableId ? iterator.ids.indexOf(recordId) : -1;
		if (!iterator || position < 0) {
			throw unprocessable(
				'LIST_RECORDS_ITERATOR_NOT_AVAILABLE',
				`The listing behind offset ${offset} is no longer available (it expired, the store restarted, or it belongs to another table). List again from the first page.`,
			);
		}
		iterator.expires = Date.now() + ITERATOR_TTL_MS;
		return { iteratorId, ids: iterator.ids, position };
	}

	/** Keeps the ordered ids of a first page's listing; returns the iterator id for its offsets. */
	remember(tableId: string, ids: string[]): string {
		this.expire();
		while (this.iterators.size >= MAX_ITERATORS) this.iterators.delete(this.iterators.keys().next().value as string);
		const id = newId('itr');
		this.iterators.set(id, { tableId, ids, expires: Date.now() + ITERATOR_TTL_MS });
		return id;
	}

	private expire(): void {
		const now = Date.now();
		for (const [id, iterator] of this.iterators) if (iterator.expires <= now) this.iterators.delete(id);
	}
}
