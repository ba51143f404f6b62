"""Source readers for `persona import`."""
