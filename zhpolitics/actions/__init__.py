"""Deputy → action linking support: cue lexicons and the action-type classifier.

Pure Python + numpy (no spaCy), so it can be used outside a spaCy pipeline.
"""
from .cues import LINK_TYPES, Cues, load_cues
from .typer import ActionTyper, ModelNotFoundError

__all__ = ["LINK_TYPES", "Cues", "load_cues", "ActionTyper", "ModelNotFoundError"]
