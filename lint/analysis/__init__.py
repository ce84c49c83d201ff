"""Text analysis shared by rules, importer and report: stage text and stage reading, the character model and
garbling detection, administrative divisions, list titles and the power-type vocabulary."""
