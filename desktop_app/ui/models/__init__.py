"""Table models of the event, session and entry grids."""
