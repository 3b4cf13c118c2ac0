"""Where the optional NBS data (villages, former town names) comes from.

Resolution order: the ``ZHPOLITICS_ADMIN_DATA`` environment variable; the path saved by
``zhpolitics gazetteer add PATH`` in the user config file; a ``shared/data/admin`` folder
beside the source checkout (the development layout).  None of these is required: the
default gazetteer (provinces → towns) ships with the install.
"""

from __future__ import annotations

import json
import os
from pathlib import Path


def config_file() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("zhpolitics")) / "config.json"


def read_config() -> dict:
    p = config_file()
    if p.exists():
        try:
            return json.loads(p.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
    return {}


def write_config(cfg: dict) -> Path:
    p = config_file()
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(json.dumps(cfg, ensure_ascii=False, indent=2), "utf-8")
    return p


def admin_data_dir() -> Path | None:
    """The folder with NBS CSVs to load, or None when there is none."""
    env = os.environ.get("ZHPOLITICS_ADMIN_DATA")
    if env is not None:
        return Path(env) if env and Path(env).is_dir() else None
    cfg = read_config().get("admin_data")
    if cfg and Path(cfg).is_dir():
        return Path(cfg)
    here = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "admin"
    if here.is_dir():
        return here.resolve()
    return None
