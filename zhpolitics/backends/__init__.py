"""Other statistical cores under the rule layers (optional extras).

``hanlp``: a HanLP model (``pip install 'zhpolitics[hanlp]'``); see
:mod:`zhpolitics.backends.hanlp` (HanLP output → offsets) and
:mod:`zhpolitics.backends.component` (the ``zhpolitics_hanlp`` pipe).
Nothing here is imported unless ``zhpolitics.load(backend=...)`` asks for it.
"""
