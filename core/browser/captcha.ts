// The ALTCHA widget without its bundled workers and inline styles (the CSP
// forbids both); its proof-of-work worker and stylesheet come from /captcha/.
import 'altcha/external';

declare global {
  var $altcha: { algorithms: Map<string, () => Worker> };
}

globalThis.$altcha.algorithms.set('PBKDF2/SHA-256', () => new Worker('/captcha/pbkdf2-worker.js'));
