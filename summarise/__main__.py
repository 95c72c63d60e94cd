"""``python -m summarise``: the same command line as the ``summarise`` script."""

from summarise.cli import main

if __name__ == "__main__":
    main(prog_name="summarise")
