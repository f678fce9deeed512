"""loopsafe pytest plugin: detectors."""
