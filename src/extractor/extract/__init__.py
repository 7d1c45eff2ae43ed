"""Rule-based extractors: each scans text and returns mentions with spans into the article."""
