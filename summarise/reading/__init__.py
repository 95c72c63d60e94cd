"""Reading an article by rule, without a model: its sentences and where they lie, the numbers and
casualty figures they write, who they attribute what to, the parties they name, and the summary's
figures. Every word list the rules share lives in :mod:`summarise.reading.lexicon`.

Data flows one way: the LLM seam (summarise.llm, extract, plan, strategy) and the passes read through
this package; nothing here imports them.
"""
