"""Evaluation: the real-page catalogue, the labelled corpus, splits and reports.

Kept apart from scoring: nothing in ``detector.scoring`` imports from here.
"""
