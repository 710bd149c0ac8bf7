/**
 * An error that the user caused or may see: it carries the HTTP status and the
 * translation key of the message the error page shows.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey);
    this.name = 'HttpError';
  }

  /**
   * By name, not instanceof: a plugin loaded through another module URL (tests
   * import plugins directly) may hold its own copy of this class.
   */
  static is(error: unknown): error is HttpError {
    return error instanceof Error && error.name === 'HttpError' && typeof (error as HttpError).status === 'number';
  }
}

export const notFound = (): HttpError => new HttpError(404, 'core:error.404.message');
export const forbidden = (): HttpError => new HttpError(403, 'core:error.403.message');
