"""Which of the suite's optional companions are loaded."""
import ckan.plugins as p

__all__ = ["counting_views"]


def counting_views() -> bool:
    """Whether page views are recorded and summed: harbin_tracking, or CKAN's own tracking plugin."""
    return p.plugin_loaded("harbin_tracking") or p.plugin_loaded("tracking")
