#!/usr/bin/env node
// Loads a kgbuild output file with graphology, the way a JavaScript user would, and prints
// what it got as JSON, for the doctest suite to compare with kgbuild's own graph.
//
// Usage: node load.js FORMAT FILE   (FORMAT: graphml, gexf or json)
//   graphml: graphology-graphml parse(); gexf: graphology-gexf parse(); json: node-link
//   JSON (kgbuild -f json) turned into a graphology MultiDirectedGraph, keys as ids.
// Prints {"type", "multi", "order", "size", "attributes", "nodes": [{"key", "attributes"}],
// "edges": [{"key", "source", "target", "attributes"}]} on stdout and exits 0; exits 1 with
// the reason on stderr when the file does not load. XML is parsed strictly: any warning or
// error of the XML parser (xmldom) fails the load, where graphology alone would carry on.
'use strict';

const fs = require('fs');
const { MultiDirectedGraph } = require('graphology');
const { DOMParser } = require('@xmldom/xmldom');

function parseXml(text) {
  const fail = (level) => (message) => {
    throw new Error(`XML ${level}: ${message}`);
  };
  const parser = new DOMParser({
    errorHandler: { warning: fail('warning'), error: fail('error'), fatalError: fail('fatal error') },
  });
  return parser.parseFromString(text, 'application/xml');
}

function fromNodeLink(data) {
  if (data.directed !== true || data.multigraph !== true) throw new Error('not a directed multigraph');
  const graph = new MultiDirectedGraph();
  for (const { id, ...attributes } of data.nodes) graph.addNode(id, attributes);
  for (const { source, target, key, ...attributes } of data.links) {
    graph.addDirectedEdgeWithKey(key, source, target, attributes);
  }
  graph.replaceAttributes(data.graph);
  return graph;
}

function load(format, text) {
  switch (format) {
    case 'graphml':
      return require('graphology-graphml').parse(MultiDirectedGraph, parseXml(text));
    case 'gexf':
      return require('graphology-gexf').parse(MultiDirectedGraph, parseXml(text));
    case 'json':
      return fromNodeLink(JSON.parse(text));
    default:
      throw new Error(`unknown format '${format}' (known: graphml, gexf, json)`);
  }
}

function main(argv) {
  if (argv.length !== 2) {
    process.stderr.write('usage: node load.js graphml|gexf|json FILE\n');
    return 2;
  }
  const [format, file] = argv;
  let graph;
  try {
    graph = load(format, fs.readFileSync(file, 'utf8'));
  } catch (e) {
    process.stderr.write(`${file}: ${e.message}\n`);
    return 1;
  }
  const out = {
    type: graph.type,
    multi: graph.multi,
    order: graph.order,
    size: graph.size,
    attributes: graph.getAttributes(),
    nodes: graph.mapNodes((key, attributes) => ({ key, attributes })),
    edges: graph.mapEdges((key, attributes, source, target) => ({ key, source, target, attributes })),
  };
  process.stdout.write(JSON.stringify(out) + '\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
