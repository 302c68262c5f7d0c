// kgbuild's HTML view: draws the graph held in #kg-data with cytoscape.js and lets the
// reader search it, filter it and read the evidence behind every edge.
// Everything taken from the data reaches the page as text (textContent, createTextNode),
// never as markup.
(function () {
  'use strict';

  var started = performance.now();
  var data = JSON.parse(document.getElementById('kg-data').textContent);
  var parsed = performance.now();

  // Entity types in a fixed order with colours told apart by colour-blind readers too
  // (Okabe-Ito first); any other type is grey.
  var TYPE_COLOURS = {
    PERSON: '#0072b2', ORG: '#e69f00', GPE: '#009e73', LOC: '#56b4e9', EVENT: '#d55e00',
    DATE: '#cc79a7', NORP: '#f0e442', WORK_OF_ART: '#8c564b', AWARD: '#7f3c8d'
  };
  var OTHER_COLOUR = '#9aa0a6';
  var BIG = 1000;  // above this many drawn nodes: straight edges without arrows, edges hidden while panning

  function colourOf(type) { return Object.prototype.hasOwnProperty.call(TYPE_COLOURS, type) ? TYPE_COLOURS[type] : OTHER_COLOUR; }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function plural(n, one, many) { return n.toLocaleString('en-US') + ' ' + (n === 1 ? one : many); }

  // Indexes over the data.
  var nodeById = new Map();
  var edgeById = new Map();
  var edgesAt = new Map();
  data.nodes.forEach(function (n) { nodeById.set(n.id, n); edgesAt.set(n.id, []); });
  data.edges.forEach(function (e) {
    edgeById.set(e.id, e);
    edgesAt.get(e.source).push(e);
    if (e.target !== e.source) edgesAt.get(e.target).push(e);
  });
  var maxDegree = data.nodes.reduce(function (m, n) { return Math.max(m, n.degree); }, 1);

  function nodeSize(n) { return 14 + 46 * Math.sqrt(n.degree / maxDegree); }

  function nodeElement(n) {
    var size = nodeSize(n);
    return {
      group: 'nodes',
      data: { id: n.id, label: n.label, type: n.type, colour: colourOf(n.type), size: size, font: Math.max(11, Math.round(size / 2.4)) },
      position: { x: n.x, y: n.y }
    };
  }

  function edgeElement(e) {
    return { group: 'edges', data: { id: e.id, source: e.source, target: e.target, relation: e.relation, cls: e['class'], width: Math.min(1 + e.weight, 8) } };
  }

  // What is drawn: the `shown` most connected nodes, then whatever the reader reveals.
  var drawn = new Set();
  data.nodes.forEach(function (n) { if (n.rank < data.shown) drawn.add(n.id); });
  var elements = [];
  data.nodes.forEach(function (n) { if (drawn.has(n.id)) elements.push(nodeElement(n)); });
  data.edges.forEach(function (e) { if (drawn.has(e.source) && drawn.has(e.target)) elements.push(edgeElement(e)); });
  var big = drawn.size > BIG;

  // The page opens on the linked nodes (a big graph: on its 150 most connected ones), close
  // enough to read; Fit shows everything drawn. The view is worked out from the positions
  // here rather than by cytoscape's fit, which measures every label first (half a second
  // for 5,000 nodes).
  var container = document.getElementById('cy');
  function openingView() {
    var x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity, count = 0;
    var linked = new Set();
    data.edges.forEach(function (e) { if (e.source !== e.target) { linked.add(e.source); linked.add(e.target); } });
    data.nodes.forEach(function (n) {
      if (!drawn.has(n.id) || (drawn.size > 300 ? n.rank >= 150 : !linked.has(n.id))) return;
      var r = nodeSize(n) / 2 + 20;
      x1 = Math.min(x1, n.x - r); x2 = Math.max(x2, n.x + r);
      y1 = Math.min(y1, n.y - r); y2 = Math.max(y2, n.y + r + 16);
      count += 1;
    });
    var w = Math.max(container.clientWidth, 100), h = Math.max(container.clientHeight, 100);
    if (count < 2) return { zoom: 1, pan: { x: w / 2, y: h / 2 } };
    var zoom = Math.min(Math.max(Math.min((w - 60) / (x2 - x1), (h - 60) / (y2 - y1)), 0.02), 2);
    return { zoom: zoom, pan: { x: w / 2 - zoom * (x1 + x2) / 2, y: h / 2 - zoom * (y1 + y2) / 2 } };
  }
  var opening = openingView();

  var cy = cytoscape({
    container: container,
    elements: elements,
    layout: { name: 'preset', fit: false },
    zoom: opening.zoom,
    pan: opening.pan,
    minZoom: 0.02,
    maxZoom: 8,
    textureOnViewport: big,
    hideEdgesOnViewport: big,
    pixelRatio: big ? 1 : 'auto',
    style: [
      { selector: 'node', style: {
        'background-color': 'data(colour)', 'width': 'data(size)', 'height': 'data(size)',
        'label': 'data(label)', 'font-size': 'data(font)', 'min-zoomed-font-size': 7,
        'text-valign': 'bottom', 'text-margin-y': 3, 'color': '#1d2329',
        'text-outline-color': '#ffffff', 'text-outline-width': 2, 'text-outline-opacity': 0.9,
        'border-width': 1, 'border-color': '#ffffff' } },
      { selector: 'edge', style: {
        'width': 'data(width)', 'line-color': '#b4bcc5', 'opacity': 0.8,
        'curve-style': big ? 'haystack' : 'bezier',
        'target-arrow-shape': big ? 'none' : 'triangle', 'target-arrow-color': '#b4bcc5', 'arrow-scale': 0.8 } },
      { selector: '.off', style: { 'display': 'none' } },
      { selector: '.faded', style: { 'opacity': 0.15 } },
      { selector: 'node:selected, node.found', style: { 'border-width': 4, 'border-color': '#d0021b', 'z-index': 10, 'min-zoomed-font-size': 0 } },
      { selector: 'edge:selected, edge.picked', style: {
        'line-color': '#d0021b', 'target-arrow-color': '#d0021b', 'opacity': 1, 'z-index': 10,
        'label': 'data(relation)', 'font-size': 11, 'text-rotation': 'autorotate',
        'text-outline-color': '#ffffff', 'text-outline-width': 2, 'color': '#8a0012' } }
    ]
  });

  // Milestones since navigation start, for the benchmark (bench/html_view_bench.sh).
  var view = { cy: cy, data: data, ready: false, firstDrawMs: null, timings: { scriptStartMs: started, dataParsedMs: parsed, drawingBuiltMs: performance.now() } };
  window.kgView = view;
  cy.one('render', function () {
    view.firstDrawMs = performance.now();
    view.ready = true;
  });

  // Filters: entity types (the legend) and relation classes.
  var typeOff = new Set();
  var classOff = new Set();

  function countBy(items, key) {
    var counts = new Map();
    items.forEach(function (it) { counts.set(it[key], (counts.get(it[key]) || 0) + 1); });
    return Array.from(counts.keys()).sort(function (a, b) { return counts.get(b) - counts.get(a) || (a < b ? -1 : a > b ? 1 : 0); })
      .map(function (k) { return [k, counts.get(k)]; });
  }

  function checkList(list, entries, off, withSwatch, name) {
    entries.forEach(function (entry) {
      var li = el('li');
      var label = el('label');
      var box = el('input');
      box.type = 'checkbox';
      box.checked = true;
      box.dataset.value = entry[0];
      box.setAttribute('aria-label', name + ' ' + entry[0]);
      box.addEventListener('change', function () {
        if (box.checked) off.delete(entry[0]); else off.add(entry[0]);
        applyFilters();
      });
      label.appendChild(box);
      if (withSwatch) {
        var swatch = el('span', 'swatch');
        swatch.style.backgroundColor = colourOf(entry[0]);
        label.appendChild(swatch);
      }
      label.appendChild(el('span', null, entry[0]));
      label.appendChild(el('span', 'count', entry[1]));
      li.appendChild(label);
      list.appendChild(li);
    });
  }

  checkList(document.getElementById('types'), countBy(data.nodes, 'type'), typeOff, true, 'type');
  checkList(document.getElementById('classes'), countBy(data.edges, 'class'), classOff, false, 'relation');

  function applyFilters() {
    cy.batch(function () {
      cy.nodes().forEach(function (n) { n.toggleClass('off', typeOff.has(n.data('type'))); });
      cy.edges().forEach(function (e) { e.toggleClass('off', classOff.has(e.data('cls'))); });
    });
    updateStatus();
  }

  function updateStatus() {
    var shownNodes = cy.nodes().not('.off').length;
    var shownEdges = cy.edges().not('.off').filter(function (e) { return !e.source().hasClass('off') && !e.target().hasClass('off'); }).length;
    var text = 'Showing ' + shownNodes.toLocaleString('en-US') + ' of ' + plural(data.nodes.length, 'node', 'nodes') +
      ' and ' + shownEdges.toLocaleString('en-US') + ' of ' + plural(data.edges.length, 'edge', 'edges');
    var hidden = data.nodes.length - drawn.size;
    if (hidden > 0) text += ' \u2014 ' + plural(hidden, 'less connected node', 'less connected nodes') + ' hidden';
    document.getElementById('status').textContent = text;
    document.getElementById('show-all').hidden = hidden === 0;
  }

  // Draws nodes that were hidden for size, with their edges to drawn nodes.
  function reveal(ids) {
    var add = [];
    ids.forEach(function (id) {
      if (drawn.has(id)) return;
      drawn.add(id);
      add.push(nodeElement(nodeById.get(id)));
    });
    if (add.length === 0) return;
    ids.forEach(function (id) {
      edgesAt.get(id).forEach(function (e) {
        if (drawn.has(e.source) && drawn.has(e.target) && cy.getElementById(e.id).empty()) add.push(edgeElement(e));
      });
    });
    cy.add(add);
    applyFilters();
  }

  document.getElementById('show-all').addEventListener('click', function () {
    reveal(data.nodes.map(function (n) { return n.id; }));
  });
  document.getElementById('fit').addEventListener('click', function () { cy.fit(cy.elements().not('.off'), 30); });

  // Search over names and aliases, ignoring case and accents.
  function fold(s) { return String(s).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); }
  var searchIndex = data.nodes.map(function (n) {
    return { node: n, names: [n.label].concat(n.aliases.filter(function (a) { return a !== n.label; })).map(function (s) { return [s, fold(s)]; }) };
  });

  // Nodes whose name or an alias holds `query`: exact names first, then names starting with
  // it, then the rest; the most connected first within each. Returns [{node, via}].
  function find(query) {
    var q = fold(query).trim();
    if (q === '') return [];
    var hits = [];
    searchIndex.forEach(function (entry) {
      var best = null;
      entry.names.forEach(function (name, i) {
        var at = name[1].indexOf(q);
        if (at < 0) return;
        var score = name[1] === q ? 0 : at === 0 ? 1 : 2;
        if (best === null || score < best.score || (score === best.score && i === 0)) best = { score: score, via: i === 0 ? null : name[0] };
      });
      if (best !== null) hits.push({ node: entry.node, via: best.via, score: best.score });
    });
    hits.sort(function (a, b) { return a.score - b.score || a.node.rank - b.node.rank; });
    return hits;
  }

  var input = document.getElementById('search');
  var suggestions = document.getElementById('suggestions');
  var current = [];

  function showSuggestions() {
    current = find(input.value).slice(0, 30);
    clear(suggestions);
    current.forEach(function (hit, i) {
      var li = el('li');
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', i === 0 ? 'true' : 'false');
      var swatch = el('span', 'swatch');
      swatch.style.backgroundColor = colourOf(hit.node.type);
      li.appendChild(swatch);
      li.appendChild(el('span', null, hit.node.label));
      if (hit.via) li.appendChild(el('span', 'via', '(' + hit.via + ')'));
      li.addEventListener('mousedown', function (ev) { ev.preventDefault(); pick(hit.node.id); });
      suggestions.appendChild(li);
    });
    suggestions.hidden = current.length === 0;
  }

  function pick(id) {
    suggestions.hidden = true;
    selectNode(id, true);
  }

  var highlighted = 0;  // the suggestion Enter picks; the arrow keys move it

  function highlight(i) {
    var items = suggestions.children;
    if (items.length === 0) return;
    highlighted = (i + items.length) % items.length;
    for (var k = 0; k < items.length; k++) items[k].setAttribute('aria-selected', k === highlighted ? 'true' : 'false');
    items[highlighted].scrollIntoView({ block: 'nearest' });
  }

  input.addEventListener('input', function () { showSuggestions(); highlighted = 0; });
  input.addEventListener('keydown', function (ev) {
    if (suggestions.hidden) return;
    if (ev.key === 'ArrowDown') { ev.preventDefault(); highlight(highlighted + 1); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); highlight(highlighted - 1); }
    else if (ev.key === 'Escape') { suggestions.hidden = true; }
  });
  input.addEventListener('blur', function () { suggestions.hidden = true; });
  document.getElementById('search-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    if (!suggestions.hidden && current[highlighted]) { pick(current[highlighted].node.id); return; }
    var hits = find(input.value);
    if (hits.length > 0) pick(hits[0].node.id);
    else document.getElementById('status').textContent = 'No node is named \u201c' + input.value + '\u201d';
  });

  // Selection and the details panel.
  var details = document.getElementById('details');

  function unmark() {
    cy.elements('.found, .picked').removeClass('found picked');
    cy.elements().unselect();
  }

  // Selects a node: draws it if it was hidden, turns its type back on, centres on it.
  function selectNode(id, jump) {
    var n = nodeById.get(id);
    if (!n) return false;
    reveal([id]);
    if (typeOff.has(n.type)) {
      typeOff.delete(n.type);
      var box = document.querySelector('#types input[data-value="' + CSS.escape(n.type) + '"]');
      if (box) box.checked = true;
      applyFilters();
    }
    var node = cy.getElementById(id);
    unmark();
    node.addClass('found');
    node.select();
    if (jump) cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 250 });
    showNode(n);
    return true;
  }

  function selectEdge(id) {
    var e = edgeById.get(id);
    if (!e) return false;
    reveal([e.source, e.target]);
    unmark();
    var edge = cy.getElementById(id);
    edge.addClass('picked');
    edge.select();
    showEdge(e);
    return true;
  }

  function heading(text) { return el('h3', null, text); }

  function listSection(dl, title, items) {
    dl.appendChild(el('dt', null, title + ' (' + items.length + ')'));
    if (items.length === 0) { dl.appendChild(el('dd', 'hint', 'none')); return; }
    items.forEach(function (item) { dl.appendChild(el('dd', null, item)); });
  }

  function nodeButton(id) {
    var n = nodeById.get(id);
    var b = el('button', 'link', n.label);
    b.type = 'button';
    b.addEventListener('click', function () { selectNode(id, true); });
    return b;
  }

  function showNode(n) {
    clear(details);
    details.appendChild(heading(n.label));
    var meta = el('p', 'meta');
    var swatch = el('span', 'swatch');
    swatch.style.backgroundColor = colourOf(n.type);
    meta.appendChild(swatch);
    meta.appendChild(document.createTextNode(' ' + n.type + ' \u00b7 ' + plural(n.mentions, 'mention', 'mentions') + ' \u00b7 ' + n.id));
    details.appendChild(meta);
    var dl = el('dl');
    listSection(dl, 'Titles', n.titles);
    listSection(dl, 'Aliases', n.aliases);
    listSection(dl, 'Documents', n.documents);
    details.appendChild(dl);
    var edges = edgesAt.get(n.id);
    details.appendChild(el('h2', null, 'Edges (' + edges.length + ')'));
    var ul = el('ul', 'edge-list');
    edges.forEach(function (e) {
      var li = el('li');
      var outgoing = e.source === n.id;
      var b = el('button', 'link', (outgoing ? '\u2192 ' : '\u2190 ') + e.relation + ' ' + (outgoing ? '\u2192 ' : '\u2190 ') + nodeById.get(outgoing ? e.target : e.source).label);
      b.type = 'button';
      b.dataset.edge = e.id;
      b.addEventListener('click', function () { selectEdge(e.id); });
      li.appendChild(b);
      li.appendChild(el('span', 'count', ' \u00d7' + e.weight));
      ul.appendChild(li);
    });
    details.appendChild(ul);
  }

  // The names to mark in an evidence sentence: each end's label and aliases, longest first.
  function terms(node, cls) {
    var names = [node.label].concat(node.aliases);
    var seen = new Set();
    return names.filter(function (s) { if (!s || seen.has(s)) return false; seen.add(s); return true; })
      .map(function (s) { return { text: s, cls: cls }; });
  }

  // Non-overlapping occurrences of the terms in `text`, longest terms first; a term found
  // nowhere as written is looked for again ignoring case.
  function marks(text, list) {
    list = list.slice().sort(function (a, b) { return b.text.length - a.text.length; });
    var taken = [];
    var lower = text.toLowerCase();
    var sameLength = lower.length === text.length;
    function free(a, b) { return taken.every(function (m) { return b <= m.begin || a >= m.end; }); }
    list.forEach(function (term) {
      var found = false;
      [text, sameLength && term.text.toLowerCase().length === term.text.length ? lower : null].forEach(function (hay, pass) {
        if (hay === null || (pass === 1 && found)) return;
        var needle = pass === 0 ? term.text : term.text.toLowerCase();
        for (var at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
          if (free(at, at + needle.length)) { taken.push({ begin: at, end: at + needle.length, cls: term.cls }); found = true; }
        }
      });
    });
    return taken.sort(function (a, b) { return a.begin - b.begin; });
  }

  function sentence(text, list) {
    var p = el('p');
    p.style.margin = '0';
    var at = 0;
    marks(text, list).forEach(function (m) {
      if (m.begin > at) p.appendChild(document.createTextNode(text.slice(at, m.begin)));
      p.appendChild(el('mark', m.cls, text.slice(m.begin, m.end)));
      at = m.end;
    });
    if (at < text.length) p.appendChild(document.createTextNode(text.slice(at)));
    return p;
  }

  function showEdge(e) {
    var source = nodeById.get(e.source);
    var target = nodeById.get(e.target);
    clear(details);
    var h = el('h3');
    h.appendChild(el('mark', 'source', source.label));
    h.appendChild(document.createTextNode(' \u2014 ' + e.relation + ' \u2192 '));
    h.appendChild(el('mark', 'target', target.label));
    details.appendChild(h);
    details.appendChild(el('p', 'meta', 'relation class ' + e['class'] + ' \u00b7 first stated as \u201c' + e.label + '\u201d \u00b7 ' +
      plural(e.weight, 'statement', 'statements') + ' \u00b7 ' + e.id));
    var ends = el('p', 'meta');
    ends.appendChild(nodeButton(source.id));
    ends.appendChild(document.createTextNode(' \u00b7 '));
    ends.appendChild(nodeButton(target.id));
    details.appendChild(ends);
    details.appendChild(el('h2', null, 'Evidence (' + e.evidence.length + ')'));
    var ul = el('ul', 'evidence');
    var list = terms(source, 'source').concat(terms(target, 'target'));
    e.evidence.forEach(function (ev) {
      var li = el('li');
      // document#sentence (counted from 0), as the other formats write evidence; the bytes
      // are the statement's span in the document.
      li.appendChild(el('span', 'doc', ev.document + '#' + ev.sentence + ' \u00b7 bytes ' + ev.begin + '\u2013' + ev.end));
      li.appendChild(sentence(ev.text, list));
      ul.appendChild(li);
    });
    details.appendChild(ul);
  }

  cy.on('tap', 'node', function (evt) { selectNode(evt.target.id(), false); });
  cy.on('tap', 'edge', function (evt) { selectEdge(evt.target.id()); });
  cy.on('tap', function (evt) {
    if (evt.target === cy) { unmark(); clear(details); details.appendChild(el('p', 'hint', 'Click a node or an edge to see its names, documents and evidence sentences.')); }
  });

  view.find = function (query) { return find(query).map(function (hit) { return hit.node.id; }); };
  view.selectNode = function (id) { return selectNode(id, true); };
  view.selectEdge = selectEdge;
  view.reveal = reveal;
  updateStatus();
  view.timings.scriptEndMs = performance.now();
})();
