"""Raw text before parsing: boilerplate blanked, the language checked, dates read."""
