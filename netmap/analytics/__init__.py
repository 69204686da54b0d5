"""Pure analytics over projected NetworkX graphs, each number with the reasons behind it.

One family per module (centrality, brokerage, communities, paths, entry_points, coverage, suggestions);
:mod:`.structure` computes the structural scores once for a graph, and :mod:`.report` is the facade the
CLI, the web app and the export call.
"""
