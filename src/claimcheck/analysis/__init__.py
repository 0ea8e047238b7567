"""What the claims mean together: verdicts, contradictions, where a place can be."""
