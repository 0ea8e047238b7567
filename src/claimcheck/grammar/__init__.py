"""The words of a claim: units, figures, relations, coordinates and directions."""
