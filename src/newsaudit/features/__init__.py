"""Feature extraction shared by training and inference, so both see exactly the same numbers."""
