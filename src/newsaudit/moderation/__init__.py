"""Comment moderation beyond the statistical heads: rules with spans, language screening, the thread summary."""
