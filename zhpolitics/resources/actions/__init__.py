"""Cue lists for deputy-action linking (data only; loaded by zhpolitics.actions.cues)."""
