"""Data files shipped with zhpolitics (see ``admin/README.md`` for sources and licences)."""
