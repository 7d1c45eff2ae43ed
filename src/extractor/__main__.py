"""`python -m extractor ...` runs the same CLI as the `extractor` console script."""

from extractor.cli import main

if __name__ == "__main__":
    main(prog_name="extractor")
