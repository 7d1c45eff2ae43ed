"""Digest extractor: Chinese digest articles -> structured, span-anchored data."""

__version__ = "0.2.0"
