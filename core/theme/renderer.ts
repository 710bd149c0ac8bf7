import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { Translator } from './translator.js';
import type { ThemeChain } from './themes.js';
import type { BundleRegistry } from './bundles.js';

type Template = Handlebars.TemplateDelegate;
type HelperOptions = Handlebars.HelperOptions;
export type ViewContext = Record<string, unknown>;

export class ViewNotFoundError extends Error {
  override name = 'ViewNotFoundError';
}

const escape = (value: unknown): string => Handlebars.escapeExpression(String(value ?? ''));

/**
 * Renders Handlebars views for the core and plugins. A view is looked up in the
 * active theme (`views/<scope>/<view>.hbs`), then in its parent themes, then in
 * the plugin's own views folder, so a theme overrides any page with a file at
 * the same relative path. Templates compile once and stay cached.
 */
export class ViewRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly scopes = new Map<string, string>();
  private readonly compiled = new Map<string, Template>();

  constructor(readonly theme: ThemeChain, private readonly translator: Translator, private readonly bundles: BundleRegistry) {
    this.registerHelpers();
    // Parents first, so the active theme's partial of the same name wins.
    for (const folder of [...theme.folders].reverse()) this.registerPartials(path.join(folder, 'partials'), '');
  }

  /** A plugin's (or the core's) default views folder; its `partials/` become "scope/name". */
  addScope(scope: string, viewsDir: string): void {
    this.scopes.set(scope, viewsDir);
    this.registerPartials(path.join(viewsDir, 'partials'), `${scope}/`, scope);
  }

  /** Which file a view comes from: for tests and for operators wondering where a page lives. */
  resolve(scope: string, view: string): string {
    const relative = `${view}.hbs`;
    const fromTheme = this.theme.find(path.join('views', scope, relative));
    if (fromTheme) return fromTheme;
    const own = this.scopes.get(scope);
    if (own && existsSync(path.join(own, relative))) return path.join(own, relative);
    throw new ViewNotFoundError(`No view "${view}" for ${scope} in the theme or the plugin`);
  }

  /** A view alone, without the layout (e-mail bodies, fragments). */
  renderView(scope: string, view: string, context: ViewContext): string {
    return this.template(scope, view)(context, { data: { scope } });
  }

  /** A whole page: the view inside the theme's layout. */
  renderPage(scope: string, view: string, context: ViewContext, layout = 'default'): string {
    const body = this.renderView(scope, view, context);
    return this.layout(layout)({ ...context, body: new Handlebars.SafeString(body) }, { data: { scope } });
  }

  private template(scope: string, view: string): Template {
    const key = `${scope}|${view}`;
    let template = this.compiled.get(key);
    if (!template) {
      template = this.handlebars.compile(readFileSync(this.resolve(scope, view), 'utf8'), { strict: false });
      this.compiled.set(key, template);
    }
    return template;
  }

  private layout(name: string): Template {
    const key = `layout|${name}`;
    let template = this.compiled.get(key);
    if (!template) {
      const file = this.theme.find(path.join('layouts', `${name}.hbs`));
      if (!file) throw new ViewNotFoundError(`The theme has no layout "${name}"`);
      template = this.handlebars.compile(readFileSync(file, 'utf8'));
      this.compiled.set(key, template);
    }
    return template;
  }

  /**
   * A plugin's partials ("catalogue/product-table") speak in their plugin's
   * words wherever they are used: their `{{t}}` keys resolve in the plugin's
   * catalogue even inside another plugin's page. A theme's partial of the same
   * name still overrides them.
   */
  private registerPartials(dir: string, prefix: string, scope?: string): void {
    if (!existsSync(dir)) return;
    const hb = this.handlebars;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
      const name = `${prefix}${file.slice(0, -4)}`;
      const source = readFileSync(path.join(dir, file), 'utf8');
      const themed = this.theme.find(path.join('partials', `${name}.hbs`));
      if (themed) {
        hb.registerPartial(name, readFileSync(themed, 'utf8'));
      } else if (scope) {
        const compiled = hb.compile(source);
        hb.registerPartial(name, ((context: unknown, options: Handlebars.RuntimeOptions) =>
          compiled(context, { ...options, data: { ...(options.data as object), scope } })) as unknown as Handlebars.Template);
      } else {
        hb.registerPartial(name, source);
      }
    }
  }

  private registerHelpers(): void {
    const hb = this.handlebars;
    const translator = this.translator;
    const theme = this.theme;
    const bundles = this.bundles;

    /** {{t "key" name=value}}: a string from the catalogue of the scope rendering the page. */
    hb.registerHelper('t', function (key: string, options: HelperOptions) {
      return translator.t(key, options.hash as Record<string, string>, (options.data as { scope?: string }).scope);
    });

    /** {{url "/path" key=value}}: a path with an encoded query string. */
    hb.registerHelper('url', (target: string, options: HelperOptions) => {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(options.hash as Record<string, unknown>)) {
        if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
      }
      const qs = query.toString();
      return qs ? `${target}${target.includes('?') ? '&' : '?'}${qs}` : target;
    });

    /** {{asset "css/site.css"}}: the theme asset's URL, with its content hash for long caching. */
    hb.registerHelper('asset', (relative: string) => {
      const hash = theme.assetHash(relative);
      if (!hash) throw new ViewNotFoundError(`The theme has no asset "${relative}"`);
      return `/assets/${hash}/${relative}`;
    });

    /** {{bundle "name"}} (this plugin's) or {{bundle "core:captcha"}}: a browser script's hashed URL. */
    hb.registerHelper('bundle', (name: string, options: HelperOptions) => {
      const [scope, bare] = name.includes(':') ? name.split(':', 2) as [string, string] : [(options.data as { scope: string }).scope, name];
      const url = bundles.url(scope, bare);
      if (!url) throw new ViewNotFoundError(`No browser bundle "${bare}" for ${scope}`);
      return url;
    });

    /** {{captcha}}: the CAPTCHA widget inside a form, or nothing when CAPTCHA is switched off. */
    hb.registerHelper('captcha', (options: HelperOptions) =>
      (rootOf(options).captchaEnabled ? renderPartial(hb, 'captcha', {}, options) : ''));

    /** {{date value}} or {{date value "long"}}: a date as Canadians read it. */
    hb.registerHelper('date', (value: unknown, style: unknown) => {
      if (value === undefined || value === null || value === '') return '';
      const date = value instanceof Date ? value : new Date(String(value));
      if (Number.isNaN(date.getTime())) return '';
      const dateStyle = style === 'long' || style === 'short' || style === 'full' ? style : 'medium';
      return new Intl.DateTimeFormat(`${translator.locale}-CA`, { dateStyle, timeZone: 'America/Toronto' }).format(date);
    });

    hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
    hb.registerHelper('join', (items: unknown, separator: unknown) =>
      Array.isArray(items) ? items.map(String).join(typeof separator === 'string' ? separator : ', ') : '');

    /** {{csrfField}}: the hidden token every state-changing form carries. */
    hb.registerHelper('csrfField', (options: HelperOptions) =>
      new hb.SafeString(`<input type="hidden" name="_csrf" value="${escape(csrfToken(options))}">`));

    /** {{csrfToken}}: the same token, for a link that changes state (log out). */
    hb.registerHelper('csrfToken', (options: HelperOptions) => csrfToken(options));

    /** {{menu "main"}}: a menu built from the enabled plugins' items, through the theme's menu partial. */
    hb.registerHelper('menu', (name: string, options: HelperOptions) => {
      const menus = rootOf(options).menus as Record<string, unknown> | undefined;
      const partial = hb.partials[`menu-${name}`] === undefined ? 'menu' : `menu-${name}`;
      return renderPartial(hb, partial, { items: menus?.[name] ?? [], name }, options);
    });

    /** {{breadcrumbs}}: Home / ... / the page's trail, through the theme's breadcrumbs partial. */
    hb.registerHelper('breadcrumbs', (options: HelperOptions) =>
      renderPartial(hb, 'breadcrumbs', { items: rootOf(options).breadcrumbs ?? [] }, options));

    /** {{flash}}: the messages left for this user by the previous request, then forgotten. */
    hb.registerHelper('flash', (options: HelperOptions) =>
      renderPartial(hb, 'flash', { items: rootOf(options).flash ?? [] }, options));
  }
}

const rootOf = (options: HelperOptions): Record<string, unknown> =>
  (options.data as { root?: Record<string, unknown> }).root ?? {};

/**
 * The page context carries a function, not the token: a session (and its row)
 * is created only for pages that hold a form, not for every anonymous visit.
 */
const csrfToken = (options: HelperOptions): string => {
  const issue = rootOf(options).csrf;
  return typeof issue === 'function' ? String((issue as () => string)()) : '';
};

/** Renders a theme partial from a helper, compiling it once. */
function renderPartial(hb: typeof Handlebars, name: string, context: Record<string, unknown>, options: HelperOptions): Handlebars.SafeString {
  const partial: unknown = hb.partials[name];
  if (partial === undefined) throw new ViewNotFoundError(`The theme has no partial "${name}"`);
  const render = typeof partial === 'function' ? (partial as Template) : hb.compile(String(partial));
  hb.partials[name] = render;
  return new hb.SafeString(render(context, { data: options.data }));
}
