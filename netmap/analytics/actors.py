"""Finding actors in a projected graph: by id or name, and the home actor (our own organisation)."""

from __future__ import annotations

from typing import Any

import networkx as nx

from netmap.errors import ConfigError, NotFound
from netmap.messages import Message
from netmap.model.names import entity_name

__all__ = ["display_name", "number", "resolve_actor", "resolve_home"]

HOME_HINT = "set one with 'netmap config set home_actor ID' (or NETMAP_HOME_ACTOR), or pass --home"


def resolve_actor(graph: nx.Graph, ref: str) -> Any:
    """The node whose id is ``ref``, else the one node whose name is ``ref`` (ignoring case).

    >>> g = nx.Graph(); g.add_node("unhcr", name="UNHCR")
    >>> resolve_actor(g, "unhcr"), resolve_actor(g, "Unhcr")
    ('unhcr', 'unhcr')
    """
    if ref in graph:
        return ref
    wanted = ref.strip().casefold()
    matches = sorted((n for n, name in graph.nodes(data="name") if str(name or "").casefold() == wanted), key=str)
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise NotFound(f"{len(matches)} actors are named {ref!r}: {', '.join(map(str, matches))}", "use an id")
    raise NotFound(f"no actor {ref!r} in the graph", "check the id (netmap query, or the web app's search)")


def resolve_home(graph: nx.Graph, home: str | None) -> Any:
    """The home actor's node: :class:`ConfigError` when none is configured, :class:`NotFound` when absent.

    >>> resolve_home(nx.Graph([("us", "them")]), "us")
    'us'
    """
    if not home:
        raise ConfigError("no home actor configured", HOME_HINT)
    try:
        return resolve_actor(graph, home)
    except NotFound:
        raise NotFound(
            f"the home actor {home!r} is not in the graph",
            "check home_actor / NETMAP_HOME_ACTOR, or load the actor, or pass --home",
        ) from None


def display_name(graph: nx.Graph, node: Any, home: Any = None) -> str:
    """A node's name for a sentence; the home actor is ``us (Name)``.

    >>> g = nx.Graph(); g.add_node("iom", name="IOM")
    >>> display_name(g, "iom", home="iom")
    'us (IOM)'
    """
    name = entity_name(graph.nodes[node], node)  # reads in the reader's language where it has a name in it
    return Message("us (%(name)s)", name=name) if home is not None and node == home else name


def number(value: float) -> str:
    """A number for a sentence: at most two decimals, no trailing zeros.

    >>> number(640.2513), number(3.5), number(2.0)
    ('640.25', '3.5', '2')
    """
    return f"{round(float(value), 2):g}"
