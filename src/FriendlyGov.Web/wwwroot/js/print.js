// The print button of official papers: shown only where script runs (without it, the browser's own Print works the same).
document.querySelectorAll('[data-print]').forEach(b => {
  b.hidden = false;
  b.addEventListener('click', () => window.print());
});
