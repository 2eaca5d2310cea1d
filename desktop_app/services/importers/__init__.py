"""Importers for official timing files (Al Kamel CSV exports) and other results sheets."""
