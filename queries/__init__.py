"""Saved Cypher, one ``*.cypher`` file per query with a header (installed as ``netmap.queries``)."""
