"""Excel workbooks and CSV files for colleagues who do not run RaceDesk.

Call ``export_event_workbook`` / ``export_events_workbook`` for .xlsx and
``export_session_csv`` for one session as CSV; all write atomically and take an optional
``progress(done, total)`` callback and ``cancelled()`` check.
"""

from desktop_app.services.export.atomic import ExportCancelled, ExportError
from desktop_app.services.export.csv_export import export_session_csv
from desktop_app.services.export.workbook import export_event_workbook, export_events_workbook

__all__ = [
    "ExportCancelled",
    "ExportError",
    "export_event_workbook",
    "export_events_workbook",
    "export_session_csv",
]
