"""netmap: stakeholder network mapping for labour-mobility pathways."""

__version__ = "0.1.0"
