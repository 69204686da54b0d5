"""The OpenAPI 3.1 description of the JSON endpoints, served at ``/api/openapi.json``.

The paths, parameters and bodies are written out here (an endpoint that is not described is missing
from the document, and a test says so); the role each one needs is read from its view, so the document
cannot disagree with what the server enforces.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

__all__ = ["API", "openapi_document"]

_FILTERS = [
    ("kind", "Actor kinds to show (repeat or comma-separate), e.g. NGO, Company"),
    ("sphere", "humanitarian, economic or both"),
    ("country", "ISO 3166 alpha-3 codes"),
    ("sector", "sector names"),
    ("status", "engagement statuses"),
    ("rel", "relationship types, e.g. FUNDS"),
    ("focus", "an actor id: show its ego network"),
    ("hops", "1-3 hops around the focus actor"),
    ("aggregate", "top (default) or communities, when the view is too large"),
]


def _query(name: str, description: str, *, required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": required, "description": description, "schema": {"type": "string"}}


def _json(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"type": "object"}}}}


_FILTER_PARAMS = [_query(name, text) for name, text in _FILTERS]

#: path -> method -> operation (without the role and the error responses, added from the views).
API: dict[str, dict[str, dict[str, Any]]] = {
    "/api/map": {
        "get": {
            "summary": "The map: nodes with server-computed positions, edges and a legend, for a filtered view",
            "parameters": _FILTER_PARAMS,
            "responses": {"200": _json("{nodes, edges, legend, note}")},
        }
    },
    "/api/search": {
        "get": {
            "summary": "Actors and initiatives whose name, alias or id contains q (at most 10)",
            "parameters": [_query("q", "text to look for", required=True)],
            "responses": {
                "200": {
                    "description": "a list of {id, name, kind}",
                    "content": {"application/json": {"schema": {"type": "array"}}},
                }
            },
        }
    },
    "/api/entry-points": {
        "get": {
            "summary": "The top 100 entry points for the home organisation, with scores and reasons",
            "parameters": _FILTER_PARAMS,
            "responses": {
                "200": {"description": "ranked rows", "content": {"application/json": {"schema": {"type": "array"}}}}
            },
        }
    },
    "/api/paths": {
        "get": {
            "summary": "The top-k warm paths between two actors, explained",
            "parameters": [
                _query("from", "actor id to start from", required=True),
                _query("to", "actor id to reach", required=True),
                _query("k", "how many paths, 1-10 (default 3)"),
            ],
            "responses": {"200": _json("{paths, nodes, edges}")},
        }
    },
    "/api/layout": {
        "post": {
            "summary": "Save the node positions arranged for a view",
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "view": {"type": "string", "description": "the view's query string, e.g. kind=NGO"},
                                "positions": {"type": "object", "description": "{node id: [x, y]}"},
                            },
                        }
                    }
                },
            },
            "responses": {"200": _json("{saved, view}")},
        }
    },
    "/api/openapi.json": {
        "get": {"summary": "This document", "responses": {"200": _json("an OpenAPI 3.1 document")}},
    },
}

_ERRORS = {
    "400": _json("bad input (or, with a session cookie, a missing CSRF token)"),
    "401": _json("no valid session or bearer token"),
    "403": _json("the user's role does not allow this"),
    "503": _json("the database is not answering just now (try again; GET /healthz says when it is back)"),
}


def _roles(app: Flask) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for rule in app.url_map.iter_rules():
        role = getattr(app.view_functions.get(rule.endpoint), "_netmap_role", None)
        if role is None:
            continue
        for method in rule.methods or ():
            found[(rule.rule, method.lower())] = role
    return found


def openapi_document(app: Flask) -> dict[str, Any]:
    """The document for this app: every described endpoint that the app serves, with its role."""
    roles = _roles(app)
    paths: dict[str, Any] = {}
    for path, operations in API.items():
        for method, operation in operations.items():
            if (path, method) not in roles:
                continue
            role = roles[(path, method)]
            paths.setdefault(path, {})[method] = {
                **operation,
                "description": f"Needs the role {role} or above.",
                "x-netmap-role": role,
                "responses": {**operation["responses"], **_ERRORS},
            }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "netmap",
            "version": "1",
            "description": "The JSON endpoints of the netmap web app. Authenticate with a token from "
            "'netmap users token NAME' as 'Authorization: Bearer TOKEN' (no CSRF token needed), or with "
            "a browser session (then POSTs need the X-CSRFToken header).",
        },
        "components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
        "security": [{"token": []}],
        "paths": paths,
    }
