"""Usage statements per contract and month."""
