import { requireDataPathRedisUrl } from '../../shared/datapath/config';
import { redisConnection } from '../../shared/redis';

/** How long a reply's SID leads to its turn: Twilio's statuses come within minutes; "read" may take days. */
const REPLY_INDEX_TTL_SECONDS = 7 * 24 * 60 * 60;

const keyOf = (base: string, replySid: string) => `beststag:as:reply:{${base}}:${replySid}`;

/**
 * Which turn's Messages row a reply belongs to (reply SID → the turn's Message SID), so the
 * reply's status callbacks update the turn's row instead of adding one. Kept in the data path's
 * Redis beside the replica.
 */
export async function rememberReply(base: string, replySid: string, turnKey: string): Promise<void> {
	await redisConnection(requireDataPathRedisUrl()).set(keyOf(base, replySid), turnKey, 'EX', REPLY_INDEX_TTL_SECONDS);
}

/** The turn key of a reply SID, or undefined for a message that was not a turn's reply (or is older than a week). */
export async function turnOfReply(base: string, replySid: string): Promise<string | undefined> {
	return (await redisConnection(requireDataPathRedisUrl()).get(keyOf(base, replySid))) ?? undefined;
}
