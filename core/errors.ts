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
}

export const notFound = (): HttpError => new HttpError(404, 'core:error.404.message');
export const forbidden = (): HttpError => new HttpError(403, 'core:error.403.message');
