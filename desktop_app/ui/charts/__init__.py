"""Charts drawn from a session's laps (pyqtgraph over Qt): the data comes from services."""
