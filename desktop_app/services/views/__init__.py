"""Read views shared by the grid, the exporters and the summaries.

A fact every reader shows is read and shaped here once, so a new field (the session's
weather was the first) is added in one place and the workbook and the summary can never
quote it differently.
"""
