"""Evaluation against hand-made gold annotations (``/work/shared/gold/FORMAT.md`` describes them).

One module per step: ``gold`` reads the annotation files, ``score`` compares one Result with one gold
article (pure functions), ``report`` renders the scores as a Markdown table or a JSON-able dict. The
``summarise eval`` command (``summarise.cli.eval``) runs the pipeline and ties them together.
"""
