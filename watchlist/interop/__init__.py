"""File formats other trackers use: pure conversions on domain objects, no storage."""
