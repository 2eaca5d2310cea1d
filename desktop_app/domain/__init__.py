"""Pure racing rules: times, gaps, positions and the words for them; no Qt, SQL or I/O."""
