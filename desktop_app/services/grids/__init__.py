"""The event, session and entry grids' rows and edits, as plain values and undo steps."""
