"""Reads a network export back with a real reader and prints what it got as canonical JSON.

Usage: read_network.py READER PATH [NODES_PATH]
  graphml-networkx  networkx.read_graphml
  graphml-igraph    igraph.Graph.Read_GraphML
  gexf              networkx.read_gexf
  json              networkx.node_link_graph(data, edges="links") (the D3 shape)
  csv               the standard csv module on nodes.csv (PATH) and edges.csv (NODES_PATH)

Output: {"nodes": {id: {attribute: [type, value]}}, "edges": [[source, target, {attribute: [type, value]}]]}
where type is the Python type name the reader produced (str, int, float, bool), so the Rust test
checks both the value and that the reader typed it right.
"""

import csv
import json
import math
import sys


def typed(value):
    if isinstance(value, bool):
        return ["bool", value]
    if isinstance(value, int):
        return ["int", value]
    if isinstance(value, float):
        return ["float", None if math.isnan(value) else value]
    if isinstance(value, str):
        return ["str", value]
    return [type(value).__name__, repr(value)]


def from_networkx(g, skip=()):
    nodes = {str(n): {k: typed(v) for k, v in d.items() if k not in skip} for n, d in g.nodes(data=True)}
    edges = [[str(s), str(t), {k: typed(v) for k, v in d.items() if k not in skip}] for s, t, d in g.edges(data=True)]
    return {"directed": g.is_directed(), "nodes": nodes, "edges": edges}


def main():
    reader, path = sys.argv[1], sys.argv[2]
    if reader == "graphml-networkx":
        import networkx as nx

        out = from_networkx(nx.read_graphml(path))
    elif reader == "graphml-igraph":
        import igraph

        g = igraph.Graph.Read_GraphML(path)
        nodes = {}
        for v in g.vs:
            attrs = v.attributes()
            nodes[attrs.pop("id")] = {k: typed(x) for k, x in attrs.items()}
        names = g.vs["id"]
        edges = [[names[e.source], names[e.target], {k: typed(x) for k, x in e.attributes().items()}] for e in g.es]
        out = {"directed": g.is_directed(), "nodes": nodes, "edges": edges}
    elif reader == "gexf":
        import networkx as nx

        g = nx.read_gexf(path)
        out = from_networkx(g, skip=("viz", "id"))
        for n, d in g.nodes(data=True):
            out["nodes"][str(n)]["viz"] = ["dict", d.get("viz")]
    elif reader == "json":
        import networkx as nx

        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        g = nx.node_link_graph(data, edges="links")
        out = from_networkx(g)
        out["name"] = g.graph.get("name")
        out["cytoscape_nodes"] = len(data["elements"]["nodes"])
        out["cytoscape_edges"] = len(data["elements"]["edges"])
    elif reader == "csv":
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        with open(sys.argv[3], newline="", encoding="utf-8") as f:
            links = list(csv.DictReader(f))
        nodes = {r.pop("Id"): {k: ["str", v] for k, v in r.items()} for r in rows}
        edges = [[r.pop("Source"), r.pop("Target"), {k: ["str", v] for k, v in r.items()}] for r in links]
        out = {"directed": True, "nodes": nodes, "edges": edges}
    else:
        sys.exit(f"unknown reader {reader}")
    json.dump(out, sys.stdout, ensure_ascii=True)


if __name__ == "__main__":
    main()
