import type { Cursor } from './sid-table';
import { malformed } from './errors';

/**
 * Twilio's paging. Lists are newest first. PageToken "PA<sid>" continues after (older than) a row
 * and "PB<sid>" goes back before (newer than) one, so a page never shifts while messages are being
 * sent; Page=N without a token is an offset. The 2010-04-01 API puts page links at the top level as
 * relative URIs; the Content API puts them in `meta` as absolute URLs. The client follows either.
 */

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

export interface PageRequest {
	pageSize: number;
	page: number;
	token?: string;
	cursor: Cursor;
}

function wholeNumber(name: string, raw: string | null, fallback: number, min: number): number {
	if (raw === null || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min) throw malformed(`${name} must be a whole number of at least ${min}, got "${raw}".`);
	return value;
}

/** Reads PageSize, Page and PageToken; `seqOf` finds the row a token names. */
export function readPaging(params: URLSearchParams, seqOf: (sid: string) => number | undefined): PageRequest {
	const pageSize = Math.min(wholeNumber('PageSize', params.get('PageSize'), DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
	const page = wholeNumber('Page', params.get('Page'), 0, 0);
	const token = params.get('PageToken') || undefined;
	if (token === undefined) return { pageSize, page, cursor: { offset: page * pageSize } };
	const seq = /^P[AB]/.test(token) ? seqOf(token.slice(2)) : undefined;
	if (seq === undefined) {
		throw malformed(`Invalid PageToken "${token}": use the next_page_uri or previous_page_uri of an earlier page, whose row must still exist.`);
	}
	return { pageSize, page, token, cursor: token.startsWith('PA') ? { beforeSeq: seq } : { afterSeq: seq } };
}

export interface PageSlice<T> {
	items: T[];
	hasOlder: boolean;
	hasNewer: boolean;
}

/** Splits `rows` (fetched with a limit of pageSize + 1) into the page and whether pages exist on either side. */
export function slicePage<T>(rows: T[], request: PageRequest): PageSlice<T> {
	if ('afterSeq' in request.cursor) {
		// Read towards newer rows: the extra row, if any, is the newest and sits first.
		const hasNewer = rows.length > request.pageSize;
		return { items: hasNewer ? rows.slice(1) : rows, hasOlder: true, hasNewer };
	}
	return { items: rows.slice(0, request.pageSize), hasOlder: rows.length > request.pageSize, hasNewer: request.page > 0 };
}

interface Links {
	uri: string;
	first: string;
	next: string | null;
	previous: string | null;
}

function links<T extends { sid: string }>(base: string, filters: Array<[string, string]>, request: PageRequest, slice: PageSlice<T>): Links {
	const build = (page: number, token?: string) => {
		const query = new URLSearchParams(filters);
		query.set('PageSize', String(request.pageSize));
		query.set('Page', String(page));
		if (token) query.set('PageToken', token);
		return `${base}?${query.toString()}`;
	};
	const first = slice.items[0];
	const last = slice.items[slice.items.length - 1];
	return {
		uri: build(request.page, request.token),
		first: build(0),
		next: slice.hasOlder && last ? build(request.page + 1, `PA${last.sid}`) : null,
		previous: slice.hasNewer && first ? build(Math.max(request.page - 1, 0), `PB${first.sid}`) : null,
	};
}

/** A 2010-04-01 list page: {<key>: [...], first_page_uri, next_page_uri, page, page_size, ...}. */
export function apiPage<T extends { sid: string }>(
	key: string,
	path: string,
	filters: Array<[string, string]>,
	request: PageRequest,
	slice: PageSlice<T>,
	toJson: (item: T) => unknown,
): Record<string, unknown> {
	const l = links(path, filters, request, slice);
	const start = request.page * request.pageSize;
	return {
		[key]: slice.items.map(toJson),
		end: start + Math.max(slice.items.length - 1, 0),
		first_page_uri: l.first,
		next_page_uri: l.next,
		page: request.page,
		page_size: request.pageSize,
		previous_page_uri: l.previous,
		start,
		uri: l.uri,
	};
}

/** A Content API list page: {<key>: [...], meta: {page, page_size, first_page_url, next_page_url, ..., key}}. */
export function metaPage<T extends { sid: string }>(
	key: string,
	url: string,
	request: PageRequest,
	slice: PageSlice<T>,
	toJson: (item: T) => unknown,
): Record<string, unknown> {
	const l = links(url, [], request, slice);
	return {
		[key]: slice.items.map(toJson),
		meta: {
			page: request.page,
			page_size: request.pageSize,
			first_page_url: l.first,
			previous_page_url: l.previous,
			url: l.uri,
			next_page_url: l.next,
			key,
		},
	};
}
