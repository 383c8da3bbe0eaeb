"""The demo studio: a deterministic synthetic creative studio written as real-format exports."""
