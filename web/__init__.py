"""The netmap web app: ``create_app(config=None)`` with one blueprint per area.

Areas: ``auth`` (login/logout), ``maps`` (map explorer and its JSON), ``actors`` (actor pages,
engagements, edits, search), ``entry`` (entry points + CSV), ``paths`` (path finder), ``console``
(Cypher console + saved queries), ``imports`` (spreadsheet upload, dry run, commit).
"""

from netmap.web.app import create_app

__all__ = ["create_app"]
