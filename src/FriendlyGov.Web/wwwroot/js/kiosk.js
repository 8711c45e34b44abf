// Kiosk mode: a rating is kept on the tablet first, then sent; if the network drops, the queue waits and is sent
// when it returns. Each rating carries its own key, so one sent twice (the answer was lost) is stored once.
(() => {
  const form = document.getElementById('kiosk-form');
  if (!form || !window.fetch || !window.localStorage) return; // the plain form still works
  const token = form.querySelector('input[name="__RequestVerificationToken"]').value;
  const queueKey = 'fg.kiosk.queue.' + form.dataset.session;
  const status = document.getElementById('kiosk-status');
  const thanks = document.getElementById('kiosk-thanks');
  const load = () => { try { return JSON.parse(localStorage.getItem(queueKey) || '[]'); } catch { return []; } };
  const save = q => localStorage.setItem(queueKey, JSON.stringify(q));
  const show = () => { const n = load().length; status.hidden = n === 0; status.textContent = n ? `${form.dataset.msgPending}: ${n}` : ''; };
  const newKey = () => (window.crypto && crypto.getRandomValues)
    ? Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('')
    : Date.now().toString(36) + Math.random().toString(36).slice(2);
  let sending = false;

  async function flush() {
    if (sending) return;
    sending = true;
    try {
      for (let q = load(); q.length; q = load()) {
        let res;
        try {
          res = await fetch('/kiosk/gui', {
            method: 'POST', credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token },
            body: JSON.stringify(q[0]),
          });
        } catch { break; } // offline: try again later
        if (res.status === 400) { location.reload(); return; } // stale token: a fresh page sends the queue
        if (res.status === 401 || res.status === 429 || res.status >= 500) break;
        const rest = load();
        rest.shift(); // stored, or refused for good: either way it leaves the queue
        save(rest);
      }
    } finally {
      sending = false;
      show();
    }
  }

  let idle;
  const restartIdle = () => { clearTimeout(idle); idle = setTimeout(() => form.reset(), 90000); };
  form.addEventListener('input', restartIdle);

  form.addEventListener('submit', e => {
    e.preventDefault();
    const data = new FormData(form);
    const overall = data.get('Input.Overall');
    if (!overall) {
      const box = form.querySelector('.validation-summary-errors, [data-valmsg-summary]');
      if (box) { box.classList.replace('validation-summary-valid', 'validation-summary-errors'); box.innerHTML = ''; const li = document.createElement('p'); li.textContent = form.dataset.msgOverall; box.appendChild(li); }
      document.getElementById('overall').scrollIntoView();
      return;
    }
    const pick = (name, n) => Array.from({ length: n }, (_, i) => Number(data.get(`${name}[${i}]`) || 0));
    const q = load();
    q.push({ clientKey: newKey(), overall: Number(overall), code: pick('Input.Code', 12), aspects: pick('Input.Aspects', 5), comment: data.get('Input.Comment') || null });
    save(q);
    show();
    form.reset();
    form.hidden = true;
    // The thanks fit the rating: 4–5 glad, 3 "we will do better", 1–2 an apology.
    const kind = Number(overall) >= 4 ? 'Good' : Number(overall) === 3 ? 'Neutral' : 'Sorry';
    thanks.querySelectorAll('[data-thanks]').forEach(el => { el.hidden = el.dataset.thanks !== kind; });
    thanks.hidden = false;
    window.scrollTo(0, 0);
    setTimeout(() => { thanks.hidden = true; form.hidden = false; }, 5000);
    flush();
  });

  window.addEventListener('online', flush);
  setInterval(flush, 10000);
  show();
  flush();
})();
