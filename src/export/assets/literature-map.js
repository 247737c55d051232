// literature-map.html, written by citegraph: the interactive map (plain JavaScript, no library,
// no request). Every title and name goes into the page as text (textContent), never as markup.
(function () {
  'use strict';
  var errors = [];
  var violations = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message)); });
  document.addEventListener('securitypolicyviolation', function (e) {
    violations.push(e.violatedDirective + ' ' + e.blockedURI);
  });

  var SVG = 'http://www.w3.org/2000/svg';
  var $ = function (id) { return document.getElementById(id); };
  var data = JSON.parse($('map-data').textContent);
  var papers = data.papers;
  var svg = $('map'), viewport = $('viewport'), card = $('card');
  var years = data.years || [0, 0];
  var state = { query: '', sections: data.sections.map(function () { return true; }), candidates: true,
                yearMin: years[0], yearMax: years[1] };
  var view = { x: 0, y: 0, k: 1 };

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVG, name);
    for (var k in attrs) { e.setAttribute(k, attrs[k]); }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function html(tag, text, cls, parent) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function safeUrl(url) { return /^https?:\/\//i.test(url) ? url : null; }
  function open(i) {
    var url = safeUrl(papers[i].url);
    if (url) { window.open(url, '_blank', 'noopener'); }
  }

  $('title').textContent = data.title;
  $('subtitle').textContent = data.subtitle;

  // The drawing: citations, then circles (other papers, candidates, listed; larger first), then labels.
  var edgeEls = data.edges.map(function (e) {
    var a = papers[e[0]], b = papers[e[1]];
    return el('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, 'class': e[3] ? 'edge strong' : 'edge' }, $('edges'));
  });
  var group = { context: 0, candidate: 1, listed: 2 };
  var order = papers.map(function (p, i) { return i; });
  order.sort(function (a, b) {
    return (group[papers[a].role] - group[papers[b].role]) || (papers[b].r - papers[a].r) || (a - b);
  });
  var nodeEls = [], markEls = [];
  order.forEach(function (i) {
    var p = papers[i];
    var c = el('circle', { cx: p.x, cy: p.y, r: p.r, fill: p.fill, 'class': 'node ' + p.role, 'data-index': i,
                           'data-id': p.id }, $('nodes'));
    var t = document.createElementNS(SVG, 'title');
    t.textContent = p.title;
    c.appendChild(t);
    nodeEls[i] = c;
    if (p.mark) {
      // The section letter or the rank, as in the SVG; clicks go through to the circle.
      var m = el('text', { x: p.x, y: p.y, 'font-size': p.markSize, fill: p.markInk, 'class': 'mark' }, $('nodes'));
      m.textContent = p.mark;
      markEls[i] = m;
    }
  });
  var labelEls = [];
  data.labels.forEach(function (l) {
    var p = papers[l.paper];
    var g = el('g', { 'class': 'label-group' }, $('labels'));
    if (l.leader) {
      var nx = Math.max(l.x0, Math.min(p.x, l.x1)), ny = Math.max(l.y0, Math.min(p.y, l.y1));
      var dx = nx - p.x, dy = ny - p.y, d = Math.max(Math.hypot(dx, dy), 1e-9), r = p.r + 1;
      el('line', { x1: p.x + dx / d * r, y1: p.y + dy / d * r, x2: nx, y2: ny, 'class': 'leader' }, g);
    }
    el('rect', { x: l.x0, y: l.y0, width: l.x1 - l.x0, height: l.y1 - l.y0, 'class': 'label-box' }, g);
    var t = el('text', { x: l.x0 + 3, y: (l.y0 + l.y1) / 2, 'font-size': l.size,
                         'class': p.role === 'listed' ? 'label' : 'label other' }, g);
    t.textContent = l.text;
    labelEls[l.paper] = g;
  });

  // Pan and zoom: screen = k * map + (x, y).
  function applyView() {
    viewport.setAttribute('transform', 'translate(' + view.x + ',' + view.y + ') scale(' + view.k + ')');
  }
  function zoomAt(px, py, factor) {
    var k = Math.min(40, Math.max(0.05, view.k * factor));
    factor = k / view.k;
    view.x = px - (px - view.x) * factor;
    view.y = py - (py - view.y) * factor;
    view.k = k;
    applyView();
  }
  function fit() {
    var box = null;
    papers.forEach(function (p, i) {
      if (nodeEls[i].classList.contains('hidden')) { return; }
      var x0 = p.x - p.r, y0 = p.y - p.r, x1 = p.x + p.r, y1 = p.y + p.r;
      var lg = labelEls[i];
      if (lg && !lg.classList.contains('hidden')) {
        var l = data.labels.filter(function (q) { return q.paper === i; })[0];
        x0 = Math.min(x0, l.x0); y0 = Math.min(y0, l.y0); x1 = Math.max(x1, l.x1); y1 = Math.max(y1, l.y1);
      }
      box = box ? [Math.min(box[0], x0), Math.min(box[1], y0), Math.max(box[2], x1), Math.max(box[3], y1)]
                : [x0, y0, x1, y1];
    });
    if (!box) { box = data.plot; }
    // Room for the buttons above and the legend below.
    var w = svg.clientWidth || 800, h = svg.clientHeight || 600, m = 16, top = 52, bottom = 34;
    var k = Math.min((w - 2 * m) / Math.max(box[2] - box[0], 1), (h - top - bottom) / Math.max(box[3] - box[1], 1));
    view.k = Math.min(k, 4);
    view.x = (w - view.k * (box[0] + box[2])) / 2;
    view.y = top + (h - top - bottom - view.k * (box[1] + box[3])) / 2;
    applyView();
  }
  function point(e) {
    var r = svg.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }
  svg.addEventListener('wheel', function (e) {
    e.preventDefault();
    var p = point(e);
    zoomAt(p[0], p[1], Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015)));
  }, { passive: false });
  var pointers = {};
  var drag = null;
  svg.addEventListener('pointerdown', function (e) {
    pointers[e.pointerId] = point(e);
    if (svg.setPointerCapture) { try { svg.setPointerCapture(e.pointerId); } catch (err) { /* synthetic */ } }
    drag = { moved: 0 };
    svg.classList.add('dragging');
  });
  svg.addEventListener('pointermove', function (e) {
    if (!(e.pointerId in pointers)) { return; }
    var now = point(e), before = pointers[e.pointerId];
    var ids = Object.keys(pointers);
    if (ids.length === 2) {
      var other = pointers[ids[0] == e.pointerId ? ids[1] : ids[0]];
      var d0 = Math.hypot(before[0] - other[0], before[1] - other[1]);
      var d1 = Math.hypot(now[0] - other[0], now[1] - other[1]);
      if (d0 > 0) { zoomAt((now[0] + other[0]) / 2, (now[1] + other[1]) / 2, d1 / d0); }
    } else {
      view.x += now[0] - before[0];
      view.y += now[1] - before[1];
      applyView();
    }
    if (drag) { drag.moved += Math.abs(now[0] - before[0]) + Math.abs(now[1] - before[1]); }
    pointers[e.pointerId] = now;
  });
  function release(e) {
    delete pointers[e.pointerId];
    if (!Object.keys(pointers).length) { svg.classList.remove('dragging'); }
  }
  svg.addEventListener('pointerup', release);
  svg.addEventListener('pointercancel', release);
  svg.addEventListener('keydown', function (e) {
    var w = svg.clientWidth / 2, h = svg.clientHeight / 2, step = 60;
    var keys = {
      '+': function () { zoomAt(w, h, 1.25); }, '=': function () { zoomAt(w, h, 1.25); },
      '-': function () { zoomAt(w, h, 0.8); }, '0': fit,
      ArrowLeft: function () { view.x += step; applyView(); }, ArrowRight: function () { view.x -= step; applyView(); },
      ArrowUp: function () { view.y += step; applyView(); }, ArrowDown: function () { view.y -= step; applyView(); }
    };
    if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
  });
  $('zoom-in').addEventListener('click', function () { zoomAt(svg.clientWidth / 2, svg.clientHeight / 2, 1.25); });
  $('zoom-out').addEventListener('click', function () { zoomAt(svg.clientWidth / 2, svg.clientHeight / 2, 0.8); });
  $('fit').addEventListener('click', fit);

  // The hover card.
  function showCard(i, x, y) {
    var p = papers[i];
    card.textContent = '';
    html('h3', p.title, null, card);
    if (p.authors.length) {
      html('p', p.authors.length > 8 ? p.authors.slice(0, 6).join(', ') + ' et al.' : p.authors.join(', '), null, card);
    }
    var meta = [p.year === null ? 'year unknown' : String(p.year)];
    if (p.venue) { meta.push(p.venue); }
    html('p', meta.join(' · '), 'meta', card);
    var counts = [];
    if (p.citations !== null) { counts.push(p.citations.toLocaleString('en') + ' citations'); }
    counts.push('cited by ' + p.citedByListed + ' listed', 'cites ' + p.citesListed + ' listed');
    html('p', counts.join(' · '), 'meta', card);
    if (p.role === 'listed') {
      html('p', 'On the list: ' + data.sections[p.section].name, null, card);
    } else if (p.role === 'candidate') {
      html('p', 'Not on the list: candidate #' + p.rank + ' (score ' + p.score + ')', null, card);
      var ul = html('ul', null, 'reasons', card);
      p.reasons.forEach(function (r) { html('li', r, null, ul); });
    }
    html('p', 'Click to open the paper', 'open', card);
    card.hidden = false;
    var stage = $('stage').getBoundingClientRect();
    var cw = card.offsetWidth, ch = card.offsetHeight;
    var left = x + 16, top = y + 16;
    if (left + cw > stage.width - 8) { left = Math.max(8, x - cw - 16); }
    if (top + ch > stage.height - 8) { top = Math.max(8, stage.height - ch - 8); }
    card.style.left = left + 'px';
    card.style.top = top + 'px';
  }
  function hideCard() { card.hidden = true; }
  function indexOf(target) {
    var i = target && target.getAttribute ? target.getAttribute('data-index') : null;
    return i === null ? -1 : Number(i);
  }
  $('nodes').addEventListener('mouseover', function (e) {
    var i = indexOf(e.target);
    if (i >= 0) { var p = point(e); showCard(i, p[0], p[1]); highlight(i, true); }
  });
  $('nodes').addEventListener('mouseout', function (e) {
    var i = indexOf(e.target);
    if (i >= 0) { hideCard(); highlight(i, false); }
  });
  $('nodes').addEventListener('click', function (e) {
    var i = indexOf(e.target);
    if (i >= 0 && (!drag || drag.moved < 5)) { open(i); }
  });

  function highlight(i, on) {
    nodeEls[i].classList.toggle('hl', on);
    if (on) { nodeEls[i].parentNode.appendChild(nodeEls[i]); }
    var link = topLinks[i];
    if (link) { link.classList.toggle('hl', on); }
  }

  // Filters and search.
  var haystacks = papers.map(function (p) { return (p.title + ' ' + p.authors.join(' ')).toLowerCase(); });
  function shown(p) {
    if (p.role === 'listed' && !state.sections[p.section]) { return false; }
    if (p.role === 'candidate' && !state.candidates) { return false; }
    if (p.year !== null && data.years && (p.year < state.yearMin || p.year > state.yearMax)) { return false; }
    return true;
  }
  function update() {
    var q = state.query.trim().toLowerCase();
    var vis = papers.map(shown);
    var matches = 0;
    papers.forEach(function (p, i) {
      var match = q !== '' && vis[i] && haystacks[i].indexOf(q) >= 0;
      if (match) { matches += 1; }
      nodeEls[i].classList.toggle('hidden', !vis[i]);
      nodeEls[i].classList.toggle('match', match);
      if (markEls[i]) { markEls[i].classList.toggle('hidden', !vis[i]); }
      if (labelEls[i]) {
        labelEls[i].classList.toggle('hidden', !vis[i]);
        labelEls[i].classList.toggle('match', match);
      }
      if (topLinks[i]) { topLinks[i].parentNode.classList.toggle('hidden', !vis[i]); }
    });
    data.edges.forEach(function (e, j) { edgeEls[j].classList.toggle('hidden', !(vis[e[0]] && vis[e[1]])); });
    svg.classList.toggle('searching', q !== '');
    $('search-count').textContent = q === '' ? '' : matches === 1 ? '1 paper matches' : matches + ' papers match';
  }
  $('search').addEventListener('input', function (e) { state.query = e.target.value; update(); });
  data.sections.forEach(function (s, i) {
    var label = html('label', null, 'check', $('sections'));
    var box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = true;
    box.id = 'section-' + i;
    box.addEventListener('change', function () { state.sections[i] = box.checked; update(); });
    label.appendChild(box);
    var sw = html('span', null, 'swatch', label);
    sw.style.background = s.colour;
    html('span', s.name, null, label);
  });
  $('show-candidates').addEventListener('change', function (e) { state.candidates = e.target.checked; update(); });
  [['year-min', 'yearMin'], ['year-max', 'yearMax']].forEach(function (pair) {
    var input = $(pair[0]);
    if (!data.years) { input.disabled = true; return; }
    input.min = years[0];
    input.max = years[1];
    input.value = state[pair[1]];
    input.addEventListener('input', function () {
      var v = parseInt(input.value, 10);
      if (!isNaN(v)) { state[pair[1]] = v; update(); }
    });
  });

  // The top candidates: links that light their paper up on the map.
  var topLinks = [];
  data.top.forEach(function (i) {
    var p = papers[i];
    var li = html('li', null, null, $('top'));
    var a = html('a', null, null, li);
    var url = safeUrl(p.url);
    if (url) { a.href = url; a.target = '_blank'; a.rel = 'noopener'; }
    a.textContent = p.title;
    if (p.year !== null) { html('span', ' (' + p.year + ')', 'year', a); }
    var on = function () {
      highlight(i, true);
      var r = nodeEls[i].getBoundingClientRect(), s = $('stage').getBoundingClientRect();
      showCard(i, r.left + r.width / 2 - s.left, r.top + r.height / 2 - s.top);
    };
    var off = function () { highlight(i, false); hideCard(); };
    a.addEventListener('mouseenter', on);
    a.addEventListener('focus', on);
    a.addEventListener('mouseleave', off);
    a.addEventListener('blur', off);
    topLinks[i] = a;
  });

  update();
  fit();
  window.addEventListener('resize', fit);

  // #selftest=QUERY: the page checks its own interactions and writes the results as JSON into
  // <pre id="selftest"> for the browser test.
  var hash = decodeURIComponent(location.hash.slice(1));
  if (hash.indexOf('selftest=') === 0) { selftest(hash.slice('selftest='.length)); }
  // #paper=ID: a link to one paper, lit up with its card showing.
  if (hash.indexOf('paper=') === 0) { showPaper(hash.slice('paper='.length)); }

  function showPaper(id) {
    var i = papers.map(function (p) { return p.id; }).indexOf(id);
    if (i < 0) { return; }
    highlight(i, true);
    var r = nodeEls[i].getBoundingClientRect(), s = $('stage').getBoundingClientRect();
    showCard(i, r.left + r.width / 2 - s.left, r.top + r.height / 2 - s.top);
  }

  function selftest(query) {
    var out = {};
    var ids = function (pred) {
      return papers.map(function (p, i) { return pred(i) ? p.id : null; }).filter(function (x) { return x !== null; });
    };
    var search = $('search');
    search.focus();
    search.value = query;
    search.dispatchEvent(new Event('input', { bubbles: true }));
    out.searchMatches = ids(function (i) { return nodeEls[i].classList.contains('match'); });
    out.searchCount = $('search-count').textContent;
    search.value = '';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    out.matchesAfterClearing = ids(function (i) { return nodeEls[i].classList.contains('match'); }).length;

    var first = $('section-0');
    if (first) {
      first.click();
      out.hiddenWithSection0Off = ids(function (i) { return nodeEls[i].classList.contains('hidden'); });
      first.click();
      out.hiddenAfter = ids(function (i) { return nodeEls[i].classList.contains('hidden'); }).length;
    }
    $('show-candidates').click();
    out.hiddenWithoutCandidates = ids(function (i) { return nodeEls[i].classList.contains('hidden'); });
    $('show-candidates').click();

    var target = data.top.length ? data.top[0] : 0;
    if (papers.length) {
      var r = nodeEls[target].getBoundingClientRect();
      var at = { bubbles: true, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2 };
      nodeEls[target].dispatchEvent(new MouseEvent('mouseover', at));
      out.hoverTarget = papers[target].id;
      out.cardShown = !card.hidden;
      out.cardText = card.textContent;
      out.cardHeading = card.querySelector('h3') ? card.querySelector('h3').textContent : null;
      nodeEls[target].dispatchEvent(new MouseEvent('mouseout', at));
      out.cardHiddenAfter = card.hidden;
    }
    var link = $('top').querySelector('a');
    if (link) {
      link.dispatchEvent(new MouseEvent('mouseenter'));
      out.listHighlights = ids(function (i) { return nodeEls[i].classList.contains('hl'); });
      link.dispatchEvent(new MouseEvent('mouseleave'));
      out.listHighlightsAfter = ids(function (i) { return nodeEls[i].classList.contains('hl'); }).length;
    }

    var k0 = view.k;
    svg.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, deltaY: -300, clientX: 400, clientY: 300 }));
    out.wheelZooms = view.k > k0;
    var x0 = view.x;
    svg.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, pointerId: 7, clientX: 300, clientY: 300 }));
    svg.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, pointerId: 7, clientX: 380, clientY: 320 }));
    svg.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, pointerId: 7, clientX: 380, clientY: 320 }));
    out.dragPans = Math.abs(view.x - x0 - 80) < 1e-6;
    svg.focus();
    var k1 = view.k;
    svg.dispatchEvent(new KeyboardEvent('keydown', { key: '-', bubbles: true }));
    out.keyboardZooms = view.k < k1;
    out.mapFocusable = document.activeElement === svg;
    $('fit').click();
    var s = svg.getBoundingClientRect();
    out.fitShowsAll = papers.every(function (p, i) {
      var b = nodeEls[i].getBoundingClientRect();
      return b.left >= s.left - 1 && b.right <= s.right + 1 && b.top >= s.top - 1 && b.bottom <= s.bottom + 1;
    });
    out.focusable = Array.prototype.map.call(
      document.querySelectorAll('input, button, a[href], [tabindex="0"]'), function (e) { return e.id || e.tagName; }
    ).length;
    out.markupInTitles = document.querySelectorAll('#map b, #card b, #top b, #head b, #map script, #top script').length;
    out.scripts = document.scripts.length;
    out.title = $('title').textContent;
    out.resources = performance.getEntriesByType('resource').map(function (e) { return e.name; });
    out.violations = violations;
    out.errors = errors;
    var pre = $('selftest');
    pre.textContent = JSON.stringify(out).replace(/[<>&]/g, function (c) {
      return '\\u' + ('000' + c.charCodeAt(0).toString(16)).slice(-4);
    });
    pre.setAttribute('data-done', 'yes');
  }
})();
