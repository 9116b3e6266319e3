// wx-network dashboard: polls /actuator/wxtasks for the live tasks (one table row per task, updated in place and
// keyed by task id so that buttons stay put between polls) and the recently finished ones, and, less often, the
// wx.network.tasks timer of /actuator/metrics for each client and URI template's rate and p99.
(function () {
  'use strict';

  const POLL_MS = 500;
  const METRICS_MS = 2500;
  const P99_WINDOW_MS = 60000;
  const KINDS = ['request', 'upload', 'download'];
  const RECENT_SHOWN = 30;

  const rows = new Map();          // task id -> <tr>
  let batch = null;                // { ids: Set, states: Map id -> final state, total, startedAt, doneAt }

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

  // ---- recently finished tasks and the demo batch --------------------------------------------

  function clientCell(task) {
    const td = el('td', 'client');
    if (task.client == null) {
      td.appendChild(el('span', 'muted', 'template'));
    } else {
      td.appendChild(el('span', 'client-name', task.client));
      td.appendChild(el('code', 'uri', task.uri));
    }
    return td;
  }

  function renderRecent(recent) {
    const fragment = document.createDocumentFragment();
    for (const task of recent.slice(0, RECENT_SHOWN)) {       // newest first, as the endpoint lists them
      const tr = el('tr');
      tr.dataset.taskId = task.id;
      tr.dataset.state = task.state;
      tr.dataset.endedAt = task.endedAt;
      tr.appendChild(el('td', 'num', new Date(task.endedAt).toLocaleTimeString()));
      tr.dataset.type = task.type;                            // errMsg names it too: downloadFile:ok
      tr.appendChild(el('td', 'state state-' + task.state, task.state));
      tr.appendChild(el('td', 'status num', task.statusCode > 0 ? String(task.statusCode) : '–'));
      const errMsg = el('td', 'errmsg');
      errMsg.appendChild(el('span', 'outcome outcome-' + task.state, task.errMsg));
      tr.appendChild(errMsg);
      tr.appendChild(el('td', 'errno num', String(task.errno)));
      tr.appendChild(clientCell(task));
      tr.appendChild(el('td', 'elapsed num', formatMs(task.elapsedMs)));
      const url = el('td', 'url', task.url);
      url.title = task.url;
      tr.appendChild(url);
      fragment.appendChild(tr);
    }
    $('recent-rows').replaceChildren(fragment);
    $('no-recent').hidden = recent.length > 0;
    $('recent').classList.toggle('is-empty', recent.length === 0);
    const counts = { SUCCEEDED: 0, FAILED: 0, ABORTED: 0 };
    for (const task of recent) counts[task.state]++;
    $('recent-summary').textContent = recent.length
      ? '· ' + counts.SUCCEEDED + ' succeeded · ' + counts.FAILED + ' failed · ' + counts.ABORTED + ' aborted'
        + ' (the last ' + recent.length + ')' : '';
    renderBatch(recent);
  }

  // The batch's outcomes are remembered as they are seen: other tasks may push them out of the recent list.
  function renderBatch(recent) {
    if (!batch) return;
    for (const task of recent) {
      if (batch.ids.has(task.id)) batch.states.set(task.id, task.state);
    }
    const counts = { ok: 0, aborted: 0, failed: 0 };
    for (const state of batch.states.values()) {
      counts[state === 'SUCCEEDED' ? 'ok' : state === 'ABORTED' ? 'aborted' : 'failed']++;
    }
    const status = $('batch-status');
    const finished = batch.states.size;
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
      batch = { ids: new Set(started.map((s) => s.id)), states: new Map(), total: started.length,
        startedAt: Date.now(), doneAt: null };
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
      const snapshot = await fetchJson('actuator/wxtasks');
      renderTasks(snapshot);
      renderRecent(snapshot.recent || []);
      setPollStatus(true, 'live · ' + new Date().toLocaleTimeString());
    } catch (e) {
      setPollStatus(false, 'offline: ' + e.message);
    } finally {
      setTimeout(poll, POLL_MS);
    }
  }

  // ---- rate and p99 per client and URI template -----------------------------------------------
  // /actuator/metrics adds up the value of every series that matches the tags asked for (outcome, status, errno…):
  // right for COUNT and for the cumulative bucket counts of wx.network.tasks.histogram (application.yml's slo),
  // meaningless for percentile gauges. So p99 is the smallest bucket bound holding 99% of the calls, taken on the
  // differences between two samples of both: the calls of that window only.

  const samples = new Map();       // 'client uri' -> samples of the last P99_WINDOW_MS, oldest first
  let listedAt = null;             // when the last poll listed the pairs: a pair not listed then had no calls yet

  function metric(name, tags) {
    const query = tags.map(([key, value]) => 'tag=' + encodeURIComponent(key + ':' + value)).join('&');
    return fetchJson('actuator/metrics/' + name + (query ? '?' + query : ''));
  }

  const tagValues = (m, tag) => (m.availableTags.find((t) => t.tag === tag) || { values: [] }).values;

  const measurement = (m, statistic) => m.measurements.find((s) => s.statistic === statistic).value;

  // a meter that does not exist (yet) is a 404
  const absent = (e) => {
    if (/HTTP 404$/.test(e.message)) return null;
    throw e;
  };

  const templatesLast = (a, b) => (a.client === 'none') - (b.client === 'none')
    || (a.client + ' ' + a.uri).localeCompare(b.client + ' ' + b.uri);

  async function sample(client, uri, bounds) {
    const tags = [['client', client], ['uri', uri]];
    // COUNT first: the buckets, read after it, then hold at least the calls it counted
    const count = measurement(await metric('wx.network.tasks', tags), 'COUNT');
    const buckets = await Promise.all(bounds.map((le) => metric('wx.network.tasks.histogram', [...tags, ['le', le]])
      .then((m) => measurement(m, 'VALUE'))));
    return { client, uri, at: Date.now(), count, buckets };
  }

  function formatBound(seconds) {
    return seconds < 1 ? Math.round(seconds * 1000) + ' ms' : seconds + ' s';
  }

  // rate from the last two samples; p99 over the window (needs a call in it)
  function summarize(latest, bounds) {
    const key = latest.client + ' ' + latest.uri;
    const none = { at: listedAt, count: 0, buckets: latest.buckets.map(() => 0) };
    const kept = (samples.get(key) || (listedAt ? [none] : []))
      .filter((s) => s.count <= latest.count && latest.at - s.at <= P99_WINDOW_MS);
    kept.push(latest);
    samples.set(key, kept);
    const previous = kept[kept.length - 2];
    const rate = previous ? (latest.count - previous.count) * 1000 / (latest.at - previous.at) : null;
    // the calls of the window from the catch-all top bucket, read with the others (COUNT is read apart from
    // them, so a call ending in between would count in one and not the other)
    const top = bounds.length - 1;
    const calls = top > 0 ? latest.buckets[top] - kept[0].buckets[top] : 0;
    let p99 = null;
    if (calls > 0) {
      const i = latest.buckets.findIndex((n, b) => n - kept[0].buckets[b] >= 0.99 * calls);
      p99 = (i >= 0 && i < top) ? '≤ ' + formatBound(Number(bounds[i])) : '> ' + formatBound(Number(bounds[top - 1]));
    }
    return { client: latest.client, uri: latest.uri, count: latest.count, rate, p99 };
  }

  function renderMetrics(rows) {
    const fragment = document.createDocumentFragment();
    for (const row of rows) {
      const tr = el('tr');
      tr.dataset.client = row.client;
      tr.dataset.uri = row.uri;
      tr.appendChild(el('td', 'client', row.client === 'none' ? 'template calls' : row.client));
      tr.appendChild(el('td', 'uri', row.uri === 'none' ? '–' : row.uri));
      tr.appendChild(el('td', 'count num', String(row.count)));
      tr.appendChild(el('td', 'rate num', row.rate == null ? '–' : row.rate.toFixed(1) + ' /s'));
      tr.appendChild(el('td', 'p99 num', row.p99 || '–'));
      fragment.appendChild(tr);
    }
    $('metric-rows').replaceChildren(fragment);
    $('no-metrics').hidden = rows.length > 0;
    $('metrics').classList.toggle('is-empty', rows.length === 0);
  }

  async function pollMetrics() {
    const at = Date.now();
    try {
      // the timer exists once a task has ended; its histogram only with application.yml's slo buckets
      const [timer, histogram] = await Promise.all([metric('wx.network.tasks', []).catch(absent),
        metric('wx.network.tasks.histogram', []).catch(absent)]);
      const bounds = histogram ? tagValues(histogram, 'le').slice().sort((a, b) => a - b) : [];
      const clients = timer ? tagValues(timer, 'client') : [];
      const pairs = (await Promise.all(clients.map((client) => metric('wx.network.tasks', [['client', client]])
        .then((m) => tagValues(m, 'uri').map((uri) => [client, uri]))))).flat();
      const latest = await Promise.all(pairs.map(([client, uri]) => sample(client, uri, bounds)));
      renderMetrics(latest.sort(templatesLast).map((s) => summarize(s, bounds)));
      listedAt = at;
    } catch (e) {
      console.warn('metrics poll failed', e);
    } finally {
      setTimeout(pollMetrics, METRICS_MS);
    }
  }

  $('start-batch').addEventListener('click', startBatch);
  poll();
  pollMetrics();
})();
