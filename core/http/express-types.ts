import type { CurrentUser } from '../auth/permissions.js';
import type { Container } from '../container.js';
import type { Params } from '../theme/translator.js';

export interface FlashMessage {
  type: 'status' | 'warning' | 'error';
  key: string;
  params: Params;
  /** The scope whose catalogue holds the key. */
  scope: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends CurrentUser {}
    interface Request {
      /** This request's DI scope: currentUser, requestId and log, over the app's singletons. */
      scope: Container;
      /** Leaves a message for the next page this user sees. */
      flash(type: FlashMessage['type'], key: string, params?: Params): void;
      /** Whether the request carries this session's CSRF token: for the rare GET that changes state. */
      hasValidCsrfToken(): boolean;
    }
    interface Response {
      /**
       * Renders a page of the plugin handling the request (or the core) inside
       * the theme's layout; "plugin:view" names another plugin's view. `data.title` is a translated title; `data.breadcrumbs`
       * the trail between Home and the page.
       */
      view(view: string, data?: Record<string, unknown>, status?: number): void;
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    flash?: FlashMessage[];
    /** When the session began: it ends after SESSION_MAX_AGE_HOURS however active it is. */
    startedAt?: number;
  }
}

export {};
