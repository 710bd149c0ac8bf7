// Progressive enhancement only: every menu works without this file (CSS
// :focus-within opens the drop-downs); it adds the small-screen toggle and
// closes an open drop-down with Escape.
document.documentElement.classList.add('js');
document.addEventListener('DOMContentLoaded', () => {
  const toggle = document.querySelector('.menu-toggle');
  const menu = document.getElementById('main-menu');
  if (toggle && menu) {
    toggle.addEventListener('click', () => {
      const open = toggle.getAttribute('aria-expanded') === 'true';
      toggle.setAttribute('aria-expanded', String(!open));
      menu.classList.toggle('open', !open);
    });
  }
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && document.activeElement instanceof HTMLElement && document.activeElement.closest('.submenu')) {
      document.activeElement.closest('.has-children')?.querySelector('a')?.focus();
    }
  });
});
