"""The reusable editable grid view and the pages built from it."""
