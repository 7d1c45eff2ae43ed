"""Resolve: per-entry facts that need context (entry date, region, aliases, target years)."""
