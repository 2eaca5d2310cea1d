"""RaceDesk: timing sheets, workbooks and article-ready text for motorsport reporters."""

__version__ = "0.1.0"
