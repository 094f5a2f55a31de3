"""A fleet of kiosks: signed content updates (TUF) and health metrics (Prometheus). No Qt."""
