/** A value from the workflow that cannot go into the base; names the parameter and what is expected. */
export class CrmInputError extends Error {
	constructor(
		readonly parameter: string,
		message: string,
	) {
		super(message);
		this.name = 'CrmInputError';
	}
}
