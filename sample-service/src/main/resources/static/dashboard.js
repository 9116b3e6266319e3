// wx-network dashboard: polls /actuator/wxtasks and the relay's log of finished downloads, and keeps one
// table row per task. Rows are updated in place (keyed by task id) so that buttons stay put between polls.
(function () {
  'use strict';

  const POLL_MS = 500;
  const KINDS = ['request', 'upload', 'download'];
  const FINISHED_SHOWN = 30;

  const rows = new Map();          // task id -> <tr>
  let batch = null;                // { ids: Set, total, startedAt, doneAt }

  const $ = (id) => document.getElementById(id);

  function formatBytes(n) {
    if (n == null || n < 0) return '?';
    if (n < 1024) return n + ' B';
    if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KiB';
    return (n / (1024 * 1024)).toFixed(1) + ' MiB';
  }

  function formatMs(ms) {
    return ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(1) + ' s';
  }

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  // ---- live tasks ---------------------------------------------------------------------------

  function createRow(task) {
    const tr = el('tr');
    tr.dataset.taskId = task.id;
    const kind = el('td', 'kind');
    kind.appendChild(el('span', 'kind-tag kind-' + task.type, task.type));
    tr.appendChild(kind);
    tr.appendChild(el('td', 'method', task.method));
    const url = el('td', 'url', task.url);
    url.title = task.url;
    tr.appendChild(url);
    tr.appendChild(el('td', 'state'));
    const progressCell = el('td', 'progress-cell');
    const wrap = el('div', 'progress-wrap');
    const bar = el('progress', 'task-progress');
    bar.max = 100;
    wrap.appendChild(bar);
    wrap.appendChild(el('span', 'bytes'));
    progressCell.appendChild(wrap);
    tr.appendChild(progressCell);
    tr.appendChild(el('td', 'elapsed num'));
    const actions = el('td', 'actions');
    const abort = el('button', 'abort', 'Abort');
    abort.type = 'button';
    abort.addEventListener('click', () => abortTask(task.id, tr, abort));
    actions.appendChild(abort);
    tr.appendChild(actions);
    return tr;
  }

  function updateRow(tr, task) {
    tr.dataset.state = task.state;
    tr.dataset.progress = String(task.progress);
    tr.dataset.bytesTransferred = String(task.bytesTransferred);
    tr.dataset.bytesExpected = String(task.bytesExpected);
    const state = tr.querySelector('td.state');
    if (state.textContent !== task.state) {
      state.textContent = task.state;
      state.className = 'state state-' + task.state;
    }
    const bar = tr.querySelector('progress');
    if (task.state === 'RUNNING' && task.bytesExpected < 0) {
      bar.removeAttribute('value');               // unknown size: indeterminate bar
    } else {
      bar.value = task.progress;
    }
    const bytes = tr.querySelector('.bytes');
    bytes.textContent = task.state === 'QUEUED'
      ? 'waiting for a slot'
      : formatBytes(task.bytesTransferred) + ' / ' + formatBytes(task.bytesExpected)
        + (task.bytesExpected > 0 ? ' · ' + task.progress + '%' : '');
    tr.querySelector('td.elapsed').textContent = task.state === 'RUNNING' ? formatMs(task.elapsedMs) : '–';
  }

  function renderTasks(snapshot) {
    const body = $('task-rows');
    const seen = new Set();
    let previous = null;
    for (const task of snapshot.tasks) {
      seen.add(task.id);
      let tr = rows.get(task.id);
      if (!tr) {
        tr = createRow(task);
        rows.set(task.id, tr);
      }
      updateRow(tr, task);
      // keep the endpoint's order (by invocation: the running ones first, then the queue in FIFO order)
      const expectedPosition = previous ? previous.nextSibling : body.firstChild;
      if (expectedPosition !== tr) body.insertBefore(tr, expectedPosition);
      previous = tr;
    }
    for (const [id, tr] of rows) {
      if (!seen.has(id)) {          // finished: the endpoint lists only tasks not yet finished
        tr.remove();
        rows.delete(id);
      }
    }
    $('no-tasks').hidden = snapshot.tasks.length > 0;
    $('tasks').classList.toggle('is-empty', snapshot.tasks.length === 0);

    for (const kind of KINDS) {
      const counts = (snapshot.kinds && snapshot.kinds[kind]) || { limit: -1, running: 0, queued: 0 };
      $('kind-' + kind + '-running').textContent = counts.running;
      $('kind-' + kind + '-limit').textContent = counts.limit >= 0 ? counts.limit : '∞';
      $('kind-' + kind + '-queued').textContent = counts.queued;
      const card = document.querySelector('.kind-card[data-kind="' + kind + '"]');
      card.classList.toggle('busy', counts.running > 0);
      card.classList.toggle('full', counts.queued > 0);
      const fill = card.querySelector('.meter-fill');
      fill.style.width = (counts.limit > 0 ? Math.min(100, 100 * counts.running / counts.limit) : 0) + '%';
    }
  }

  async function abortTask(id, tr, button) {
    button.disabled = true;
    button.textContent = 'Aborting…';
    tr.classList.add('aborting');
    try {
      const response = await fetch('actuator/wxtasks/' + encodeURIComponent(id), { method: 'DELETE' });
      if (!response.ok && response.status !== 404) {   // 404: it finished meanwhile
        throw new Error('HTTP ' + response.status);
      }
    } catch (e) {
      button.disabled = false;
      button.textContent = 'Abort';
      tr.classList.remove('aborting');
      console.warn('abort failed', id, e);
    }
  }

  // ---- finished downloads and the demo batch ------------------------------------------------

  function outcomeOf(entry) {
    if (entry.statusCode > 0) return 'ok';
    return /:fail abort$/.test(entry.errMsg) ? 'aborted' : 'failed';
  }

  function renderFinished(entries) {
    const body = $('finished-rows');
    const fragment = document.createDocumentFragment();
    for (const entry of entries.slice(0, FINISHED_SHOWN)) {
      const tr = el('tr');
      tr.dataset.taskId = entry.id;
      tr.dataset.outcome = outcomeOf(entry);
      tr.appendChild(el('td', 'name', entry.name));
      const errMsg = el('td', 'errmsg');
      errMsg.appendChild(el('span', 'outcome outcome-' + outcomeOf(entry), entry.errMsg));
      tr.appendChild(errMsg);
      tr.appendChild(el('td', 'num', entry.statusCode > 0 ? formatBytes(entry.bytes) : '–'));
      tr.appendChild(el('td', 'num', new Date(entry.finishedAt).toLocaleTimeString()));
      fragment.appendChild(tr);
    }
    body.replaceChildren(fragment);
    const counts = { ok: 0, aborted: 0, failed: 0 };
    for (const entry of entries) counts[outcomeOf(entry)]++;
    $('finished-summary').textContent = entries.length
      ? '· ' + counts.ok + ' ok · ' + counts.aborted + ' aborted · ' + counts.failed + ' failed' : '';
    renderBatch(entries);
  }

  function renderBatch(entries) {
    if (!batch) return;
    const status = $('batch-status');
    const counts = { ok: 0, aborted: 0, failed: 0 };
    for (const entry of entries) {
      if (batch.ids.has(entry.id)) counts[outcomeOf(entry)]++;
    }
    const finished = counts.ok + counts.aborted + counts.failed;
    status.hidden = false;
    status.dataset.total = String(batch.total);
    status.dataset.finished = String(finished);
    status.dataset.ok = String(counts.ok);
    status.dataset.aborted = String(counts.aborted);
    status.dataset.failed = String(counts.failed);
    const detail = counts.ok + ' ok, ' + counts.aborted + ' aborted, ' + counts.failed + ' failed';
    if (finished >= batch.total) {
      if (!batch.doneAt) batch.doneAt = Date.now();
      status.dataset.done = 'true';
      status.textContent = 'Demo batch done in ' + formatMs(batch.doneAt - batch.startedAt) + ': ' + detail + '.';
      $('start-batch').disabled = false;
    } else {
      status.dataset.done = 'false';
      status.textContent = 'Demo batch: ' + finished + ' / ' + batch.total + ' finished (' + detail + ')…';
    }
  }

  async function startBatch() {
    const button = $('start-batch');
    const count = Number(button.dataset.count);
    const size = Number(button.dataset.size);
    const rate = Number(button.dataset.rate);
    const files = [];
    for (let i = 1; i <= count; i++) files.push({ name: 'demo-' + i + '.bin', size: size, rate: rate });
    button.disabled = true;
    const status = $('batch-status');
    status.hidden = false;
    status.textContent = 'Starting ' + count + ' downloads…';
    try {
      const response = await fetch('relay/downloads', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(files)
      });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const started = await response.json();
      batch = { ids: new Set(started.map((s) => s.id)), total: started.length, startedAt: Date.now(), doneAt: null };
      status.dataset.done = 'false';
    } catch (e) {
      status.textContent = 'Could not start the batch: ' + e.message;
      button.disabled = false;
    }
  }

  // ---- polling --------------------------------------------------------------------------------

  function setPollStatus(ok, text) {
    const status = $('poll-status');
    status.dataset.status = ok ? 'live' : 'offline';
    status.querySelector('.label').textContent = text;
  }

  async function fetchJson(url) {
    const response = await fetch(url, { cache: 'no-store', headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
    return response.json();
  }

  async function poll() {
    try {
      const [snapshot, finished] = await Promise.all([fetchJson('actuator/wxtasks'), fetchJson('relay/downloads')]);
      renderTasks(snapshot);
      renderFinished(finished);
      setPollStatus(true, 'live · ' + new Date().toLocaleTimeString());
    } catch (e) {
      setPollStatus(false, 'offline: ' + e.message);
    } finally {
      setTimeout(poll, POLL_MS);
    }
  }

  $('start-batch').addEventListener('click', startBatch);
  poll();
})();
