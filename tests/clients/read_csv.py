#!/usr/bin/python3
"""Reads a kgbuild CSV pair the way a Python user would, for the doctest suite.

Usage: /usr/bin/python3 read_csv.py NODES.csv EDGES.csv

Each file is read with the csv module (its default dialect is RFC 4180's: commas,
double quotes doubled, quoted fields may hold line breaks), strictly, as UTF-8. The
pair then becomes a networkx MultiDiGraph: node ids from the "Id" (Gephi) or "id:ID"
(neo4j-admin) column, edges from "Source"/"Target" or ":START_ID"/":END_ID", keyed by
"Id" or "id". Prints {"nodes": {"header", "rows"}, "edges": {"header", "rows"},
"graph": {"nodes", "edges", "dangling"}} as JSON ("dangling": edges naming an unknown
node) and exits 0; exits 1 with the reason on stderr when a file does not parse.
"""
import csv
import json
import sys

import networkx as nx


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, strict=True))
    if not rows:
        raise ValueError(f"{path}: no header row")
    return {"header": rows[0], "rows": rows[1:]}


def column(table, names):
    for name in names:
        if name in table["header"]:
            return table["header"].index(name)
    raise ValueError(f"none of the columns {names} in {table['header']}")


def main(argv):
    if len(argv) != 2:
        print("usage: read_csv.py NODES.csv EDGES.csv", file=sys.stderr)
        return 2
    try:
        nodes, edges = read(argv[0]), read(argv[1])
        for table, path in ((nodes, argv[0]), (edges, argv[1])):
            width = len(table["header"])
            for number, row in enumerate(table["rows"], start=2):
                if len(row) != width:
                    raise ValueError(f"{path}: record {number} has {len(row)} fields, the header {width}")
        node_id = column(nodes, ["Id", "id:ID"])
        source = column(edges, ["Source", ":START_ID"])
        target = column(edges, ["Target", ":END_ID"])
        edge_id = column(edges, ["Id", "id"])
    except (OSError, UnicodeDecodeError, csv.Error, ValueError) as e:
        print(e, file=sys.stderr)
        return 1
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(row[node_id] for row in nodes["rows"])
    known = set(graph.nodes)
    dangling = 0
    for row in edges["rows"]:
        dangling += row[source] not in known or row[target] not in known
        graph.add_edge(row[source], row[target], key=row[edge_id])
    summary = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(), "dangling": dangling}
    print(json.dumps({"nodes": nodes, "edges": edges, "graph": summary}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
