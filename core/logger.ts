import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * One structured logger for the process. Secrets never reach a log line: the
 * fields that can carry them are censored wherever they appear.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'password', '*.password', 'req.headers.cookie', 'req.headers.authorization',
        'res.headers["set-cookie"]', 'token', '*.token', 'sessionId',
      ],
      censor: '[redacted]',
    },
  });
}
