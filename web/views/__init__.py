"""One blueprint per area; each view parses input, makes one call into netmap, formats the result."""
