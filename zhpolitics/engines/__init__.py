"""Execution engines beyond the built-in local runner (:mod:`zhpolitics.runner`).

* :mod:`zhpolitics.engines.dask_engine` — ``zhpolitics extract --engine dask``: partitions
  run on a Dask cluster (``pip install 'zhpolitics[dask]'``).  Dask is imported lazily, so
  importing this package never needs it.
"""
