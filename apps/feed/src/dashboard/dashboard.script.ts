/**
 * The dashboard's script, hand-written, no build step: sign-in, counters, filters, the two lanes
 * (now and upcoming), live updates over EventSource, finding detail with evidence, the SKU
 * timeline as SVG, and the acknowledge / suppress actions. It builds DOM nodes (never HTML from
 * data), since channel values come from other teams' systems.
 */
export const DASHBOARD_SCRIPT = String.raw`
(function () {
  'use strict';
  // generation: bumped whenever what the page shows is replaced (new filters, sign-out), so an
  // answer to an older request cannot overwrite it.
  var state = { findings: new Map(), source: null, filters: '', principal: null, countsTimer: null, retryTimer: null, retries: 0, generation: 0, lanes: {}, refused: false, listed: null };
  // Arrival time of every change the page received, for the browser test to measure latency.
  window.__parity = { arrivals: {} };
  var $ = function (id) { return document.getElementById(id); };
  var SVG = 'http://www.w3.org/2000/svg';

  function h(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'text') node.textContent = attrs[key];
      else if (key === 'onclick' || key === 'onsubmit') node[key] = attrs[key];
      else if (attrs[key] !== undefined && attrs[key] !== null && attrs[key] !== false) node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child); });
    return node;
  }
  function s(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function api(method, path, body) {
    return fetch(path, {
      method: method, credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      if (response.status === 204) return null;
      return response.json().then(function (json) {
        if (!response.ok) { var error = new Error(json.reason || response.statusText); error.status = response.status; error.code = json.code; throw error; }
        return json;
      });
    });
  }

  function span(ms) {
    var abs = Math.abs(ms), d = Math.floor(abs / 86400000), hr = Math.floor(abs % 86400000 / 3600000), m = Math.floor(abs % 3600000 / 60000);
    var text = d > 0 ? d + 'd ' + hr + 'h' : hr > 0 ? hr + 'h ' + m + 'm' : m + 'm';
    return ms >= 0 ? 'in ' + text : text + ' ago';
  }

  // A callback that runs only if nothing replaced the page's data since it was set up.
  function current(callback) {
    var generation = state.generation;
    return function (value) { if (generation === state.generation) return callback(value); };
  }
  // Stops the stream, its reconnection and the counts refresh, and disowns every pending answer.
  function stop() {
    state.generation++;
    if (state.source) { state.source.close(); state.source = null; }
    clearTimeout(state.retryTimer); state.retryTimer = null;
    clearTimeout(state.countsTimer); state.countsTimer = null;
    setLive(false, 'offline');
  }

  // One message at a time: each outcome replaces the last, so an old error never sits under a later success.
  function tell(kind, text) {
    $('filter-error').textContent = kind === 'error' ? text : '';
    $('notice').textContent = kind === 'notice' ? text : '';
  }
  function describe(error) { return (error.code ? error.code + ': ' : '') + error.message; }

  // ---- sign-in ----
  function showSignIn(message) {
    stop();
    $('app').hidden = true; $('sign-in').hidden = false; $('sign-out').hidden = true; $('who').textContent = '';
    $('sign-in-error').textContent = message || '';
  }
  $('sign-in-form').onsubmit = function (event) {
    event.preventDefault();
    api('POST', '/api/session', { credential: $('credential').value.trim() })
      .then(function () { $('credential').value = ''; start(); })
      .catch(function (error) { $('sign-in-error').textContent = error.code + ': ' + error.message; });
  };
  // Refreshes stop first: one answered after the sign-out would be a 401 and say the session ended.
  $('sign-out').onclick = function () {
    stop();
    api('DELETE', '/api/session').then(function () { showSignIn('signed out'); }, function (error) {
      showSignIn(error.status === 401 ? 'signed out' : 'sign-out not confirmed (' + describe(error) + '): reload the page to check');
    });
  };

  function start() {
    api('GET', '/api/session').then(function (principal) {
      state.principal = principal;
      $('who').textContent = principal.name + ' (' + principal.role + ')';
      $('sign-in').hidden = true; $('app').hidden = false; $('sign-out').hidden = false;
      var linked = followLink();
      applyFilters();
      if (linked) showDetail(linked);
    }).catch(function (error) { showSignIn(error.status === 401 ? '' : error.message); });
  }

  // ---- filters, list, counts ----
  var FILTER_FIELDS = ['rule', 'severity', 'channel', 'store', 'category', 'sku', 'promotionId'];

  // A link from an alert opens what it points at: /findings?rule=...&promotionId=... sets the
  // filters, /findings/<id> opens that finding's detail.
  function followLink() {
    var params = new URLSearchParams(location.search), form = $('filters');
    FILTER_FIELDS.forEach(function (name) { if (params.get(name)) form.elements[name].value = params.get(name); });
    if (params.get('status')) {
      var wanted = params.get('status').split(',');
      Array.prototype.forEach.call(form.elements.status, function (box) { box.checked = wanted.indexOf(box.value) >= 0; });
    }
    var match = /^\/findings\/([^/]+)$/.exec(location.pathname);
    return match ? decodeURIComponent(match[1]) : null;
  }

  function filterQuery() {
    var form = $('filters'), params = new URLSearchParams();
    var statuses = Array.prototype.filter.call(form.elements.status, function (box) { return box.checked; }).map(function (box) { return box.value; });
    if (statuses.length > 0 && statuses.length < 4) params.set('status', statuses.join(','));
    FILTER_FIELDS.forEach(function (name) { var value = form.elements[name].value.trim(); if (value) params.set(name, value); });
    return params;
  }
  $('filters').onsubmit = function (event) { event.preventDefault(); applyFilters(); };

  function applyFilters() {
    stop();
    tell('', '');
    state.filters = filterQuery().toString();
    state.findings = new Map(); state.lanes = {}; state.refused = false; state.retries = 0;
    $('counters').textContent = '';
    render();
    // The stream opens before the lists load, so no change between the two is missed.
    openStream();
    state.listed = Promise.all([loadLane('now', null, 0), loadLane('upcoming', null, 0)]);
    loadCounts();
  }

  // Each lane loads its own findings (when=now, when=upcoming), so a long past cannot starve the
  // upcoming lane; each stops at LANE_LIMIT and then says how many it leaves out.
  var LANE_LIMIT = 1000, LANE_SORT = { now: 'severity', upcoming: 'impactAt' };
  function laneQuery(lane) {
    var params = new URLSearchParams(state.filters);
    // Without status, when= leaves resolved findings out; no status here means all of them.
    if (!params.has('status')) params.set('status', 'open,acknowledged,suppressed,resolved');
    params.set('when', lane);
    return params;
  }
  function loadLane(lane, cursor, loaded) {
    var params = laneQuery(lane);
    params.set('sort', LANE_SORT[lane]); params.set('limit', '200');
    if (cursor) params.set('cursor', cursor);
    return api('GET', '/api/findings?' + params.toString()).then(current(function (page) {
      page.findings.forEach(function (finding) { remember(finding, false); });
      loaded += page.findings.length;
      if (page.nextCursor && loaded < LANE_LIMIT) { render(); return loadLane(lane, page.nextCursor, loaded); }
      if (page.nextCursor) loadLaneTotal(lane);
      render();
    })).catch(current(listFailed));
  }
  function loadLaneTotal(lane) {
    var params = laneQuery(lane);
    api('GET', '/api/findings/counts?' + params.toString()).then(current(function (counts) { state.lanes[lane] = { total: counts.total }; render(); })).catch(current(listFailed));
  }

  function loadCounts() {
    api('GET', '/api/findings/counts?' + state.filters).then(current(renderCounts)).catch(current(listFailed));
  }
  // At most one counts request per 500 ms however busy the stream is (a debounce would starve).
  function countsSoon() { if (!state.countsTimer) state.countsTimer = setTimeout(function () { state.countsTimer = null; loadCounts(); }, 500); }

  function failed(error) {
    // A 401 here is the session ending under a signed-in page (expired, signed out elsewhere).
    if (error.status === 401) showSignIn('your session has ended: sign in again');
    else tell('error', describe(error));
  }
  // A 4xx on the list, counts or stream refuses the filters themselves: nothing under them is
  // shown (the old list would look like their result) and nothing is retried until they change.
  function listFailed(error) {
    if (error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 429) {
      stop();
      state.findings = new Map(); state.lanes = {}; state.refused = true;
      $('counters').textContent = '';
      render();
    }
    failed(error);
  }

  function renderCounts(counts) {
    var box = $('counters'); box.textContent = '';
    box.appendChild(h('div', { class: 'counter', 'data-count': 'total' }, [h('b', { text: String(counts.total) }), 'findings']));
    [['bySeverity', ''], ['byRule', ''], ['byStore', 'store '], ['byCategory', '']].forEach(function (pair) {
      Object.keys(counts[pair[0]]).sort().forEach(function (key) {
        box.appendChild(h('div', { class: 'counter', 'data-count': pair[0] + ':' + key }, [h('b', { text: String(counts[pair[0]][key]) }), pair[1] + key]));
      });
    });
  }

  // A finding is kept at its highest version: list pages and stream events may arrive in any order.
  function remember(finding, fresh) {
    var known = state.findings.get(finding.id);
    if (known && known.finding.version >= finding.version) return false;
    state.findings.set(finding.id, { finding: finding, fresh: fresh });
    return true;
  }

  // A finding moves in and out of these filters (it resolves, its severity changes as impact
  // nears): the stream must still say so, so they are applied here, not by the stream.
  var MOVING_FILTERS = ['status', 'severity'];
  function wanted(finding) {
    var params = new URLSearchParams(state.filters);
    return MOVING_FILTERS.every(function (name) { var value = params.get(name); return !value || value.split(',').indexOf(finding[name]) >= 0; });
  }

  function render() {
    var now = Date.now(), lanes = { now: [], upcoming: [] };
    state.findings.forEach(function (entry) {
      if (!wanted(entry.finding)) return;
      (Date.parse(entry.finding.impactAt) > now ? lanes.upcoming : lanes.now).push(entry);
    });
    var rank = { critical: 0, high: 1, medium: 2, low: 3 };
    var resolvedLast = function (a, b) { return (a.finding.status === 'resolved') - (b.finding.status === 'resolved'); };
    lanes.now.sort(function (a, b) { return resolvedLast(a, b) || rank[a.finding.severity] - rank[b.finding.severity] || Date.parse(b.finding.detectedAt) - Date.parse(a.finding.detectedAt); });
    lanes.upcoming.sort(function (a, b) { return resolvedLast(a, b) || Date.parse(a.finding.impactAt) - Date.parse(b.finding.impactAt); });
    ['now', 'upcoming'].forEach(function (lane) {
      var list = $('lane-' + lane), total = state.lanes[lane] && state.lanes[lane].total, shown = lanes[lane].length;
      list.textContent = '';
      $('more-' + lane).textContent = total > shown ? 'showing ' + shown.toLocaleString('en-US') + ' of ' + total.toLocaleString('en-US') + '; narrow the filter' : '';
      lanes[lane].forEach(function (entry) { list.appendChild(card(entry, now)); entry.fresh = false; });
      if (shown === 0) list.appendChild(h('li', { class: 'empty', text: state.refused ? 'not loaded: the filter was refused' : 'nothing here' }));
    });
  }

  function card(entry, now) {
    var f = entry.finding, impact = Date.parse(f.impactAt) - now, resolved = f.status === 'resolved';
    var actions = h('div', { class: 'actions' }, [h('button', { onclick: function () { showDetail(f.id); }, text: 'Details' })]);
    var mayAct = state.principal && (state.principal.role === 'ops' || state.principal.role === 'admin') && f.status !== 'resolved';
    if (mayAct && f.status !== 'acknowledged') actions.appendChild(h('button', { class: 'primary', 'data-action': 'acknowledge', onclick: function () { act(f.id, 'acknowledge', {}); }, text: 'Acknowledge' }));
    if (mayAct) {
      var reason = h('input', { placeholder: 'reason to suppress', 'aria-label': 'reason', name: 'reason' });
      actions.appendChild(reason);
      actions.appendChild(h('button', { 'data-action': 'suppress', onclick: function () {
        if (!reason.value.trim()) { tell('error', 'a reason is needed to suppress'); reason.focus(); return; }
        act(f.id, 'suppress', { reason: reason.value.trim(), until: new Date(Date.now() + 86400000).toISOString() });
      }, text: 'Suppress 24h' }));
      var assignee = h('input', { placeholder: 'assignee', 'aria-label': 'assignee', name: 'assignee' });
      actions.appendChild(assignee);
      actions.appendChild(h('button', { 'data-action': 'assign', onclick: function () {
        if (!assignee.value.trim()) { tell('error', 'an assignee is needed to assign'); assignee.focus(); return; }
        act(f.id, 'assign', { assignee: assignee.value.trim() });
      }, text: 'Assign' }));
    }
    // An acknowledgement or a suppression undone: the finding is open again, in the lanes and in alerts.
    if (mayAct && (f.status === 'acknowledged' || f.status === 'suppressed')) actions.appendChild(h('button', { 'data-action': 'reopen', onclick: function () { act(f.id, 'reopen', {}); }, text: 'Reopen' }));
    // A resolved finding is no dead end any more: it says when it ended, not how long customers meet it.
    var when = resolved ? 'resolved' + (f.resolvedAt ? ' ' + span(Date.parse(f.resolvedAt) - now) : '')
      : impact > 0 ? 'impact ' + span(impact) : 'since ' + span(impact).replace(' ago', '');
    return h('li', { class: 'finding sev-' + f.severity + (resolved ? ' resolved' : '') + (entry.fresh ? ' fresh' : ''), 'data-finding-id': f.id, 'data-status': f.status, 'data-version': String(f.version) }, [
      h('div', { class: 'top' }, [
        h('span', { class: 'rule', text: f.rule }),
        h('span', { class: 'subject', text: (f.sku || f.promotionId || f.policyId || f.subject.id) + (f.category ? ' · ' + f.category : '') }),
        h('span', { class: 'status ' + f.status, text: f.status }),
        h('span', { class: 'sev', text: f.severity }),
        h('span', { class: 'impact', title: 'impact ' + f.impactAt + (f.resolvedAt ? ', resolved ' + f.resolvedAt : ''), text: when })
      ]),
      h('div', { class: 'channels' }, f.channels.map(function (c) { return h('span', {}, [h('b', { text: c.channel }), ' ' + c.value]); })),
      f.handling ? h('div', { class: 'handling', text: f.status + ' by ' + f.handling.by + ' ' + span(Date.parse(f.handling.at) - now) + (f.handling.reason ? ': ' + f.handling.reason : '') + (f.handling.assignee ? ' (assigned ' + f.handling.assignee + ')' : '') }) : null,
      actions
    ]);
  }

  function act(id, kind, body) {
    api('POST', '/api/findings/' + id + '/' + kind, body).then(function () {
      tell('notice', kind + ' recorded in the event log; the finding updates when the reconciler applies it');
    }).catch(failed);
  }

  // ---- live stream ----
  function setLive(on, text) { var live = $('live'); live.className = 'live ' + (on ? 'on' : 'off'); live.textContent = text; }
  function openStream() {
    if (state.source) state.source.close();
    state.retryTimer = null;
    var params = new URLSearchParams(state.filters);
    MOVING_FILTERS.forEach(function (name) { params.delete(name); });
    var url = '/api/stream?' + params.toString();
    var source = new EventSource(url, { withCredentials: true });
    state.source = source;
    source.onopen = current(function () { state.retries = 0; setLive(true, 'live'); });
    source.onerror = current(function () {
      setLive(false, 'reconnecting');
      // EventSource retries a dropped connection by itself, but gives up on an HTTP error without
      // saying which. Once the lists have answered (a refused filter stops everything there), ask.
      if (source.readyState === EventSource.CLOSED) { state.source = null; state.listed.then(current(function () { whyClosed(url); })); }
    });
    ['opened', 'updated', 'resolved'].forEach(function (type) {
      source.addEventListener(type, function (message) {
        var change = JSON.parse(message.data);
        window.__parity.arrivals[change.findingId + ':' + change.version] = Date.now();
        if (remember(change.finding, true)) {
          // Out of the filters now (resolved, say): forget it, so a long session does not pile them up.
          if (!wanted(change.finding)) state.findings.delete(change.finding.id);
          render(); countsSoon();
        }
      });
    });
  }
  // The stream's own answer: a 4xx refuses (shown once, not retried); a 5xx, a 429 or no answer
  // is retried with a growing delay; a 200 (the server is back) reconnects.
  function whyClosed(url) {
    var probe = new AbortController();
    fetch(url, { credentials: 'same-origin', signal: probe.signal }).then(current(function (response) {
      if (response.ok || response.status >= 500 || response.status === 429) { probe.abort(); retryStream(); return; }
      return response.json().then(current(function (json) {
        var error = new Error(json.reason || response.statusText); error.status = response.status; error.code = json.code;
        listFailed(error);
      }));
    })).catch(current(retryStream));
  }
  function retryStream() {
    var delay = Math.min(30000, 1000 * Math.pow(2, state.retries++));
    setLive(false, 'reconnecting in ' + Math.round(delay / 1000) + ' s');
    state.retryTimer = setTimeout(current(openStream), delay);
  }
  setInterval(function () { if (!$('app').hidden) render(); }, 30000);

  // ---- detail and timeline ----
  function row(cells, header) { return h('tr', {}, cells.map(function (cell) { return h(header ? 'th' : 'td', {}, [typeof cell === 'string' ? cell : cell]); })); }
  function table(head, rows) { return h('table', {}, [row(head, true)].concat(rows.map(function (cells) { return row(cells); }))); }
  function pre(value) { return h('pre', { text: JSON.stringify(value, null, 1) }); }

  function showDetail(id) {
    api('GET', '/api/findings/' + id).then(function (detail) {
      var f = detail.finding, panel = $('detail');
      panel.textContent = ''; panel.hidden = false;
      panel.appendChild(h('button', { onclick: function () { panel.hidden = true; }, text: 'Close' }));
      panel.appendChild(h('h2', { text: f.rule + ' · ' + (f.sku || f.subject.id) }));
      panel.appendChild(h('p', { text: 'status ' + f.status + ', severity ' + f.severity + ', impact ' + f.impactAt + ', detected ' + f.detectedAt + (f.resolvedAt ? ', resolved ' + f.resolvedAt : '') }));
      panel.appendChild(h('h3', { text: 'What each channel shows' }));
      panel.appendChild(table(['channel', 'value'], f.channels.map(function (c) { return [c.channel, c.value]; })));
      panel.appendChild(h('h3', { text: 'Rule parameters' }));
      panel.appendChild(table(['parameter', 'value'], Object.keys(f.parameters).map(function (k) { return [k, String(f.parameters[k])]; })));
      panel.appendChild(h('h3', { text: 'Evidence' }));
      panel.appendChild(table(['channel', 'event', 'type', 'event time', 'data'], detail.evidence.map(function (e) { return [e.source, e.id, e.type, e.eventTime, pre(e.data)]; })));
      panel.appendChild(h('h3', { text: 'History' }));
      panel.appendChild(table(['version', 'change', 'committed', 'status', 'by'], detail.history.map(function (c) { return [String(c.version), c.change, c.committedAt, c.status, c.handling ? c.handling.by : '']; })));
      panel.appendChild(h('h3', { text: 'Operator actions (event log)' }));
      panel.appendChild(table(['type', 'by', 'recorded', 'data'], detail.actions.map(function (a) { return [a.type.replace('parity.finding.', ''), a.data.by, a.recordedAt, pre(a.data)]; })));
      if (f.sku) {
        var holder = h('div', { id: 'timeline' }, [h('p', { text: 'loading timeline...' })]);
        panel.appendChild(h('h3', { text: 'Timeline of ' + f.sku }));
        panel.appendChild(holder);
        api('GET', '/api/skus/' + encodeURIComponent(f.sku) + '/timeline').then(function (timeline) { holder.textContent = ''; holder.appendChild(chart(timeline, f.id)); }).catch(failed);
      }
    }).catch(failed);
  }

  function chart(timeline, selected) {
    var times = [], now = Date.now();
    timeline.lanes.forEach(function (lane) { lane.entries.forEach(function (e) { times.push(Date.parse(e.at)); }); });
    timeline.findings.forEach(function (f) { f.intervals.forEach(function (i) { times.push(Date.parse(i.from)); if (i.to) times.push(Date.parse(i.to)); }); });
    times.push(now);
    var t0 = Math.min.apply(null, times), t1 = Math.max.apply(null, times);
    if (t1 - t0 < 60000) { t0 -= 30000; t1 += 30000; }
    var left = 150, width = 860, laneHeight = 46, top = 24;
    var lanes = timeline.lanes.length + 1, height = top + lanes * laneHeight + 24;
    var x = function (t) { return left + (t - t0) / (t1 - t0) * (width - left - 20); };
    var svg = s('svg', { class: 'timeline', viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': 'timeline of ' + timeline.sku });
    svg.appendChild(s('text', { x: left, y: 14 }, new Date(t0).toISOString().slice(0, 16).replace('T', ' ')));
    svg.appendChild(s('text', { x: width - 20, y: 14, 'text-anchor': 'end' }, new Date(t1).toISOString().slice(0, 16).replace('T', ' ')));
    svg.appendChild(s('line', { x1: x(now), x2: x(now), y1: top - 6, y2: height - 20, stroke: '#999', 'stroke-dasharray': '4 3' }));
    svg.appendChild(s('text', { x: x(now) + 3, y: height - 8 }, 'now'));
    // Lane 0: when each finding of the SKU was open, one thin bar each; the one shown in the
    // detail also as a band across every lane, so what each channel showed then is visible.
    svg.appendChild(s('text', { x: 8, y: top + 26, class: 'lane-label' }, 'findings'));
    var bar = Math.max(2, Math.min(8, Math.floor((laneHeight - 8) / Math.max(1, timeline.findings.length))));
    timeline.findings.forEach(function (f, index) {
      f.intervals.forEach(function (i) {
        var from = x(Date.parse(i.from)), to = x(i.to ? Date.parse(i.to) : t1), w = Math.max(2, to - from);
        var rect = s('rect', { class: 'finding-bar' + (f.id === selected ? ' selected' : ''), x: from, y: top + 4 + index * bar, width: w, height: Math.max(1, bar - 1) });
        rect.appendChild(s('title', {}, f.rule + ' (' + f.status + ') ' + i.from + ' to ' + (i.to || 'now')));
        svg.appendChild(rect);
        if (f.id === selected) svg.appendChild(s('rect', { class: 'finding-band', x: from, y: top, width: w, height: lanes * laneHeight }));
      });
    });
    timeline.lanes.forEach(function (lane, index) {
      var y = top + (index + 1) * laneHeight + 22, lastLabel = -Infinity;
      svg.appendChild(s('text', { x: 8, y: y + 4, class: 'lane-label' }, lane.channel));
      svg.appendChild(s('line', { x1: left, x2: width - 20, y1: y, y2: y, stroke: '#dde' }));
      lane.entries.forEach(function (e, n) {
        var next = lane.entries[n + 1], from = x(Date.parse(e.at)), to = next ? x(Date.parse(next.at)) : width - 20;
        if (e.kind === 'price') svg.appendChild(s('line', { class: 'segment', x1: from, x2: to, y1: y, y2: y }));
        var mark = s('circle', { class: 'mark ' + e.kind, cx: from, cy: y, r: 5 });
        mark.appendChild(s('title', {}, e.at + ' ' + e.kind + ': ' + e.value));
        svg.appendChild(mark);
        // Labels only where there is room (22 characters fit in the 150 px kept between them; near
        // the right edge they end at their mark); every mark has its full text as a tooltip.
        var label = e.value.length > 22 ? e.value.slice(0, 21) + '…' : e.value, nearEnd = from + 156 > width - 20;
        if (nearEnd ? from - lastLabel > 300 : from - lastLabel > 150) {
          svg.appendChild(s('text', { x: nearEnd ? from - 6 : from + 6, y: y - 8, 'text-anchor': nearEnd ? 'end' : 'start' }, label));
          lastLabel = nearEnd ? Infinity : from;
        }
      });
    });
    return svg;
  }

  start();
})();
`;
