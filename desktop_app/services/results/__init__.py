"""The results grid's actions, columns and reads: plain Python the window, CLI and tests share."""
