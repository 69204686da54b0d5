"""Quarterly bundles, snapshots and the diff between two quarters (``netmap export``, ``netmap diff``).

Modules: :mod:`.quarter` (parse ``2026-Q4``), :mod:`.privacy` (what is left out), :mod:`.state` (read
and analyse once), :mod:`.snapshot` (the canonical state), :mod:`.diff` (two snapshots → changes),
:mod:`.workbook`, :mod:`.graphfiles`, :mod:`.html_map`, :mod:`.static_map` (the files) and
:mod:`.bundle` (orchestration, zip, snapshot record).
"""
