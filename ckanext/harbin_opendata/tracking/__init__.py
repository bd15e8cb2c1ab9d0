"""Page views: harbin_tracking (CKAN's tracking plugin with batched counts)."""
