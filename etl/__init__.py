"""Import pipeline: detect, parse, validate and load studio exports into the warehouse."""
