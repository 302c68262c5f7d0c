#!/usr/bin/env node
// Opens a page kgbuild wrote (-f html) in headless Chromium, as a reader would, and checks it:
// it loads from file:// with no console error, no page error, no dialog and no request but
// the page itself; it draws every node and edge of its data (read from the cytoscape
// instance the viewer puts on window.kgView); a search finds a node and shows it; a real
// mouse click on that node shows its details; a click on one of its edges in the details
// shows that edge's evidence sentences with the names marked. A page that opens on part of
// its nodes (kgbuild --html-nodes) says how many it hides and draws them all on request.
//
// Usage: node check_html.js PAGE [options]
//   --nodes N --edges M   the counts the page must draw (kgbuild's own summary)
//   --search TEXT         the query to type; the node found must be labelled --expect-label
//   --expect-label TEXT   (default: the query itself)
//   --hostile TEXT        this text must show in the details as text (repeatable)
//   --screenshot PNG      save a 1400x900 screenshot after the checks
//   --timing              measure time to first draw, and frame times while the mouse
//                         wheel zooms and a drag moves the view
// Prints one JSON object on stdout: {"ok", "failures": [...], "nodes", "edges", ...}.
// Exits 0 when every check passed, 1 otherwise, 2 on bad usage. CHROMIUM (environment)
// names the browser; default /usr/bin/chromium.
'use strict';

const path = require('path');
const { pathToFileURL } = require('url');
const puppeteer = require('puppeteer-core');

function parseArgs(argv) {
  const args = { hostile: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--nodes') args.nodes = Number(value());
    else if (a === '--edges') args.edges = Number(value());
    else if (a === '--search') args.search = value();
    else if (a === '--expect-label') args.expectLabel = value();
    else if (a === '--hostile') args.hostile.push(value());
    else if (a === '--screenshot') args.screenshot = value();
    else if (a === '--timing') args.timing = true;
    else if (!args.page && !a.startsWith('--')) args.page = a;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.page) throw new Error('usage: node check_html.js PAGE [--nodes N --edges M] [--search TEXT] ...');
  return args;
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(e.message + '\n');
    return 2;
  }
  const pageUrl = pathToFileURL(path.resolve(args.page)).href;
  const failures = [];
  const result = { ok: false, failures };
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--no-first-run', '--disable-extensions',
           '--disable-background-networking', '--disable-component-update', '--disable-default-apps',
           '--disable-sync', '--metrics-recording-only', '--no-default-browser-check'],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    const requests = [];
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.url() === pageUrl) {
        request.continue();
      } else {
        requests.push(request.url());
        request.abort();
      }
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warn') failures.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
    page.on('dialog', async (dialog) => {
      failures.push(`a script opened a ${dialog.type()} dialog: ${dialog.message()}`);
      await dialog.dismiss();
    });

    await page.goto(pageUrl, { waitUntil: 'load', timeout: 120000 });
    await page.waitForFunction(() => window.kgView && window.kgView.ready, { timeout: 120000 });
    // Let anything an injected element could trigger (an image's onerror) happen first.
    await new Promise((resolve) => setTimeout(resolve, 300));

    Object.assign(result, await page.evaluate(() => {
      const v = window.kgView;
      return {
        nodes: v.cy.nodes().length,
        edges: v.cy.edges().length,
        dataNodes: v.data.nodes.length,
        dataEdges: v.data.edges.length,
        shown: v.data.shown,
        visibleNodes: v.cy.nodes(':visible').length,
        firstDrawMs: v.firstDrawMs,
        timings: v.timings,
        scripts: document.scripts.length,
        images: document.images.length,
        handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
        status: document.getElementById('status').textContent,
      };
    }));
    const drawnNodes = Math.min(result.dataNodes, result.shown);
    if (result.nodes !== drawnNodes) failures.push(`drew ${result.nodes} nodes, expected ${drawnNodes}`);
    if (result.dataNodes === result.shown && result.edges !== result.dataEdges) failures.push(`drew ${result.edges} edges of ${result.dataEdges}`);
    if (args.nodes !== undefined && result.dataNodes !== args.nodes) failures.push(`page holds ${result.dataNodes} nodes, kgbuild said ${args.nodes}`);
    if (args.edges !== undefined && result.dataEdges !== args.edges) failures.push(`page holds ${result.dataEdges} edges, kgbuild said ${args.edges}`);
    if (result.visibleNodes !== result.nodes) failures.push(`${result.nodes - result.visibleNodes} drawn nodes are not visible`);
    if (result.scripts !== 3) failures.push(`the page has ${result.scripts} script elements, not 3`);
    if (result.images !== 0) failures.push(`the page has ${result.images} img elements`);
    if (result.handlers !== 0) failures.push(`the page has ${result.handlers} elements with inline event handlers`);

    // A page that hides its least connected nodes says how many, and draws them all on
    // "Show all nodes".
    if (result.shown < result.dataNodes) {
      const hidden = (result.dataNodes - result.shown).toLocaleString('en-US');
      if (!result.status.includes(`${hidden} less connected node`)) failures.push(`the status does not say ${hidden} nodes are hidden: ${result.status}`);
      await page.click('#show-all');
      result.afterShowAll = await page.evaluate(() => ({
        nodes: window.kgView.cy.nodes().length,
        edges: window.kgView.cy.edges().length,
        button: document.getElementById('show-all').hidden,
      }));
      if (result.afterShowAll.nodes !== result.dataNodes || result.afterShowAll.edges !== result.dataEdges) {
        failures.push(`after Show all nodes the page draws ${result.afterShowAll.nodes} nodes and ${result.afterShowAll.edges} edges`);
      }
      if (!result.afterShowAll.button) failures.push('the Show all nodes button stays after it was used');
    }

    if (args.search !== undefined) {
      const label = args.expectLabel !== undefined ? args.expectLabel : args.search;
      await page.type('#search', args.search);
      result.suggestions = await page.$$eval('#suggestions li', (items) => items.length);
      if (result.suggestions === 0) failures.push(`typing '${args.search}' suggested nothing`);
      await page.keyboard.press('Enter');
      await new Promise((resolve) => setTimeout(resolve, 400));  // the jump animates for 250 ms
      const found = await page.evaluate(() => {
        const selected = window.kgView.cy.nodes(':selected');
        const h3 = document.querySelector('#details h3');
        return { selected: selected.length ? selected[0].data('label') : null, heading: h3 ? h3.textContent : null };
      });
      result.found = found.selected;
      if (found.selected !== label) failures.push(`search '${args.search}' selected ${JSON.stringify(found.selected)}, not ${JSON.stringify(label)}`);
      if (found.heading !== label) failures.push(`after the search the details show ${JSON.stringify(found.heading)}`);

      // A real click on the node where it is drawn.
      await page.evaluate(() => { window.kgView.cy.elements().unselect(); });
      const at = await page.evaluate(() => {
        const v = window.kgView;
        const node = v.cy.nodes(':selected, .found')[0];
        const p = node.renderedPosition();
        const box = v.cy.container().getBoundingClientRect();
        return { x: box.left + p.x, y: box.top + p.y, id: node.id() };
      });
      await page.evaluate(() => {
        const details = document.getElementById('details');
        while (details.firstChild) details.removeChild(details.firstChild);
      });
      await page.mouse.click(at.x, at.y);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const clicked = await page.evaluate(() => {
        const h3 = document.querySelector('#details h3');
        return { heading: h3 ? h3.textContent : null, edgeButtons: document.querySelectorAll('#details button[data-edge]').length };
      });
      result.clickedNode = clicked.heading;
      if (clicked.heading !== label) failures.push(`a click on the node showed ${JSON.stringify(clicked.heading)}, not ${JSON.stringify(label)}`);
      if (clicked.edgeButtons === 0) failures.push('the clicked node lists no edges');

      // The first of its edges, clicked in the list, shows all its evidence sentences.
      result.evidence = [];
      const buttons = await page.$$('#details button[data-edge]');
      if (buttons.length > 0) {
        await buttons[0].click();
        const shown = await page.evaluate(() => {
          const v = window.kgView;
          const picked = v.cy.edges('.picked')[0];
          const edge = picked ? v.data.edges.find((e) => e.id === picked.id()) : null;
          const items = Array.from(document.querySelectorAll('#details .evidence li'));
          return {
            id: picked ? picked.id() : null,
            expected: edge ? edge.evidence.map((ev) => ev.text) : [],
            sentences: items.map((li) => li.querySelector('p').textContent),
            documents: items.map((li) => li.querySelector('.doc').textContent),
            marks: document.querySelectorAll('#details .evidence mark').length,
            text: document.getElementById('details').textContent,
          };
        });
        result.evidence.push({ id: shown.id, sentences: shown.sentences.length, marks: shown.marks });
        if (shown.id === null) failures.push('a click on an edge in the list picked no edge');
        if (shown.sentences.length === 0) failures.push(`edge ${shown.id} shows no evidence sentence`);
        if (JSON.stringify(shown.sentences) !== JSON.stringify(shown.expected)) failures.push(`edge ${shown.id} shows other sentences than its evidence`);
        if (shown.marks === 0) failures.push(`edge ${shown.id}: no name marked in its evidence`);
        if (shown.documents.some((d) => d === '')) failures.push(`edge ${shown.id}: an evidence sentence without its document`);
      }
      // Each hostile string, typed into the search, finds its node, whose details show it as text.
      for (const h of args.hostile) {
        await page.click('#search', { clickCount: 3 });
        await page.keyboard.press('Backspace');
        await page.type('#search', h);
        await page.keyboard.press('Enter');
        await new Promise((resolve) => setTimeout(resolve, 300));
        const text = await page.evaluate(() => document.getElementById('details').textContent);
        if (!text.includes(h)) failures.push(`searching ${JSON.stringify(h)} does not show it as text in the details`);
      }
    }

    if (args.timing) {
      // Frame times while a reader zooms with the mouse wheel and drags the view, as real
      // input events (cytoscape draws from a cached image while the view moves, and only
      // for input it handles itself): the intervals between animation frames over that time.
      await page.evaluate(() => {
        window.kgFrames = [];
        let last = performance.now();
        const step = (now) => {
          window.kgFrames.push(now - last);
          last = now;
          if (!window.kgFramesStop) requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      });
      const box = await page.evaluate(() => {
        const r = window.kgView.cy.container().getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      });
      await page.mouse.move(box.x, box.y);
      const pause = () => new Promise((resolve) => setTimeout(resolve, 40));
      for (let i = 0; i < 20; i++) {
        await page.mouse.wheel({ deltaY: i < 10 ? -120 : 120 });
        await pause();
      }
      await page.mouse.down();
      for (let i = 0; i < 25; i++) {
        await page.mouse.move(box.x + 8 * i, box.y + 5 * i);
        await pause();
      }
      await page.mouse.up();
      result.frames = await page.evaluate(() => {
        window.kgFramesStop = true;
        const times = window.kgFrames.slice(1).sort((a, b) => a - b);
        return { count: times.length, medianMs: times[Math.floor(times.length / 2)], p95Ms: times[Math.floor(times.length * 0.95)] };
      });
    }

    const after = await page.evaluate(() => ({
      scripts: document.scripts.length,
      images: document.images.length,
      handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
    }));
    if (after.scripts !== 3 || after.images !== 0 || after.handlers !== 0) {
      failures.push(`after the clicks the page has ${after.scripts} scripts, ${after.images} images, ${after.handlers} inline handlers`);
    }
    if (args.screenshot) {
      // The linked nodes in view; the details (and a picked edge) stay as the checks left them.
      await page.evaluate(() => {
        const cy = window.kgView.cy;
        cy.elements().unselect();
        cy.fit(cy.nodes().filter((n) => n.degree() > 0), 30);
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await page.screenshot({ path: args.screenshot });
    }
    result.requests = requests;
    for (const url of requests) failures.push(`the page asked for ${url}`);
  } catch (e) {
    failures.push(`check failed: ${e.message}`);
  } finally {
    await browser.close();
  }
  result.ok = failures.length === 0;
  process.stdout.write(JSON.stringify(result) + '\n');
  return result.ok ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exitCode = 1;
});
