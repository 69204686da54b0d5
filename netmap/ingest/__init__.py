"""Importing: validate an importer's records, resolve them against the graph, write them through the store.

:mod:`.pipeline` drives an import end to end (``run_import``), :mod:`.validation` is its checking pass,
:mod:`.batch_writer` its batched writes, :mod:`.tie_check` checks relationship tables
in a second process, :mod:`.resolve` decides whether an incoming organisation is one we already know. This
file imports none of them, so starting the tie check does not load the database driver first.
"""
