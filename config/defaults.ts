/**
 * The defaults a fresh checkout starts with: `npm start` with no environment
 * serves the site at http://localhost:3000 on the embedded database under ./data.
 */
export const defaults = {
  PORT: '3000',
  HOST: '0.0.0.0',
  DATA_DIR: './data',
  THEME: 'cdp',
  LOG_LEVEL: 'info',
  EMBEDDED_DB_PORT: '54329',
  DEMO_CONTENT: 'true',
  ADMIN_USERNAME: 'admin',
  TRUST_PROXY: '0',
  MODULES_REFRESH_SECONDS: '2',
  SESSION_MAX_AGE_HOURS: '12',
  SHUTDOWN_TIMEOUT_SECONDS: '10',
  BODY_LIMIT: '200kb',
  CAPTCHA: 'true',
  LOGIN_FLOOD_USER_LIMIT: '5',
  LOGIN_FLOOD_USER_WINDOW_HOURS: '6',
  LOGIN_FLOOD_IP_LIMIT: '50',
  LOGIN_FLOOD_IP_WINDOW_HOURS: '1',
} as const satisfies Record<string, string>;
