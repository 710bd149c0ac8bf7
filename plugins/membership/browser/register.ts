// The "Create new account" form's helpers: a live password-strength indicator,
// "Passwords match", and the organization auto-complete. The form works
// without them: the server checks everything again.
import { MIN_PASSWORD_LENGTH, passwordStrength } from '../strength.js';

interface Suggestion { id: number; name: string; consortium: string; consortiumId: number }

const form = document.querySelector<HTMLFormElement>('form.register-form');
if (form) {
  const labels = form.dataset;
  const pass = form.querySelector<HTMLInputElement>('#edit-pass');
  const confirm = form.querySelector<HTMLInputElement>('#edit-pass-confirm');
  const strength = form.querySelector<HTMLElement>('#edit-pass-strength');
  const match = form.querySelector<HTMLElement>('#edit-pass-match');
  const inputs = () => ['#edit-name', '#edit-mail', '#edit-first-name', '#edit-last-name']
    .map((selector) => form.querySelector<HTMLInputElement>(selector)?.value ?? '');

  // Score 0–1 weak, 2 fair, 3 good, 4 strong: the server refuses below 3.
  const words = [labels.strengthWeak, labels.strengthWeak, labels.strengthFair, labels.strengthGood, labels.strengthStrong];
  const showStrength = () => {
    if (!pass || !strength) return;
    // Too short counts as weak whatever its score: the server refuses it.
    const score = pass.value.length < MIN_PASSWORD_LENGTH ? 0 : passwordStrength(pass.value, inputs()).score;
    strength.textContent = pass.value === '' ? `${labels.strengthLabel ?? ''}` : `${labels.strengthLabel ?? ''} ${words[score] ?? ''}`;
    strength.dataset.score = String(score);
  };
  const showMatch = () => {
    if (!pass || !confirm || !match) return;
    match.hidden = confirm.value === '';
    match.textContent = (pass.value === confirm.value ? labels.matchYes : labels.matchNo) ?? '';
  };
  pass?.addEventListener('input', () => { showStrength(); showMatch(); });
  confirm?.addEventListener('input', showMatch);

  const organization = form.querySelector<HTMLInputElement>('#edit-organization');
  const list = form.querySelector<HTMLDataListElement>('#member-organizations');
  const consortium = form.querySelector<HTMLSelectElement>('#edit-consortium');
  let timer: number | undefined;

  const suggest = async (term: string) => {
    const endpoint = organization?.dataset.autocomplete;
    if (!endpoint || !list) return;
    const response = await fetch(`${endpoint}?q=${encodeURIComponent(term)}`, { headers: { accept: 'application/json' } });
    if (!response.ok) return;
    const suggestions = await response.json() as Suggestion[];
    list.replaceChildren(...suggestions.map((s) => {
      const option = document.createElement('option');
      option.value = s.name;
      option.textContent = s.consortium;
      option.dataset.consortium = String(s.consortiumId);
      return option;
    }));
  };
  // Choosing an organization picks its consortium, as the guide's auto-fill does.
  const pickConsortium = () => {
    const name = organization?.value.trim().toLowerCase();
    // The server's datalist and the fetched suggestions both carry the consortium's id.
    const chosen = [...(list?.options ?? [])].find((option) => option.value.toLowerCase() === name);
    if (chosen?.dataset.consortium && consortium) consortium.value = chosen.dataset.consortium;
  };
  organization?.addEventListener('input', () => {
    window.clearTimeout(timer);
    const term = organization.value.trim();
    pickConsortium();
    if (term.length >= 2) timer = window.setTimeout(() => { void suggest(term).then(pickConsortium); }, 200);
  });
  organization?.addEventListener('change', pickConsortium);
}
